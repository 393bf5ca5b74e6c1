/**
 * HTML escaping for the e-mail report. Every string that came from users (unit names,
 * labels, notes, narrative, organisation, messages) passes through `escapeHtml` before
 * it is put into markup, whether in element text or in an attribute value.
 */

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape & < > " ' so the text is safe in element content and in quoted attributes. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * A link target the e-mail may carry: only absolute http(s) URLs without spaces,
 * quotes or angle brackets; anything else (javascript:, data:, relative) gives null.
 */
export function safeHttpUrl(url: string | undefined | null): string | null {
  if (typeof url !== 'string') return null;
  const u = url.trim();
  if (!/^https?:\/\/[^\s"'<>`\\]+$/i.test(u)) return null;
  // Require a host part: "https://" alone or "https:///x" is not a link.
  if (!/^https?:\/\/[^/?#]+/i.test(u)) return null;
  return u;
}
