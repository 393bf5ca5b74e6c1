/**
 * The Sheets API emulation moved to tests/fakes/gas/sheets-api.ts (served by default by the
 * fake's UrlFetchApp); re-exported here so existing tests and the benchmarks keep working.
 */
export { type EmulatorOptions, parseBatchGet, sheetsApiHandler } from '../fakes/gas/sheets-api';
