import { CONFIG_OPTIONS, HELP_OPTION, parse } from './args';
import { EXIT, UserError } from './exit-codes';

const OPTIONS = {
  ...CONFIG_OPTIONS,
  ...HELP_OPTION,
  period: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  to: { type: 'string', multiple: true },
} as const;

function refusal(argv: string[]): UserError {
  try {
    parse('aggregate', argv, OPTIONS, true);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('parse', () => {
  it('refuses an option of one value given twice, naming both values (not the last one silently)', () => {
    const e = refusal(['--period', '2018-09', 'xa', '--period', '2018-08']);
    expect(e.exitCode).toBe(EXIT.usage);
    expect(e.message).toContain('--period được ghi 2 lần (2018-09 và 2018-08)');
    expect(refusal(['--out=a.xlsx', '--out', 'b.xlsx']).message).toContain('(a.xlsx và b.xlsx)');
  });

  it('takes the same value given twice (not ambiguous)', () => {
    expect(parse('aggregate', ['--period', '2018-09', '--period', '2018-09'], OPTIONS, true).str('period')).toBe(
      '2018-09',
    );
    expect(parse('aggregate', ['--json', '--json'], OPTIONS, true).bool('json')).toBe(true);
  });

  it('keeps every value of an option meant to repeat', () => {
    const p = parse('report', ['--to', 'a@b.vn', '--to', 'c@d.vn', '--period', '2018-09'], OPTIONS, true);
    expect(p.list('to')).toEqual(['a@b.vn', 'c@d.vn']);
    expect(p.str('period')).toBe('2018-09');
  });

  it('tells a yes/no option given a value apart from a missing value', () => {
    const given = refusal(['--json=yes']);
    expect(given.exitCode).toBe(EXIT.usage);
    expect(given.message).toContain('Tùy chọn --json không nhận giá trị');
    expect(given.message).not.toContain('cần một giá trị');
    const missing = refusal(['xa', '--out']);
    expect(missing.message).toContain('Tùy chọn --out cần một giá trị');
    expect(missing.message).toContain('tonghop aggregate --help');
  });
});
