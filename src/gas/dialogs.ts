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

/** The Ui, or null where there is none (a time-driven trigger: getUi throws). */
function uiOrNull(): GoogleAppsScript.Base.Ui | null {
  try {
    return SpreadsheetApp.getUi();
  } catch {
    return null;
  }
}

/**
 * Ask a YES/NO question: true for YES, false for NO or the dialog closed (Button.CLOSE); null when
 * there is no Ui to ask on, for the caller not to block.
 */
export function confirm(title: string, message: string): boolean | null {
  const ui = uiOrNull();
  if (!ui) return null;
  return ui.alert(title, message, ui.ButtonSet.YES_NO) === ui.Button.YES;
}

/** An alert where there is a Ui; nothing where there is none (the work is done, its result returned and logged). */
export function alertIfUi(title: string, message: string): void {
  const ui = uiOrNull();
  if (ui) ui.alert(title, message, ui.ButtonSet.OK);
}

/** A toast; never throws (progress messages must not break the action). */
export function toast(ss: Spreadsheet, message: string, title: string, seconds = 5): void {
  try {
    ss.toast(message, title, seconds);
  } catch {
    // no UI (trigger) or a transient failure: progress is cosmetic
  }
}
