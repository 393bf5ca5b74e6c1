/**
 * Document properties as a small JSON store for the e-mail jobs.
 *
 * Apps Script limits one property value to 9 KB (and the store to 500 KB), so larger values
 * (the rendered report while a send is in progress) are split over several keys. Every read
 * takes one `getProperties()` call and every write one `setProperties()` call.
 */

/** 2,500 characters are at most 7,500 bytes in UTF-8 (Vietnamese letters take up to 3). */
const CHUNK = 2500;
const PREFIX = 'danvan.email.';

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties() ?? PropertiesService.getScriptProperties();
}

export class JsonStore {
  private cache: Record<string, string> | null = null;

  private all(): Record<string, string> {
    if (!this.cache) this.cache = { ...props().getProperties() };
    return this.cache;
  }

  /** Forget what was read, e.g. after waiting for a lock another run may have written under. */
  refresh(): void {
    this.cache = null;
  }

  get<T>(key: string): T | null {
    const all = this.all();
    const head = all[PREFIX + key];
    if (head === undefined) return null;
    let text = head;
    const m = /^\{"\$chunks":(\d+)\}$/.exec(head);
    if (m) {
      text = '';
      for (let i = 0; i < Number(m[1]); i++) {
        const part = all[`${PREFIX}${key}#${i}`];
        if (part === undefined) return null;
        text += part;
      }
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      return null;
    }
  }

  /** Write several keys in one call; `null` deletes a key. */
  put(values: Record<string, unknown>): void {
    const all = this.all();
    const set: Record<string, string> = {};
    const del: string[] = [];
    for (const [key, value] of Object.entries(values)) {
      for (const k of Object.keys(all)) if (k.startsWith(`${PREFIX}${key}#`)) del.push(k);
      if (value === null || value === undefined) {
        del.push(PREFIX + key);
        continue;
      }
      const text = JSON.stringify(value);
      if (text.length <= CHUNK) {
        set[PREFIX + key] = text;
        continue;
      }
      const n = Math.ceil(text.length / CHUNK);
      set[PREFIX + key] = `{"$chunks":${n}}`;
      for (let i = 0; i < n; i++) set[`${PREFIX}${key}#${i}`] = text.slice(i * CHUNK, (i + 1) * CHUNK);
    }
    const p = props();
    const toDelete = del.filter((k) => !(k in set) && k in all);
    if (Object.keys(set).length) p.setProperties(set, false);
    for (const k of toDelete) p.deleteProperty(k);
    for (const k of toDelete) delete all[k];
    Object.assign(all, set);
  }

  /** Keys (without prefix, without chunk suffixes) that start with `start`. */
  keys(start: string): string[] {
    const out: string[] = [];
    for (const k of Object.keys(this.all())) {
      if (!k.startsWith(PREFIX + start) || k.includes('#')) continue;
      out.push(k.slice(PREFIX.length));
    }
    return out;
  }
}
