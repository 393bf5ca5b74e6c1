/** "Now" for the CLI: the real clock, or TONGHOP_NOW (ISO 8601) for reproducible output. */
import { CLI_TEXT as T } from '../messages/vi/cli';
import { EXIT, UserError } from './exit-codes';

export function now(env: NodeJS.ProcessEnv = process.env): Date {
  const fixed = env.TONGHOP_NOW?.trim();
  if (!fixed) return new Date();
  const d = /^\d{4}-\d{2}-\d{2}/.test(fixed) ? new Date(fixed) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime())) throw new UserError(T.badNow(fixed), EXIT.usage);
  return d;
}
