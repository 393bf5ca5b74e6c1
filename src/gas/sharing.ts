/**
 * The sharing of a unit's own spreadsheet (layout b) kept in step with "Đơn vị" and the admins: the
 * addresses listed that are not editors of the file are added; editors the add-on itself added earlier
 * and no longer listed are removed. Nobody else is ever removed — not the owner, not the user running,
 * not anyone the commune shared its file with itself.
 *
 * What the add-on shared is remembered in the master's document properties (one key per spreadsheet
 * id, a JSON list of lower-case addresses): they belong to the master, whichever admin runs "Tạo mẫu"
 * (user properties would be each admin's own), and only the script reads or writes them. A developer
 * metadata on the commune's file would travel with the file but is the file's editors' to change
 * (DOCUMENT visibility), so a commune could make the add-on remove someone; and reading it costs a
 * call on the commune's file. A file shared before this record existed has no record: the add-on then
 * removes nobody from it (it cannot tell whom it added) and records only whom it adds from now on.
 */
import { TEMPLATES } from '../messages/vi/gas';
import { logText } from './errors';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const PREFIX = 'danvan.shared.';

const lower = (e: string) => e.trim().toLowerCase();

export interface SharingOutcome {
  /** Addresses shared with now, as listed. */
  added: string[];
  /** Editors the add-on had added, no longer listed, removed now. */
  removed: string[];
  /** Addresses Google refused to add (`remove`: false) or remove, with its reason. */
  failed: { email: string; why: string; remove: boolean }[];
}

/**
 * The record of what the add-on shared, for one run: the store is got once, each spreadsheet's entry
 * read once (getProperty) and written only when it changes.
 */
export class SharingRecords {
  private props: GoogleAppsScript.Properties.Properties | null = null;

  private store(): GoogleAppsScript.Properties.Properties {
    this.props ??= PropertiesService.getDocumentProperties() ?? PropertiesService.getScriptProperties();
    return this.props;
  }

  /** The addresses the add-on shared `id` with (lower case); [] when none is recorded. */
  get(id: string): string[] {
    const text = this.store().getProperty(PREFIX + id);
    if (!text) return [];
    try {
      const list: unknown = JSON.parse(text);
      return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string').map(lower) : [];
    } catch {
      return [];
    }
  }

  set(id: string, before: string[], after: Set<string>): void {
    const list = [...after].sort();
    if (list.length === before.length && [...before].sort().every((e, i) => e === list[i])) return;
    if (list.length) this.store().setProperty(PREFIX + id, JSON.stringify(list));
    else this.store().deleteProperty(PREFIX + id);
  }
}

function ownerOf(spreadsheet: Spreadsheet): string {
  try {
    return spreadsheet.getOwner()?.getEmail() ?? '';
  } catch {
    return '';
  }
}

/**
 * Add `emails` to the file's editors: one addEditors call; when Google refuses it (an address it does
 * not accept), each address alone, so the others are still shared and the refused ones are named.
 */
function addAll(spreadsheet: Spreadsheet, emails: string[], out: SharingOutcome): void {
  if (!emails.length) return;
  try {
    spreadsheet.addEditors(emails);
    out.added.push(...emails);
    return;
  } catch (e) {
    if (emails.length === 1) {
      out.failed.push({ email: emails[0], why: logText(e), remove: false });
      return;
    }
  }
  for (const email of emails) {
    try {
      spreadsheet.addEditor(email);
      out.added.push(email);
    } catch (e) {
      out.failed.push({ email, why: logText(e), remove: false });
    }
  }
}

/**
 * Bring the file's editors up to date with `emails` (the unit's people and the admins). One read
 * (getEditors) and one property read when it is up to date; `me`: the user running, never removed.
 * Throws only when the editors cannot be read (nothing changed then).
 */
export function syncFileEditors(
  spreadsheet: Spreadsheet,
  emails: string[],
  me: string,
  records = new SharingRecords(),
): SharingOutcome {
  const out: SharingOutcome = { added: [], removed: [], failed: [] };
  const id = spreadsheet.getId();
  const want = new Map<string, string>();
  for (const e of emails) if (e.trim() && !want.has(lower(e))) want.set(lower(e), e.trim());
  const have = new Set(spreadsheet.getEditors().map((u) => lower(u.getEmail())));
  // Google lists the owner among the editors; none at all is a list the user may not read (Drive gives
  // such a user an empty list): nothing is changed, and the record is kept, not emptied.
  if (!have.size) throw new Error(TEMPLATES.editorsUnreadable);
  const before = records.get(id);
  const keep = new Set([lower(me), lower(ownerOf(spreadsheet))].filter(Boolean));
  const add = [...want].filter(([k]) => !have.has(k)).map(([, e]) => e);
  const drop = before.filter((e) => have.has(e) && !want.has(e) && !keep.has(e));
  addAll(spreadsheet, add, out);
  for (const email of drop) {
    try {
      spreadsheet.removeEditor(email);
      out.removed.push(email);
    } catch (e) {
      out.failed.push({ email, why: logText(e), remove: true });
    }
  }
  // Still the add-on's: those it added before and still editors (not removed now), and those added now.
  const after = new Set(before.filter((e) => have.has(e) && !out.removed.includes(e)));
  for (const e of out.added) after.add(lower(e));
  records.set(id, before, after);
  return out;
}
