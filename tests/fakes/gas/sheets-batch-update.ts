/**
 * Sheets API `spreadsheets.batchUpdate` served by the fake (POST
 * https://sheets.googleapis.com/v4/spreadsheets/{id}:batchUpdate). Placeholder: answers 501
 * until the emulation is written. Contract: `applyBatchUpdate(fake, id, body)` returns the
 * HTTP response Google would give; the Sheets API router (sheets-api.ts) calls it.
 */
import type { GasFake } from './index';
import type { FakeResponseSpec } from './urlfetch';

export function applyBatchUpdate(_fake: GasFake, _spreadsheetId: string, _body: unknown): FakeResponseSpec {
  return {
    status: 501,
    body: { error: { code: 501, message: 'batchUpdate is not emulated yet', status: 'UNIMPLEMENTED' } },
    headers: { 'Content-Type': 'application/json; charset=UTF-8' },
  };
}
