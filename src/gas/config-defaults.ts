/**
 * The defaults that reading the configuration falls back on: a setting missing from "Cài đặt",
 * the catalogue's title and version. Named imports of sheets-templates/, so a bundle carries only
 * these values (esbuild keeps the used top-level keys of a JSON file), not the whole default
 * catalogue, units and days off that only "Thiết lập" writes (engine/catalogue/defaults).
 * The same values as defaultSettings() and defaultCatalogue() (tests/gas/config-defaults.test.ts).
 */
import { title, version } from '../../sheets-templates/catalogue.json';
import {
  aggregatingUnitName,
  cutoffDay,
  level,
  organisation,
  recipients,
  reminderDaysBefore,
  reminders,
  scopeLabel,
  sendDay,
  sendHour,
  submitDays,
  submitWorkingDays,
  timeZone,
} from '../../sheets-templates/settings.json';
import type { Settings } from '../engine/types';

/** The default catalogue's title (the report title when "Cài đặt" has no title row). */
export const DEFAULT_TITLE: string = title;
/** The default catalogue's format version. */
export const CATALOGUE_VERSION: number = version;

/** The default settings, without the days off (a master without "Ngày nghỉ" has none). */
export function settingsDefaults(): Omit<Settings, 'holidays'> {
  return {
    aggregatingUnitName,
    level,
    scopeLabel,
    organisation,
    cutoffDay,
    submitDays,
    submitWorkingDays,
    recipients: [...recipients],
    sendDay,
    sendHour,
    reminders,
    reminderDaysBefore,
    timeZone,
  };
}
