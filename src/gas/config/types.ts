/**
 * What reading the configuration sheets of the master spreadsheet gives (readConfig in index.ts): the
 * engine's Settings, Unit[] and Catalogue with the add-on's own options ("Cài đặt"), and where each
 * unit's row of "Đơn vị" is, to record spreadsheet URLs.
 */

import type { Catalogue, Grid, Settings, Unit } from '../../engine/types';
import type { SETTING_LABELS } from '../../messages/vi/gas';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Add-on options kept in "Cài đặt" beside the engine's Settings. */
export interface AddonOptions {
  /** District admins: edit everything, unlock submitted months. */
  admins: string[];
  /** Layout (b): every unit gets its own spreadsheet. */
  separateSpreadsheets: boolean;
}

export interface Config {
  /**
   * Mistakes that only the e-mail actions need to refuse on (readConfig without `strict`): those
   * actions read the settings strictly themselves; others go on, and say so.
   */
  emailProblems: string[];
  settings: Settings;
  units: Unit[];
  /**
   * Old units of the units' mergers named in "Đơn vị cũ" (the engine's `formerUnits`), each one
   * "Đơn vị" lists as a predecessor; with `spreadsheetUrl` when given (layout b). [] without the sheet.
   */
  formerUnits: Unit[];
  /** Per old commune with a spreadsheet URL in "Đơn vị cũ" (code as in `formerUnits`), that URL's cell. */
  formerUrlCells?: Record<string, string>;
  /**
   * Mistakes that stop nothing (Vietnamese, sheet and cell named): "Đơn vị cũ" rows not used, rules
   * of "Quy tắc" left out for naming an indicator not in "Chỉ tiêu".
   */
  warnings: string[];
  catalogue: Catalogue;
  options: AddonOptions;
  /**
   * Only with readConfig's `unitEmailsApart`: per unit, its wrong staff addresses in "Đơn vị" (left out of
   * its `emails`), the message naming the cell. Only the e-mail jobs use these addresses.
   */
  unitEmailProblems?: UnitEmailProblem[];
  /** Where each unit's row is, to record spreadsheet URLs. */
  unitsSheet: { sheet: Sheet; grid: Grid; urlCol: number; rowOf: Record<string, number> };
}

/** A unit's staff addresses in "Đơn vị" that are not e-mail addresses (readUnitsGrid `emailProblems`). */
export interface UnitEmailProblem {
  code: string;
  /** Vietnamese, sheet and cell named, as the errors say it. */
  message: string;
}

export type ConfigResult =
  | { ok: true; config: Config }
  /** `warnings`: as Config's, so Thiết lập lists them beside the errors. */
  | { ok: false; errors: string[]; warnings?: string[] };

export type SettingKey = keyof typeof SETTING_LABELS;
