/** On its own (no imports): the add-on asks it of every cell, in handlers that need nothing else of validation. */

/** A Date, also one made in another realm (a vm context, an iframe), whose instanceof is false. */
export function isDate(v: unknown): v is Date {
  // instanceof first: a map check, where toString looks up Symbol.toStringTag (80,000 dates in a
  // national read); numbers and texts answer at typeof (the add-on asks of every cell it reads).
  return (
    v instanceof Date || (typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Date]')
  );
}
