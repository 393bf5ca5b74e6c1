import { escapeHtml, safeHttpUrl } from './escape';

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
  it('leaves Vietnamese text alone and escapes & only once per occurrence', () => {
    expect(escapeHtml('Xã Chung Chải – 1.000 hộ')).toBe('Xã Chung Chải – 1.000 hộ');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
  it('neutralises an XSS payload', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('safeHttpUrl', () => {
  it('accepts http(s) URLs with a host', () => {
    expect(safeHttpUrl('https://docs.google.com/spreadsheets/d/abc/edit#gid=0')).toBe(
      'https://docs.google.com/spreadsheets/d/abc/edit#gid=0',
    );
    expect(safeHttpUrl('  http://example.vn/x?a=1&b=2 ')).toBe('http://example.vn/x?a=1&b=2');
  });
  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<b>x</b>',
    '//evil.example/x',
    '/relative',
    'https://',
    'https:///path',
    'https://x.vn/" onmouseover="alert(1)',
    'https://x.vn/<script>',
    'https://x.vn/a b',
    '',
    undefined,
  ])('rejects %p', (u) => {
    expect(safeHttpUrl(u as string | undefined)).toBeNull();
  });
});
