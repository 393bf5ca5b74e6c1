/**
 * `tonghop report` keeps each .eml under a new name ("-2", "-3" …). A run killed while writing its
 * .eml (Ctrl+C, a power cut) must leave no file under the name: an empty .eml in the outbox would be
 * opened or sent as the report, and push the next run's to "-2".
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

const dir = tmpDir('tonghop-report-killed-');
const inputs = path.join(dir, 'xa');

beforeAll(async () => {
  buildCli();
  for (const c of ['muong-nhe', 'nam-vi']) for (const y of [2017, 2018]) await writeCommune(inputs, c, y);
}, 120_000);

test('killed at the first write of the .eml: nothing under its name; the next run writes it whole', async () => {
  const outbox = path.join(dir, 'outbox');
  // Loaded before the CLI: the process kills itself when it starts writing the e-mail's bytes.
  const preload = path.join(dir, 'kill-at-eml.cjs');
  fs.writeFileSync(
    preload,
    `const fs = require('node:fs');
     const real = fs.writeFileSync;
     fs.writeFileSync = function (file, ...rest) {
       if (String(file).includes('bao-cao-2018-09')) process.kill(process.pid, 'SIGKILL');
       return real.call(this, file, ...rest);
     };`,
  );
  const args = ['report', '--period', '2018-09', inputs, '--to', 'tinh@example.vn', '--outbox', outbox];
  const killed = await runCli(args, { env: { NODE_OPTIONS: `--require ${preload}` } });
  expect(killed.code).toBeNull(); // killed by the signal, as the preload meant
  const left = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => !f.startsWith('.')) : [];
  expect(left).toEqual([]);

  const r = await runCli(args);
  expect(r.code).toBe(0);
  expect(fs.readdirSync(outbox).filter((f) => !f.startsWith('.'))).toEqual(['bao-cao-2018-09.eml']);
  expect(fs.readFileSync(path.join(outbox, 'bao-cao-2018-09.eml'), 'latin1')).toContain(
    'Content-Type: multipart/mixed',
  );
}, 120_000);
