/**
 * The read-back check of `tonghop template` on an existing workbook: an edit that would change a
 * single figure (here made to, by a faulty insertRows) is not written; the file is named instead.
 */
import JSZip from 'jszip';
import catalogueJson from '../../sheets-templates/catalogue.json';
import type { Config } from '../../src/cli/config';
import { upgradeWorkbook } from '../../src/cli/template-upgrade';
import * as insert from '../../src/cli/xlsx/insert-rows';
import { toXlsxBuffer } from '../../src/cli/xlsx/write';
import { defaultSettings, defaultUnits } from '../../src/engine/catalogue/defaults';
import { parseCatalogue } from '../../src/engine/catalogue/schema';
import { CLI_TEXT as T } from '../../src/messages/vi/cli';
import { communeSheet, unit } from './helpers';

jest.mock('../../src/cli/xlsx/insert-rows', () => {
  const actual = jest.requireActual('../../src/cli/xlsx/insert-rows');
  return { ...actual, insertRows: jest.fn(actual.insertRows) };
});

const { insertRows } = jest.requireActual<typeof insert>('../../src/cli/xlsx/insert-rows');

/** The shipped catalogue with one indicator more, at the end of the last group. */
function config(): Config {
  const json = JSON.parse(JSON.stringify(catalogueJson));
  json.indicators.push({
    group: json.indicators.at(-1).group,
    code: 'GHI_CHU_THEM',
    label: 'Ghi chú thêm',
    unit: '',
    kind: 'note',
    overMonths: 'sum',
    overUnits: 'sum',
    phrase: '{n}',
  });
  const parsed = parseCatalogue(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return { catalogue: parsed.value, units: defaultUnits(), settings: defaultSettings() };
}

test('a figure changed by the edit: not written, the file is named as left as it was', async () => {
  const cfg = config();
  const original = Buffer.from(await toXlsxBuffer({ sheets: [communeSheet('nam-ke', 2018)] }));
  const good = await upgradeWorkbook(original, 'nam-ke-2018.xlsx', unit('nam-ke'), 2018, cfg, new Date());
  expect(good.kind).toBe('added');

  jest.mocked(insert.insertRows).mockImplementationOnce(async (...args) => {
    const zip = await JSZip.loadAsync(await insertRows(...args));
    const part = 'xl/worksheets/sheet1.xml';
    const xml = (await zip.file(part)?.async('string')) ?? '';
    // One month figure of one indicator, 1 more.
    const changed = xml.replace(/(<c r="F\d+" s="\d+"><v>)(\d+)(<\/v>)/, (_m, a, n, b) => `${a}${Number(n) + 1}${b}`);
    expect(changed).not.toBe(xml);
    zip.file(part, changed);
    return zip.generateAsync({ type: 'nodebuffer' });
  });
  const bad = await upgradeWorkbook(original, 'nam-ke-2018.xlsx', unit('nam-ke'), 2018, cfg, new Date());
  expect(bad).toEqual({
    kind: 'kept',
    reason: T.upgrade.verify,
    indicators: [expect.objectContaining({ code: 'GHI_CHU_THEM' })],
  });
});
