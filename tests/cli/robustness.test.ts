/**
 * Bad input of every other kind gets a Vietnamese message, never English or JavaScript internals:
 * linked and damaged workbooks, help topics, configuration files, TONGHOP_NOW, SMTP settings; and
 * `report` works as the README documents it, without --from.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { jsonErrorOffset } from '../../src/cli/config';
import { describeSmtpError } from '../../src/cli/mail/smtp';
import { parseSettings } from '../../src/engine/catalogue/schema';
import { buildCli, ROOT, runCli, tmpDir, writeCommune } from './helpers';

beforeAll(() => buildCli(), 120_000);

/** English or JavaScript internals a user must never see. */
const INTERNALS =
  /Lỗi không mong đợi|Cannot read|Cannot set|properties of|undefined|Bug :|mismatch|position \d|Expected|Unexpected|\bat [A-Za-z.]+ \(/;

describe('report as documented (README), without --from', () => {
  test('writes the .eml with a placeholder sender the tool itself accepts', async () => {
    const dir = tmpDir('tonghop-rob-report-');
    for (const c of ['muong-nhe', 'nam-vi']) await writeCommune(path.join(dir, 'xa'), c, 2018);
    const r = await runCli(['report', '--period', '2018-09', 'xa', '--to', 'a@b.vn'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Đã ghi e-mail (.eml): outbox/bao-cao-2018-09.eml');
    const eml = fs.readFileSync(path.join(dir, 'outbox/bao-cao-2018-09.eml'), 'latin1');
    // Headers unfolded (a long From goes on over several lines).
    const head = eml.slice(0, eml.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    const from = /^From: (.*)$/m.exec(head)?.[1] ?? '';
    expect(from).toMatch(/<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/);
  });

  test('sending over SMTP without any sender: says which setting is missing (exit 2)', async () => {
    const dir = tmpDir('tonghop-rob-nofrom-');
    await writeCommune(path.join(dir, 'xa'), 'nam-vi', 2018);
    const r = await runCli(['report', '--period', '2018-09', 'xa', '--to', 'a@b.vn'], {
      cwd: dir,
      env: { TONGHOP_SMTP_HOST: '127.0.0.1', TONGHOP_SMTP_PORT: '9' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Chưa có địa chỉ người gửi .*--from .*TONGHOP_MAIL_FROM/);
  });
});

describe('symbolic links in a scanned folder', () => {
  test('a linked file and a linked folder are read; a loop ends; a broken link is named', async () => {
    const dir = tmpDir('tonghop-rob-links-');
    const store = path.join(dir, 'kho');
    const xa = path.join(dir, 'xa');
    await writeCommune(xa, 'muong-nhe', 2018);
    await writeCommune(store, 'chung-chai', 2018);
    await writeCommune(path.join(store, 'thu-muc'), 'nam-ke', 2018);
    fs.symlinkSync(path.join(store, 'chung-chai-2018.xlsx'), path.join(xa, 'chung-chai-2018.xlsx'));
    fs.symlinkSync(path.join(store, 'thu-muc'), path.join(xa, 'thu-muc'), 'dir');
    fs.symlinkSync(xa, path.join(xa, 'vong-lap'), 'dir'); // back to itself
    fs.symlinkSync(path.join(store, 'da-xoa-2018.xlsx'), path.join(xa, 'huoi-lech-2018.xlsx'));

    const r = await runCli(['check', '--json', 'xa'], { cwd: dir });
    const json = JSON.parse(r.stdout);
    expect(json.reports.map((x: { unitCode: string }) => x.unitCode).sort()).toEqual([
      'chung-chai',
      'muong-nhe',
      'nam-ke',
    ]);
    expect(json.files).toBe(3);
    const broken = json.findings.filter((f: { code: string }) => f.code === 'broken-link');
    expect(broken).toEqual([expect.objectContaining({ severity: 'warning', file: 'xa/huoi-lech-2018.xlsx' })]);
    expect(broken[0].message).toMatch(/^xa\/huoi-lech-2018\.xlsx là lối tắt .*không còn nữa/);

    // The linked communes count as reported.
    const a = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', 'th.xlsx'], { cwd: dir });
    expect(a.stdout).toMatch(/Đã báo cáo: 3\/11/);
  });

  test('a folder of only broken links: exit 3, the links named', async () => {
    const dir = tmpDir('tonghop-rob-broken-');
    fs.mkdirSync(path.join(dir, 'xa'));
    fs.symlinkSync(path.join(dir, 'khong-co.xlsx'), path.join(dir, 'xa', 'nam-vi-2018.xlsx'));
    const r = await runCli(['check', 'xa'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Không tìm thấy tệp \.xlsx nào trong: xa\. Có 1 lối tắt .*xa\/nam-vi-2018\.xlsx/);
  });
});

describe('damaged .xlsx files', () => {
  let dir: string;
  let good: Buffer;
  beforeAll(async () => {
    dir = tmpDir('tonghop-rob-damaged-');
    good = fs.readFileSync(await writeCommune(path.join(dir, 'goc'), 'chung-chai', 2018));
  });

  /** The good workbook with one part of the package replaced. */
  async function withPart(name: string, edit: (xml: string) => string): Promise<Buffer> {
    const zip = await JSZip.loadAsync(good);
    const file = zip.file(name);
    if (!file) throw new Error(`no part ${name}`);
    zip.file(name, edit(await file.async('string')));
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }

  test.each([
    ['so-bo-hong.xlsx', () => withPart('xl/workbook.xml', () => '<workbook><sheets><sheet')],
    ['trang-hong.xlsx', () => withPart('xl/worksheets/sheet1.xml', (xml) => xml.slice(0, 2000))],
    [
      'sai-crc.xlsx',
      async () => {
        // Bytes overwritten inside a compressed part: the zip directory is intact, the data is not.
        const b = Buffer.from(good);
        b.fill(0, 3000, 3004);
        return b;
      },
    ],
  ])('%s: a Vietnamese reason; the raw text only with TONGHOP_DEBUG=1', async (name, make) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, await make());
    const r = await runCli(['check', name], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      `LỖI: Tệp ${name} bị hỏng hoặc không phải .xlsx hợp lệ nên không đọc được. Hãy mở bằng Excel hoặc LibreOffice`,
    );
    expect(r.stdout + r.stderr).not.toMatch(INTERNALS);
    const debug = await runCli(['check', name], { cwd: dir, env: { TONGHOP_DEBUG: '1' } });
    expect(debug.stdout).toMatch(/\(Chi tiết: .+\)/);
  });
});

describe('help topics', () => {
  test.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'help %s: the general help, exit 0',
    async (t) => {
      const r = await runCli(['help', t]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^tonghop — tổng hợp báo cáo/);
      expect(r.stderr).toBe('');
    },
  );

  test('help aggregate still gives that command’s help', async () => {
    const r = await runCli(['help', 'aggregate']);
    expect(r.stdout).toMatch(/^Cách dùng: tonghop aggregate/);
  });
});

describe('configuration files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmpDir('tonghop-rob-config-');
    await writeCommune(path.join(dir, 'xa'), 'sen-thuong', 2018);
  });

  // Where the text stops being JSON: the "}" after a trailing comma, the key after a missing comma,
  // the line break inside "tru" (no position in V8's message), the end of a text cut short.
  test.each([
    ['--settings', '{', 1, 2],
    ['--units', '{\n  "units": [\n    { "code": "a", }\n  ]\n}', 3, '    { "code": "a", '.length + 1],
    ['--catalogue', '{\n  "version": 1,\n  "title": "x"\n  "groups": []\n}', 4, 3],
    ['--settings', '\uFEFF{\n  "a": tru\n}', 2, '  "a": tru'.length + 1],
  ])('%s %j: the line and column, in Vietnamese (exit 2)', async (option, text, line, column) => {
    const file = path.join(dir, `sai-${option.slice(2)}-${line}.json`);
    fs.writeFileSync(file, text);
    const r = await runCli(['check', 'xa', option, file], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`không phải JSON hợp lệ: sai cú pháp ở dòng ${line}, cột ${column}`);
    expect(r.stderr).not.toMatch(INTERNALS);
  });

  test('the JSON scanner agrees with JSON.parse on what is JSON, and points inside the text', () => {
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '\\'),
        (json, at, insert) => {
          const k = json.length ? at % (json.length + 1) : 0;
          const text = json.slice(0, k) + insert + json.slice(k + (at % 3 === 0 ? 1 : 0));
          let parses = true;
          try {
            JSON.parse(text);
          } catch {
            parses = false;
          }
          const offset = jsonErrorOffset(text);
          return parses ? offset === null : offset !== null && offset >= 0 && offset <= text.length;
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('an unknown time zone in the settings is refused, naming the setting (exit 2)', async () => {
    const settings = JSON.parse(fs.readFileSync(path.join(ROOT, 'sheets-templates/settings.json'), 'utf8'));
    const file = path.join(dir, 'mui-gio.json');
    fs.writeFileSync(file, JSON.stringify({ ...settings, timeZone: 'Mars/Phobos' }));
    const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--settings', file, '--out', 'th.xlsx'], {
      cwd: dir,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"timeZone" (múi giờ): "Mars/Phobos" không phải tên múi giờ hợp lệ');
    expect(fs.existsSync(path.join(dir, 'th.xlsx'))).toBe(false);
  });

  test('the engine schema: real zones pass, unknown and empty ones do not', () => {
    const settings = JSON.parse(fs.readFileSync(path.join(ROOT, 'sheets-templates/settings.json'), 'utf8'));
    for (const tz of ['Asia/Ho_Chi_Minh', 'Asia/Bangkok', 'UTC', 'Europe/Paris'])
      expect(parseSettings({ ...settings, timeZone: tz }).ok).toBe(true);
    for (const tz of ['Mars/Phobos', 'GMT+25', 'Asia/Hà_Nội']) {
      const r = parseSettings({ ...settings, timeZone: tz });
      expect(r.ok ? [] : r.errors).toEqual([
        `settings.json: "timeZone" (múi giờ): "${tz}" không phải tên múi giờ hợp lệ (ví dụ đúng: "Asia/Ho_Chi_Minh")`,
      ]);
    }
    const empty = parseSettings({ ...settings, timeZone: '' });
    expect(empty.ok ? [] : empty.errors).toEqual(['settings.json: "timeZone" (múi giờ): không được để trống']);
  });
});

describe('TONGHOP_NOW', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tmpDir('tonghop-rob-now-');
    await writeCommune(path.join(dir, 'xa'), 'sin-thau', 2018);
  });

  test.each([
    ['2018-02-30', /ngày hoặc giờ không có thật: "2018-02-30"/],
    ['2018-13-01', /ngày hoặc giờ không có thật/],
    ['2018-09-20T25:00:00Z', /ngày hoặc giờ không có thật/],
    ['9999-12-31T23:59:59Z', /năm ngoài khoảng 1990–2100: "9999-12-31T23:59:59Z"/],
    ['1900-01-01', /năm ngoài khoảng 1990–2100/],
    ['hôm nay', /không phải thời điểm ISO 8601/],
  ])('%s: refused with a Vietnamese message (exit 2), nothing written', async (value, message) => {
    const r = await runCli(['aggregate', '--period', '2018-09', 'xa', '--out', 'th.xlsx'], {
      cwd: dir,
      env: { TONGHOP_NOW: value },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(fs.existsSync(path.join(dir, 'th.xlsx'))).toBe(false);
  });

  test.each([
    ['2018-09-20', '20/09/2018'],
    ['2018-09-20T09:00:00+07:00', '20/09/2018'],
    ['2018-02-28T23:00:00Z', '01/03/2018'],
  ])('%s: accepted (the day as seen in Vietnam: %s)', async (value, shown) => {
    const r = await runCli(['aggregate', '--period', '2018-01', 'xa', '--out', 'th.xlsx'], {
      cwd: dir,
      env: { TONGHOP_NOW: value },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`Đến ngày ${shown}`);
  });
});

describe('messages', () => {
  test('a folder with only other spreadsheet formats: two sentences, each ended', async () => {
    const dir = tmpDir('tonghop-rob-odd-');
    fs.mkdirSync(path.join(dir, 'odd'));
    for (const f of ['a.xls', 'b.ods', 'c.csv']) fs.writeFileSync(path.join(dir, 'odd', f), 'x');
    const r = await runCli(['check', 'odd/'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^Không tìm thấy tệp \.xlsx nào trong: odd\/\. Có 3 tệp bảng tính dạng khác/);
  });

  test('TONGHOP_SMTP_USER without TONGHOP_SMTP_PASS: the password is missing (exit 2)', async () => {
    const dir = tmpDir('tonghop-rob-pass-');
    await writeCommune(path.join(dir, 'xa'), 'nam-vi', 2018);
    const r = await runCli(['report', '--period', '2018-09', 'xa', '--to', 'a@b.vn', '--from', 'h@b.vn'], {
      cwd: dir,
      env: { TONGHOP_SMTP_HOST: '127.0.0.1', TONGHOP_SMTP_USER: 'huyen' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/thiếu mật khẩu: hãy đặt biến môi trường TONGHOP_SMTP_PASS/);
  });

  test('an SMTP error the tool does not know: a Vietnamese sentence first, the raw text after it in brackets', () => {
    const raw = 'Greeting never received from the mail relay';
    const e = Object.assign(new Error(raw), { code: 'EWEIRD' });
    const text = describeSmtpError(e);
    expect(text).toMatch(/^máy chủ thư báo lỗi mà công cụ chưa nhận ra \(mã EWEIRD\)/);
    expect(text).toContain(`(chi tiết: ${raw})`);
    expect(text.indexOf(raw)).toBeGreaterThan(text.indexOf('chưa nhận ra'));
    // A server reply is the more useful detail.
    const reply = describeSmtpError(Object.assign(new Error('x'), { response: '554 5.7.1 Relay denied' }));
    expect(reply).toMatch(/^máy chủ thư báo lỗi .*\(chi tiết: 554 5\.7\.1 Relay denied\)$/);
  });
});
