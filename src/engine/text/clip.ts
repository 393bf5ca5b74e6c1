/**
 * At most `max` characters (UTF-16 units, as Sheets and Excel count them) of `text`, ending in
 * "…" when cut: at the last space of the kept part when there is one near the end (a word is not
 * split), never inside a surrogate pair.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  // Room for "…", without splitting a surrogate pair.
  let end = sliceWhole(text, Math.max(0, max - 1)).length;
  const space = text.lastIndexOf(' ', end);
  if (space > end * 0.8) end = space;
  return `${text.slice(0, end).replace(/[\s.;,]+$/, '')}…`;
}

/** The first `max` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair (an emoji). */
export function sliceWhole(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
