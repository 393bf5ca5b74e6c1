import { clipText } from './clip';

describe('clipText', () => {
  it('keeps a short text as it is', () => {
    expect(clipText('Cầu hỏng', 8)).toBe('Cầu hỏng');
  });

  it('cuts to the limit with "…", at a space near the end', () => {
    const t = 'Cầu treo bị lũ cuốn trôi, đề nghị hỗ trợ. '.repeat(20);
    const c = clipText(t, 100);
    expect(c.length).toBeLessThanOrEqual(100);
    expect(c.endsWith('…')).toBe(true);
    expect(t.startsWith(c.slice(0, -1))).toBe(true);
    expect(c.slice(0, -1)).not.toMatch(/\s$/);
  });

  it('cuts a text without spaces at the limit, not inside a surrogate pair', () => {
    const c = clipText('😀'.repeat(10), 6);
    expect(c.length).toBeLessThanOrEqual(6);
    expect(c).toBe('😀😀…');
  });
});
