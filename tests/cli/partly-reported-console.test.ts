/**
 * The CLI's console summary of a quarter: a commune that sent some months is "Mới báo cáo một
 * phần" with the months it lacks, apart from those that sent nothing ("Chưa báo cáo"), as the
 * narrative and the e-mails say. A month reads as before.
 */
import { consoleSummary, type Prepared } from '../../src/cli/commands/summary';
import { summaryOfSent } from '../../src/engine/aggregate/test-helpers';
import type { Finding, Period } from '../../src/engine/types';

/** The console lines of `period` on 20 October 2018, `sent` the months each unit sent (by default B lacks August, C has none). */
function consoleText(period: Period, sent: Record<string, number[]> = { a: [7, 8, 9], b: [7, 9], c: [] }): string {
  // A file not read whose unit is not known: each month's copy of B's workbook may be kept.
  const findings: Finding[] = [
    { severity: 'error', code: 'file-unreadable', file: 'xa-b-T9.xlsx', message: 'không đọc được' },
  ];
  return consoleSummary({ summary: summaryOfSent(period, sent, { findings }) } as unknown as Prepared).join('\n');
}

test('quarter III/2018: C not reported, B in part, lacking August', () => {
  const lines = consoleText({ type: 'quarter', year: 2018, index: 3 }).split('\n');
  expect(lines).toContain('Chưa báo cáo: Xã C');
  expect(lines).toContain('Mới báo cáo một phần: Xã B (thiếu tháng 8)');
  expect(lines.filter((l) => l.startsWith('Chưa báo cáo'))).toEqual(['Chưa báo cáo: Xã C']);
});

test('August: B and C not reported, as before', () => {
  const text = consoleText({ type: 'month', year: 2018, index: 8 });
  expect(text.split('\n')).toContain('Chưa báo cáo: Xã B; Xã C');
  expect(text).not.toContain('một phần');
});

test('a file not read, whose unit is not known: a unit in part may have sent it', () => {
  const lines = consoleText({ type: 'quarter', year: 2018, index: 3 }, { a: [7, 8, 9], b: [7, 8] }).split('\n');
  expect(lines).toContain(
    '1 tệp không đọc được, chưa rõ của đơn vị nào (đơn vị "mới báo cáo một phần" ở trên có thể đã gửi một trong các tệp này): xa-b-T9.xlsx',
  );
  const both = consoleText({ type: 'quarter', year: 2018, index: 3 });
  expect(both).toContain('(đơn vị "chưa báo cáo" hoặc "mới báo cáo một phần" ở trên có thể đã gửi');
  const month = consoleText({ type: 'month', year: 2018, index: 8 });
  expect(month).toContain('(đơn vị "chưa báo cáo" ở trên có thể đã gửi một trong các tệp này): xa-b-T9.xlsx');
});
