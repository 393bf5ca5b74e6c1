/**
 * Exit codes of `tonghop`, in one place (also printed by `tonghop --help`).
 *
 *   0  OK
 *   1  the data has errors (outputs are still written)
 *   2  usage error: unknown command or option, bad value, invalid catalogue/units/settings file,
 *      or an output file that cannot be written
 *   3  input files not found, none found, or none readable
 *   4  sending the e-mail failed (the .eml copy is still in the outbox)
 *  70  unexpected internal error (a bug; TONGHOP_DEBUG=1 prints the stack)
 */
export const EXIT = {
  ok: 0,
  dataErrors: 1,
  usage: 2,
  input: 3,
  send: 4,
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake of the user or their data: printed as a message, never with a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
