/**
 * Cell values: how a value written through Apps Script is stored (Sheets parses
 * strings like a user typing them), how it reads back through getValues, and how
 * getDisplayValues renders it under a number format.
 */
import { GAS_ERRORS, GasError } from './errors';
import { dateToSerial, serialToDate, wallParts } from './timefmt';

export type CellValue = string | number | boolean | Date;

/** What Sheets reports as the number format of a never-formatted cell. */
export const GENERAL_FORMAT = '0.###############';
export const TEXT_FORMAT = '@';

export interface Stored {
  v: CellValue;
  f?: string;
}

const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

export function isDate(x: unknown): x is Date {
  return Object.prototype.toString.call(x) === '[object Date]';
}

export function copyValue(v: CellValue): CellValue {
  return isDate(v) ? new Date(v.getTime()) : v;
}

/**
 * Converts a value passed to setValue(s) into what the cell stores, with Sheets'
 * "user entered" parsing: '=…' becomes a formula, a leading apostrophe forces text,
 * numeric strings become numbers and TRUE/FALSE booleans — unless the cell's number
 * format is plain text ('@'), where strings are stored verbatim. A leading "+" or "-" before
 * anything but a number starts a formula too. Date-like strings
 * ('2018-09-01', '1/2'), percentages and thousands separators are NOT parsed (kept
 * as text), a simplification of real Sheets.
 */
export function toStored(raw: unknown, fmt: string | undefined): Stored {
  if (raw === null || raw === undefined) return { v: '' };
  if (typeof raw === 'number' || typeof raw === 'boolean') return { v: raw };
  if (isDate(raw)) return { v: new Date(raw.getTime()) };
  const s = typeof raw === 'string' ? raw : String(raw);
  if (s.length > 50000) throw new GasError(GAS_ERRORS.cellTooLong);
  if (fmt === TEXT_FORMAT) return { v: s };
  if (s.length > 1 && s.startsWith('=')) return { v: '', f: s };
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (NUMERIC.test(s)) {
    const n = Number(s.trim());
    return { v: n === 0 ? 0 : n };
  }
  // As typed into a cell, a leading + or - that is not a number starts a formula ("+SUM(1,2)",
  // "-2+3" → "=-2+3"): a writer forgetting the text format must fail here as it would in Sheets.
  if (/^[+-]\S/.test(s)) return { v: '', f: `=${s}` };
  const upper = s.toUpperCase();
  if (upper === 'TRUE') return { v: true };
  if (upper === 'FALSE') return { v: false };
  return { v: s };
}

// ---------------------------------------------------------------- formats

function stripLiterals(fmt: string): string {
  return fmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === TEXT_FORMAT || fmt === GENERAL_FORMAT) return false;
  const core = stripLiterals(fmt);
  if (/[#?]/.test(core)) return false;
  if (/[yYdDhHsS]/.test(core)) return true;
  return /[mM]/.test(core) && !/0/.test(core);
}

export function isNumericFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === TEXT_FORMAT || fmt === GENERAL_FORMAT) return false;
  return !isDateFormat(fmt) && /[0#?]/.test(stripLiterals(fmt));
}

export function separators(locale: string): { group: string; decimal: string } {
  const lang = locale.toLowerCase().split(/[_-]/)[0];
  if (['vi', 'de', 'id', 'es', 'it', 'pt', 'nl', 'da', 'tr', 'el'].includes(lang)) return { group: '.', decimal: ',' };
  if (['fr', 'ru', 'pl', 'cs', 'sv', 'fi', 'nb', 'uk'].includes(lang)) return { group: '\u00a0', decimal: ',' };
  return { group: ',', decimal: '.' };
}

/** The format Sheets applies when a Date is written into a general-format cell. */
export function autoDateFormat(d: Date, tz: string, locale: string): string {
  const p = wallParts(d.getTime(), tz);
  const midnight = p.hour === 0 && p.minute === 0 && p.second === 0 && p.ms === 0;
  const lang = locale.toLowerCase().split(/[_-]/)[0];
  const date = lang === 'en' && /us$/i.test(locale) ? 'M/d/yyyy' : 'dd/MM/yyyy';
  const time = lang === 'en' && /us$/i.test(locale) ? 'H:mm:ss' : 'HH:mm:ss';
  return midnight ? date : `${date} ${time}`;
}

/** What getValues returns for a stored value under a format (date formats give Dates). */
export function readValue(v: CellValue, fmt: string | undefined, tz: string): CellValue {
  if (typeof v === 'number' && isDateFormat(fmt)) return serialToDate(v, tz);
  if (isDate(v)) {
    if (isNumericFormat(fmt)) return dateToSerial(v, tz);
    return new Date(v.getTime());
  }
  return v;
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '"') quoted = !quoted;
    if (c === '\\' && !quoted) {
      cur += c + (fmt[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function generalNumber(n: number, locale: string): string {
  const { decimal } = separators(locale);
  let s = String(Number(n.toPrecision(15)));
  if (/e/.test(s)) s = n.toExponential().replace('e', 'E');
  return s.replace('.', decimal);
}

function formatNumberSection(n: number, section: string, locale: string, negativeSign: boolean): string {
  const { group, decimal } = separators(locale);
  // Separate literal text from the digit pattern.
  let prefix = '';
  let suffix = '';
  let core = '';
  let seenDigits = false;
  let i = 0;
  const literal = (s: string) => {
    if (seenDigits) suffix += s;
    else prefix += s;
  };
  while (i < section.length) {
    const c = section[i];
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end + 1;
      continue;
    }
    if (c === '\\') {
      literal(section[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (c === '[') {
      const end = section.indexOf(']', i);
      i = end < 0 ? section.length : end + 1;
      continue;
    }
    if ('0#?,.'.includes(c) && !(suffix && seenDigits)) {
      seenDigits = true;
      core += c;
      i += 1;
      continue;
    }
    if (c === '%') {
      n *= 100;
    }
    literal(c === '_' || c === '*' ? '' : c);
    if (c === '_' || c === '*') i += 1;
    i += 1;
  }
  const dot = core.indexOf('.');
  const intPat = dot < 0 ? core : core.slice(0, dot);
  const fracPat = dot < 0 ? '' : core.slice(dot + 1);
  const maxDec = (fracPat.match(/[0#?]/g) ?? []).length;
  const minDec = (fracPat.match(/0/g) ?? []).length;
  const minInt = (intPat.match(/0/g) ?? []).length;
  const grouping = intPat.includes(',');
  const abs = Math.abs(n);
  let [intStr, fracStr = ''] = abs.toFixed(maxDec).split('.');
  while (fracStr.length > minDec && fracStr.endsWith('0')) fracStr = fracStr.slice(0, -1);
  if (intStr === '0' && minInt === 0) intStr = '';
  while (intStr.length < minInt) intStr = `0${intStr}`;
  if (grouping) intStr = intStr.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const body = fracStr ? `${intStr}${decimal}${fracStr}` : intStr;
  const isZero = Number(abs.toFixed(maxDec)) === 0;
  return `${negativeSign && n < 0 && !isZero ? '-' : ''}${prefix}${body}${suffix}`;
}

export function formatNumber(n: number, fmt: string | undefined, locale: string): string {
  if (!fmt || fmt === GENERAL_FORMAT || fmt.toLowerCase() === 'general') return generalNumber(n, locale);
  if (fmt === TEXT_FORMAT) return String(n);
  if (/E[+-]/i.test(stripLiterals(fmt))) return generalNumber(n, locale);
  const sections = splitSections(fmt);
  if (n < 0 && sections.length >= 2) return formatNumberSection(-n, sections[1], locale, false);
  if (n === 0 && sections.length >= 3) return formatNumberSection(n, sections[2], locale, false);
  return formatNumberSection(n, sections[0], locale, true);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Renders a date under a Sheets date/time format ('dd/mm/yyyy', 'M/d/yyyy H:mm:ss', 'mm/yyyy'). */
export function formatSheetsDate(d: Date, fmt: string, tz: string): string {
  const p = wallParts(d.getTime(), tz);
  const tokens: { t: string; lit?: boolean }[] = [];
  for (let i = 0; i < fmt.length; ) {
    const c = fmt[i];
    if (c === '"') {
      const end = fmt.indexOf('"', i + 1);
      tokens.push({ t: fmt.slice(i + 1, end < 0 ? undefined : end), lit: true });
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    if (c === '\\') {
      tokens.push({ t: fmt[i + 1] ?? '', lit: true });
      i += 2;
      continue;
    }
    if (/am\/pm/i.test(fmt.slice(i, i + 5))) {
      tokens.push({ t: 'AMPM' });
      i += 5;
      continue;
    }
    if (/[ydmhs]/i.test(c)) {
      let n = 1;
      while (fmt[i + n] && fmt[i + n].toLowerCase() === c.toLowerCase()) n += 1;
      tokens.push({ t: c.toLowerCase().repeat(n) });
      i += n;
      continue;
    }
    tokens.push({ t: c, lit: true });
    i += 1;
  }
  const hasAmPm = tokens.some((t) => t.t === 'AMPM');
  const kinds = tokens.map((t) => (t.lit ? '' : t.t[0]));
  let out = '';
  tokens.forEach((tok, idx) => {
    if (tok.lit) {
      out += tok.t;
      return;
    }
    const t = tok.t;
    const n = t.length;
    const pad2 = (x: number) => (n >= 2 ? String(x).padStart(2, '0') : String(x));
    switch (t[0]) {
      case 'y':
        out += n <= 2 ? String(p.year % 100).padStart(2, '0') : String(p.year);
        break;
      case 'd':
        out += n >= 4 ? DAYS[p.weekday] : n === 3 ? DAYS[p.weekday].slice(0, 3) : pad2(p.day);
        break;
      case 'h': {
        const h = hasAmPm ? (p.hour % 12 === 0 ? 12 : p.hour % 12) : p.hour;
        out += pad2(h);
        break;
      }
      case 's':
        out += pad2(p.second);
        break;
      case 'm': {
        const prev = kinds.slice(0, idx).filter(Boolean).pop();
        const next = kinds.slice(idx + 1).filter(Boolean)[0];
        const minute = n <= 2 && (prev === 'h' || next === 's');
        if (minute) out += pad2(p.minute);
        else out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad2(p.month);
        break;
      }
      case 'A':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
    }
  });
  return out;
}

/** What getDisplayValues shows for a stored value. */
export function displayOf(v: CellValue, fmt: string | undefined, tz: string, locale: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) {
    if (isNumericFormat(fmt)) return formatNumber(dateToSerial(v, tz), fmt, locale);
    const pattern = isDateFormat(fmt) ? (fmt as string) : autoDateFormat(v, tz, locale);
    return formatSheetsDate(v, pattern, tz);
  }
  if (isDateFormat(fmt)) return formatSheetsDate(serialToDate(v, tz), fmt as string, tz);
  return formatNumber(v, fmt, locale);
}
