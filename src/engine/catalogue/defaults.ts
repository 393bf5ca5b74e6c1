/**
 * The default catalogue, units and settings shipped in sheets-templates/. Bundled
 * into both shells (esbuild inlines JSON), validated once on load.
 */
import catalogueJson from '../../../sheets-templates/catalogue.json';
import holidayNamesJson from '../../../sheets-templates/holidays.json';
import settingsJson from '../../../sheets-templates/settings.json';
import unitsJson from '../../../sheets-templates/units.json';
import type { Catalogue, Settings, Unit } from '../types';
import { parseCatalogue, parseSettings, parseUnits, type Result } from './schema';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

export function defaultCatalogue(): Catalogue {
  return must(parseCatalogue(catalogueJson, 'sheets-templates/catalogue.json'));
}

export function defaultUnits(): Unit[] {
  return must(parseUnits(unitsJson, 'sheets-templates/units.json'));
}

export function defaultSettings(): Settings {
  return must(parseSettings(settingsJson, 'sheets-templates/settings.json'));
}

/**
 * Names of the default days off (settings.json `holidays`), by ISO date, for the add-on's
 * "Ngày nghỉ" sheet. Data, like the dates: the engine only ever needs the dates.
 */
export function defaultHolidayNames(): Record<string, string> {
  return { ...(holidayNamesJson as Record<string, string>) };
}
