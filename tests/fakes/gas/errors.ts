/**
 * Errors thrown by the fake, shaped like Apps Script's.
 *
 * In the V8 Apps Script runtime a service failure is an `Error` whose `name` is
 * "Exception" and whose `message` is Google's text *without* a prefix; the
 * execution log shows `String(e)`, i.e. "Exception: <message>". GasError does the
 * same, so `e.message` matches what real code sees and `String(e)` matches the log.
 */
export class GasError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}

/** Google's message texts, collected so tests and fault injection can reuse them. */
export const GAS_ERRORS = {
  // SpreadsheetApp
  noPermission: 'You do not have permission to access the requested document.',
  notFound: (method: string, object = 'SpreadsheetApp') =>
    `Unexpected error while getting the method or property ${method} on object ${object}.`,
  /**
   * Spreadsheet.removeEditor of the file's owner: Drive keeps the owner (the Drive API's
   * `cannotRemoveOwner` text; what Apps Script wraps it in is not documented).
   */
  cannotRemoveOwner: 'The owner of a file cannot be removed.',
  timedOut: (id: string) => `Service Spreadsheets timed out while accessing document with id ${id}.`,
  serviceUnavailable: 'Service Spreadsheets failed while accessing document with id',
  /**
   * A passing failure of any service (PropertiesService, Spreadsheets, …): "Server error occurred,
   * please try again" in Google's troubleshooting guide; seen as these texts in execution logs.
   */
  serverError: "We're sorry, a server error occurred. Please wait a bit and try again.",
  serviceError: (service: string) => `Service error: ${service}`,
  uiContext: 'Cannot call SpreadsheetApp.getUi() from this context.',
  // Ranges
  outsideDimensions: 'The coordinates of the range are outside the dimensions of the sheet.',
  copyOtherSpreadsheet: 'Target range and source range must be on the same spreadsheet.',
  startRowTooSmall: 'The starting row of the range is too small.',
  startColumnTooSmall: 'The starting column of the range is too small.',
  numRowsTooSmall: 'The number of rows in the range must be at least 1.',
  numColumnsTooSmall: 'The number of columns in the range must be at least 1.',
  rangeNotFound: 'Range not found',
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  signature: (types: string, method: string) =>
    `The parameters (${types}) don't match the method signature for ${method}.`,
  cellTooLong: 'Your input contains more than the maximum of 50000 characters in a single cell.',
  mergeMustSelectAll: 'You must select all cells in a merged range to merge or unmerge them.',
  /**
   * A merge across the frozen edge, or a freeze that would cut a merged cell: Sheets refuses both
   * (not in the reference pages; seen on live Google by public Apps Script projects).
   */
  mergeAcrossFrozen: (what: 'rows' | 'columns') => `You can't merge frozen and non-frozen ${what}.`,
  /**
   * An edit the effective user may not make (a protected range or sheet they are not an editor of):
   * Sheets' own text, thrown by SpreadsheetApp and answered by the Sheets API (400 INVALID_ARGUMENT).
   */
  protectedCell:
    'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  // Sheets
  duplicateSheet: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  deleteAllSheets: 'Sorry, it is not possible to delete all non-hidden sheets.',
  rowsOutOfBounds: 'Those rows are out of bounds.',
  columnsOutOfBounds: 'Those columns are out of bounds.',
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteAllColumns: 'Sorry, it is not possible to delete all non-frozen columns.',
  /**
   * Any action that would take the spreadsheet's grid (maxRows × maxColumns summed over its
   * sheets) above the limit (CELL_LIMIT): insertSheet, insertRows…, insertColumns…, appendRow,
   * duplicating or copying a sheet. Apps Script logs it as "Exception: This action would …".
   */
  cellLimit: (limit: number) =>
    `This action would increase the number of cells in the workbook above the limit of ${limit} cells.`,
  validationListTooLong:
    'The data validation rule has more items than the limit of 500. Use the \u2018List from a range\u2019 criteria instead.',
  // Sheets API (spreadsheets.batchUpdate): HTTP 400 INVALID_ARGUMENT, the request named
  /** The cell limit over the Sheets API: "Invalid requests[0].addSheet: This action would …". */
  apiCellLimit: (index: number, kind: string, limit: number) =>
    `Invalid requests[${index}].${kind}: This action would increase the number of cells in the workbook above the limit of ${limit} cells.`,
  // Mail
  mailQuota: 'Service invoked too many times for one day: email.',
  mailTooManyRecipients: 'Limit Exceeded: Email Recipients Per Message.',
  mailNoRecipient: 'Failed to send email: no recipient',
  invalidEmail: (address: string) => `Invalid email: ${address}`,
  // Triggers
  tooManyTriggers:
    'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  // Properties
  propertyValueTooLarge: 'Argument too large: value',
  propertyStoreFull: 'You have exceeded the property storage quota. Please remove some properties and try again.',
  // Lock
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  // Html
  noHtmlFile: (name: string) => `No HTML file named ${name} was found.`,
  // UrlFetch
  invalidArgument: (what: string) => `Invalid argument: ${what}`,
  /** A URL over URL_FETCH_MAX_URL_LENGTH (urlfetch.ts): thrown by fetch, and by fetchAll for the whole call. */
  urlTooLong: 'Limit Exceeded: URLFetch URL Length.',
  requestFailed: (origin: string, code: number, body: string) =>
    `Request failed for ${origin} returned code ${code}. Truncated server response: ${body} (use muteHttpExceptions option to examine full response)`,
} as const;
