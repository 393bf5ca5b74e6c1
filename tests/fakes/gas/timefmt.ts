/**
 * Time-zone arithmetic and Java SimpleDateFormat-style formatting (what
 * Utilities.formatDate implements), built on Intl.
 */

export interface WallParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
}

const FIXED = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i;
const dtfCache = new Map<string, Intl.DateTimeFormat | null>();

function dtf(tz: string): Intl.DateTimeFormat | null {
  if (dtfCache.has(tz)) return dtfCache.get(tz) ?? null;
  let f: Intl.DateTimeFormat | null = null;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    f = null; // unknown zone: Java's TimeZone.getTimeZone falls back to GMT
  }
  dtfCache.set(tz, f);
  return f;
}

/** Offset of `tz` from UTC at instant `ms`, in milliseconds (e.g. +7h for Asia/Ho_Chi_Minh). */
export function tzOffsetMs(ms: number, tz: string): number {
  const fixed = FIXED.exec(tz.trim());
  if (fixed) {
    if (!fixed[1]) return 0;
    const sign = fixed[1] === '-' ? -1 : 1;
    return sign * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * 60000;
  }
  const f = dtf(tz);
  if (!f) return 0;
  const whole = Math.floor(ms / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(whole))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour === 24 ? 0 : p.hour, p.minute, p.second);
  return asUtc - whole;
}

/** Wall-clock fields of instant `ms` in `tz`. */
export function wallParts(ms: number, tz: string): WallParts {
  const local = new Date(ms + tzOffsetMs(ms, tz));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    ms: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
  };
}

/** The instant whose wall-clock time in `tz` is `wallMs` (wall time expressed as if UTC). */
export function zonedWallToInstant(wallMs: number, tz: string): number {
  let guess = wallMs - tzOffsetMs(wallMs, tz);
  guess = wallMs - tzOffsetMs(guess, tz);
  return guess;
}

// Sheets date serials: days since 1899-12-30 in the spreadsheet's time zone.
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

export function dateToSerial(d: Date, tz: string): number {
  const ms = d.getTime();
  return (ms + tzOffsetMs(ms, tz) - SERIAL_EPOCH_UTC) / 86400000;
}

export function serialToDate(serial: number, tz: string): Date {
  const wall = Math.round(SERIAL_EPOCH_UTC + serial * 86400000);
  return new Date(zonedWallToInstant(wall, tz));
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

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function offsetText(offsetMin: number, style: 'Z' | 'X' | 'XX' | 'XXX' | 'z'): string {
  if (offsetMin === 0 && style.startsWith('X')) return 'Z';
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  const hh = pad(Math.floor(a / 60), 2);
  const mm = pad(a % 60, 2);
  switch (style) {
    case 'Z':
    case 'XX':
      return `${sign}${hh}${mm}`;
    case 'X':
      return `${sign}${hh}`;
    case 'XXX':
      return `${sign}${hh}:${mm}`;
    case 'z':
      return `GMT${sign}${hh}:${mm}`;
  }
}

/**
 * Java SimpleDateFormat subset: G y M d E u a H k K h m s S z Z X, quoted 'literals'
 * and '' for a quote. Unknown pattern letters throw, as Java does.
 */
export function formatJavaDate(date: Date, tz: string, pattern: string): string {
  const ms = date.getTime();
  const p = wallParts(ms, tz);
  const offsetMin = Math.round(tzOffsetMs(ms, tz) / 60000);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new Error(`Unterminated quote in date pattern: ${pattern}`);
      out += pattern.slice(i + 1, end).replace(/''/g, "'");
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n += 1;
    i += n;
    switch (c) {
      case 'G':
        out += p.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[p.month - 1] : n === 3 ? MONTHS[p.month - 1].slice(0, 3) : pad(p.month, n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'D': {
        const doy = Math.round((Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / 86400000) + 1;
        out += pad(doy, n);
        break;
      }
      case 'E':
        out += n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(p.weekday === 0 ? 7 : p.weekday, n);
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour === 0 ? 24 : p.hour, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'h':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.ms, n);
        break;
      case 'z':
        out += offsetText(offsetMin, 'z');
        break;
      case 'Z':
        out += offsetText(offsetMin, 'Z');
        break;
      case 'X':
        out += offsetText(offsetMin, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
        break;
      default:
        throw new Error(`Illegal pattern character '${c}'`);
    }
  }
  return out;
}
