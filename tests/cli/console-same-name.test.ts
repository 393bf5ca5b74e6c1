/**
 * The CLI's console lines of unreadable files, for two units of one name: the file in the bracket
 * of the unit's code, "Xã Chung Chải (mã chung-chai-np, xa/chung-chai-np.xlsx)", not a second bracket.
 */

import { withUnreadableFiles } from '../../src/cli/attribute-unreadable';
import { consoleSummary, type Prepared } from '../../src/cli/commands/summary';
import { defaultCatalogue, defaultSettings, defaultUnits } from '../../src/engine/catalogue/defaults';
import { summarise } from '../../src/engine/pipeline';
import type { Finding, Unit } from '../../src/engine/types';

const base = defaultUnits();
const twin: Unit = { ...(base.find((u) => u.code === 'chung-chai') as Unit), code: 'chung-chai-np', emails: [] };

/** September 2018 with nothing readable: `files` could not be read. */
function consoleText(units: Unit[], files: string[]): string {
  const catalogue = defaultCatalogue();
  const { summary } = summarise({
    catalogue,
    units,
    settings: defaultSettings(),
    period: { type: 'month', year: 2018, index: 9 },
    workbooks: [],
    generatedAt: '2018-10-05T03:00:00Z',
  });
  const unreadable: Finding[] = files.map((file) => ({
    severity: 'error',
    code: 'file-unreadable',
    file,
    message: `Tệp ${file}: không đọc được`,
  }));
  const withFiles = { ...summary, findings: [...unreadable, ...summary.findings] };
  const errors = files.map((file) => ({ file, error: `Tệp ${file}: không đọc được` }));
  const taken = withUnreadableFiles(withFiles, catalogue, errors, new Set(), []);
  const prepared = { summary: taken.summary, lastYearUnreadable: taken.lastYear } as unknown as Prepared;
  return consoleSummary(prepared).join('\n');
}

test('this year and last year: the file after the code, in one bracket', () => {
  const text = consoleText([...base, twin], ['xa/chung-chai-np.xlsx', 'xa/chung-chai-np-2017.xlsx']);
  expect(text).toContain('Không đọc được báo cáo: Xã Chung Chải (mã chung-chai-np, xa/chung-chai-np.xlsx)');
  expect(text).toContain(
    'Không đọc được báo cáo năm 2017 (so cùng kỳ): Xã Chung Chải (mã chung-chai-np, xa/chung-chai-np-2017.xlsx)',
  );
});

test('with one name each, as before', () => {
  const text = consoleText(base, ['xa/chung-chai.xlsx']);
  expect(text).toContain('Không đọc được báo cáo: Xã Chung Chải (xa/chung-chai.xlsx)');
});
