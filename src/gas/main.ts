/**
 * Entry of the Apps Script bundle. Its named exports — and only they — become top-level
 * functions of dist/Code.js (scripts/build.mjs), which is how Apps Script finds simple
 * triggers, menu handlers and functions called from HTML. All logic lives beside this file.
 *
 * Keep these names stable: the menu refers to them by name (menu.ts), and installed
 * triggers store them.
 *
 * Each export is also in one group of scripts/build.mjs (EAGER or GROUPS; the build fails if one is
 * in none or two): onOpen/onInstall are in Code.js itself, every other export's code is in its
 * group's file dist/code-<group>.html, loaded on its first call. A new export needs a group there.
 */
import { doAggregate, doCheck, doSetup, doSubmit, doTemplates, doUnlock } from './actions';
import { buildMenu } from './menu';

/** Simple trigger: add the "Dân vận" menu. Works in AuthMode.NONE/LIMITED (no authorised call). */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

/** Run when installed as an add-on: the same menu. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** "Thiết lập" */
export function setupSheets() {
  return doSetup();
}

/** "Tạo mẫu báo cáo cho xã" */
export function createTemplates() {
  return doTemplates();
}

/** "Kiểm tra dữ liệu" */
export function checkData() {
  return doCheck();
}

/** "Nộp báo cáo tháng…" */
export function submitMonth() {
  return doSubmit();
}

/** "Mở khóa tháng…" */
export function unlockMonth() {
  return doUnlock();
}

/** "Tổng hợp" */
export function aggregateReports() {
  return doAggregate();
}

// E-mail (src/gas/email): menu items "Cài đặt…", "Bật/Tắt gửi báo cáo hằng tháng", "Gửi báo cáo
// ngay"; functions the settings sidebar calls; time-driven trigger handlers.
export {
  disableMonthlyEmail,
  enableMonthlyEmail,
  getSettingsForSidebar,
  monthlyReportJob,
  resumeReportJob,
  saveSettingsFromSidebar,
  sendReminders,
  sendReportNow,
  showSettings,
} from './email';
/** One-off trigger: continue a "Tổng hợp" whose reading did not fit one execution (src/gas/io/resume.ts). */
export { resumeAggregate } from './io/resume-run';
