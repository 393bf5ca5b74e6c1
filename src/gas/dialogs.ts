/** Alerts, prompts and toasts. Every text passed here is Vietnamese (src/messages/vi/gas.ts). */

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Ask for one line of text; null when the user cancels or closes the dialog. */
export function promptText(title: string, message: string): string | null {
  const ui = SpreadsheetApp.getUi();
  const r = ui.prompt(title, message, ui.ButtonSet.OK_CANCEL);
  if (r.getSelectedButton() !== ui.Button.OK) return null;
  return r.getResponseText().trim();
}

export function alert(title: string, message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, message, ui.ButtonSet.OK);
}

/** A toast; never throws (progress messages must not break the action). */
export function toast(ss: Spreadsheet, message: string, title: string, seconds = 5): void {
  try {
    ss.toast(message, title, seconds);
  } catch {
    // no UI (trigger) or a transient failure: progress is cosmetic
  }
}
