/**
 * What a district officer types into the configuration files: texts with spaces around them or
 * typed on a Mac (NFD), e-mail settings the command does not use, two units of one name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildCli, ROOT, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

const readJson = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'sheets-templates', name), 'utf8'));
const nfd = (t: string) => t.normalize('NFD');

describe('configuration texts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmpDir('tonghop-config-texts-');
    await writeCommune(path.join(dir, 'xa'), 'chung-chai', 2018, { 'DTN_QUA:9': 'abc' });
  });

  test('names and labels with spaces around them or in NFD reach the messages trimmed and in NFC', async () => {
    const catalogue = readJson('catalogue.json');
    for (const i of catalogue.indicators) if (i.code === 'DTN_QUA') i.label = `${nfd('Suất quà tặng')} `;
    const units = readJson('units.json');
    for (const u of units.units) if (u.code === 'chung-chai') u.name = ` ${nfd('Chung Chải')} `;
    fs.writeFileSync(path.join(dir, 'c.json'), JSON.stringify(catalogue));
    fs.writeFileSync(path.join(dir, 'u.json'), JSON.stringify(units));
    const r = await runCli(['check', 'xa', '--catalogue', 'c.json', '--units', 'u.json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Xã Chung Chải, ô [A-Z]+\d+ \(Suất quà tặng, tháng 9\)/);
    expect(r.stdout).toBe(r.stdout.normalize('NFC'));
  });
});
