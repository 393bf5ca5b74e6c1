/** "Now" for the CLI: the real clock, or TONGHOP_NOW (ISO 8601) for reproducible output. */
import { offsetMinutes } from '../engine/periods/cutoff';
import { CLI_TEXT as T } from '../messages/vi/cli';
import { EXIT, UserError } from './exit-codes';

/** Years a report of this tool can be about; outside them TONGHOP_NOW is a typing mistake. */
export const NOW_YEARS = { min: 1990, max: 2100 } as const;

/** "2018-09-20", "2018-09-20T09:00", "2018-09-20T09:00:00.000+07:00", "… Z". */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * TONGHOP_NOW, or the real clock. A value without offset ("2027-01-14T23:30", "2027-01-14") is
 * wall-clock time in `timeZone` (settings.timeZone), as the engine reads such timestamps
 * (cutoff.ts localDateOf): the same value gives the same period on any computer, whatever its zone.
 */
export function now(env: NodeJS.ProcessEnv, timeZone: string): Date {
  const fixed = env.TONGHOP_NOW?.trim();
  if (!fixed) return new Date();
  const m = ISO.exec(fixed);
  if (!m) throw new UserError(T.badNow(fixed), EXIT.usage);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date would roll 2018-02-30 over to 2 March: a date that does not exist is a mistake.
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (day < 1 || day > daysInMonth) throw new UserError(T.impossibleNow(fixed), EXIT.usage);
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59))
    throw new UserError(T.impossibleNow(fixed), EXIT.usage);
  if (year < NOW_YEARS.min || year > NOW_YEARS.max)
    throw new UserError(T.nowOutOfRange(fixed, NOW_YEARS.min, NOW_YEARS.max), EXIT.usage);
  const text = fixed.replace(' ', 'T');
  const offset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  // Without offset: read as if UTC, then moved by the zone's offset at that time (twice: a
  // change of offset, e.g. summer time, between the two instants).
  const ms = Date.parse(offset ? text : `${text}${m[4] === undefined ? 'T00:00' : ''}Z`);
  if (Number.isNaN(ms)) throw new UserError(T.badNow(fixed), EXIT.usage);
  if (offset) return new Date(ms);
  const first = ms - offsetMinutes(timeZone, new Date(ms)) * 60_000;
  return new Date(ms - offsetMinutes(timeZone, new Date(first)) * 60_000);
}
