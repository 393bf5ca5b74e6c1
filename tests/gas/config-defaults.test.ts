import { defaultCatalogue, defaultSettings } from '../../src/engine/catalogue/defaults';
import { CATALOGUE_VERSION, DEFAULT_TITLE, settingsDefaults } from '../../src/gas/config-defaults';

// Reading the configuration falls back on these; they must be the shipped defaults, minus the days off.
describe('config defaults', () => {
  it('are the default settings without the days off', () => {
    const { holidays, ...rest } = defaultSettings();
    expect(holidays?.length).toBeGreaterThan(0);
    expect(settingsDefaults()).toEqual(rest);
  });

  it('are the default catalogue title and version', () => {
    const cat = defaultCatalogue();
    expect(DEFAULT_TITLE).toBe(cat.title);
    expect(CATALOGUE_VERSION).toBe(cat.version);
  });

  it('give a fresh recipients list each time', () => {
    const a = settingsDefaults();
    a.recipients.push('x@example.com');
    expect(settingsDefaults().recipients).toEqual(defaultSettings().recipients);
  });
});
