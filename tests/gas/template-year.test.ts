/**
 * "Tạo mẫu báo cáo cho xã" proposes next year once January's data window has opened (from the
 * cut-off day of December, Decree 09): Enter then makes next year's tabs.
 */
import { unitSheetName } from '../../src/engine/sheet/layout';
import * as main from '../../src/gas/main';
import { YEAR_PROMPT } from '../../src/messages/vi/gas';
import { createEnv, type Env, runSetup, setSetting } from './helpers';

let env: Env | undefined;
afterEach(() => {
  env?.dispose();
  env = undefined;
});

function enterOnPrompt(e: Env) {
  e.fake.ui.queuePromptResponse({ text: '' });
  return main.createTemplates();
}

function hasTab(e: Env, year: number): boolean {
  return e.master.getSheetByName(unitSheetName(e.units[0], year)) !== null;
}

describe('Tạo mẫu: the year proposed at the year turn', () => {
  test('20/12/2018 (January 2019 window open since 15/12): Enter makes the 2019 tabs', () => {
    env = createEnv({ now: new Date('2018-12-20T09:00:00+07:00') });
    runSetup();
    const r = enterOnPrompt(env);
    expect(env.fake.ui.prompts.at(-1)?.prompt).toBe(YEAR_PROMPT.year(2019));
    expect(r?.year).toBe(2019);
    expect(hasTab(env, 2019)).toBe(true);
    expect(hasTab(env, 2018)).toBe(false);
  });

  test('14/12/2018 (the day before): Enter still makes the 2018 tabs', () => {
    env = createEnv({ now: new Date('2018-12-14T23:30:00+07:00') });
    runSetup();
    const r = enterOnPrompt(env);
    expect(env.fake.ui.prompts.at(-1)?.prompt).toBe(YEAR_PROMPT.year(2018));
    expect(r?.year).toBe(2018);
    expect(hasTab(env, 2018)).toBe(true);
  });

  test('calendar months (cut-off day 1): 20/12/2018 still proposes 2018', () => {
    env = createEnv({ now: new Date('2018-12-20T09:00:00+07:00') });
    runSetup();
    setSetting(env.master, 'cutoffDay', '1');
    const r = enterOnPrompt(env);
    expect(r?.year).toBe(2018);
  });
});
