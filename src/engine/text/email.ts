/**
 * E-mail recipients as people type them into a settings cell or a `--to` option, for both
 * shells: the add-on sends to the addresses, the CLI keeps what was typed ("Tên" <a@b.vn>) for the
 * To: header. One pattern for an address, the one the settings schema checks (zod's), so an
 * address a shell lets through is never refused later with a message that names no cell.
 */

/**
 * zod's `regexes.email` (what `z.email()` checks), copied rather than imported: importing it brings
 * every zod pattern into each add-on handler's code. The test compares the two.
 */
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export interface Recipient {
  /** As typed, trimmed: `"Ban Dân vận, huyện" <bdv@x.vn>` or `bdv@x.vn`. */
  text: string;
  /** The address alone: `bdv@x.vn` (what was typed when there are no angle brackets). */
  address: string;
}

/** An address (no display name) as the settings schema accepts it. */
export function isEmailAddress(s: string): boolean {
  return EMAIL_PATTERN.test(s);
}

/**
 * The recipients in `text`: separated by commas, semicolons or line breaks, except inside quotes
 * or angle brackets (a display name copied from a mail program may hold a comma), and bare
 * addresses also by spaces ("a@x.vn b@x.vn", a list pasted from a column). Each address once,
 * the first spelling kept (addresses are compared without case).
 */
export function splitRecipients(text: string): Recipient[] {
  const out: Recipient[] = [];
  const seen = new Set<string>();
  const add = (typed: string, address: string) => {
    const key = address.toLowerCase();
    if (!address || seen.has(key)) return;
    seen.add(key);
    out.push({ text: typed, address });
  };
  for (const part of parts(text)) {
    const angle = /^(.*)<([^<>]*)>\s*$/s.exec(part);
    if (angle) add(part, angle[2].trim());
    else for (const bare of part.split(/\s+/)) add(bare, bare);
  }
  return out;
}

/** `text` cut at separators outside quotes and angle brackets, each part trimmed, empty ones left out. */
function parts(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const ch of text) {
    if (ch === '"' && !angled) quoted = !quoted;
    else if (ch === '<' && !quoted) angled = true;
    else if (ch === '>' && !quoted) angled = false;
    if (!quoted && !angled && (ch === ',' || ch === ';' || ch === '\n' || ch === '\r')) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((p) => p.trim()).filter(Boolean);
}
