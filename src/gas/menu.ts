/**
 * The "Dân vận" menu. onOpen runs as a simple trigger, possibly in AuthMode.NONE or
 * LIMITED: it may only build the menu (no reading sheets, no properties, no Session).
 */
import { MENU } from '../messages/vi/gas';

/** Caption → name of the top-level function in dist/Code.js (see main.ts). */
export const MENU_ITEMS: ([string, string] | null)[] = [
  [MENU.setup, 'setupSheets'],
  [MENU.templates, 'createTemplates'],
  [MENU.check, 'checkData'],
  [MENU.submit, 'submitMonth'],
  [MENU.unlock, 'unlockMonth'],
  [MENU.aggregate, 'aggregateReports'],
  null,
  [MENU.settings, 'showSettings'],
  [MENU.enableEmail, 'enableMonthlyEmail'],
  [MENU.disableEmail, 'disableMonthlyEmail'],
  [MENU.sendNow, 'sendReportNow'],
];

export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU.title);
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}
