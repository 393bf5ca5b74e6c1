/**
 * `tonghop report`: the .eml in the outbox parsed back (headers, multipart/alternative,
 * attachment), and sending over a real TCP socket to a tiny SMTP server written here.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildCli, runCli, tmpDir, writeCommune } from './helpers';

const dir = tmpDir('tonghop-report-');
const inputs = path.join(dir, 'xa');

beforeAll(async () => {
  buildCli();
  for (const c of ['muong-nhe', 'nam-vi']) for (const y of [2017, 2018]) await writeCommune(inputs, c, y);
}, 120_000);

// ---------------------------------------------------------------- a minimal MIME reader

interface Part {
  headers: Record<string, string>;
  body: Buffer;
  parts: Part[];
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), adjacent ones joined. */
function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function parseMime(raw: Buffer): Part {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = Buffer.from(text.slice(split + 4), 'latin1');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const part: Part = { headers, body, parts: [] };
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    const chunks = body.toString('latin1').split(`--${boundary}`);
    for (const chunk of chunks.slice(1, -1))
      part.parts.push(parseMime(Buffer.from(chunk.replace(/^\r\n/, ''), 'latin1')));
  }
  return part;
}

function decodeBody(p: Part): Buffer {
  const enc = (p.headers['content-transfer-encoding'] ?? '').toLowerCase();
  const s = p.body.toString('latin1');
  if (enc === 'base64') return Buffer.from(s.replace(/\s+/g, ''), 'base64');
  if (enc === 'quoted-printable')
    return Buffer.from(
      s.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
  return p.body;
}

// ---------------------------------------------------------------- a tiny SMTP server (node:net)

interface Received {
  from: string;
  to: string[];
  data: string;
}

function smtpServer(options: { rejectRcpt?: boolean } = {}) {
  const received: Received[] = [];
  const commands: string[] = [];
  const server = net.createServer((socket) => {
    socket.setEncoding('latin1');
    let buf = '';
    let inData = false;
    let cur: Received = { from: '', to: [], data: '' };
    const reply = (s: string) => socket.write(`${s}\r\n`);
    reply('220 localhost ESMTP thu-nghiem');
    socket.on('data', (chunk: string) => {
      buf += chunk;
      let i = buf.indexOf('\r\n');
      while (i >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        i = buf.indexOf('\r\n');
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(cur);
            cur = { from: '', to: [], data: '' };
            reply('250 2.0.0 OK queued');
          } else cur.data += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
          continue;
        }
        commands.push(line);
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO') {
          socket.write('250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
        } else if (verb === 'HELO') reply('250 localhost');
        else if (verb === 'MAIL') {
          cur.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 2.1.0 OK');
        } else if (verb === 'RCPT') {
          if (options.rejectRcpt) reply('550 5.1.1 Hop thu khong ton tai');
          else {
            cur.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
            reply('250 2.1.5 OK');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 Go ahead');
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
        else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else reply('502 5.5.2 Not implemented');
      }
    });
    socket.on('error', () => {});
  });
  return new Promise<{ port: number; received: Received[]; commands: string[]; close: () => Promise<void> }>(
    (resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const port = (server.address() as net.AddressInfo).port;
        resolve({ port, received, commands, close: () => new Promise((r) => server.close(() => r())) });
      });
    },
  );
}

// ---------------------------------------------------------------- tests

describe('report → .eml in the outbox', () => {
  const outbox = path.join(dir, 'outbox');
  let run: Awaited<ReturnType<typeof runCli>>;
  let mail: Part;
  let raw: string;

  beforeAll(async () => {
    run = await runCli([
      'report',
      '--period',
      '2018-09',
      inputs,
      '--to',
      'bandanvan@example.vn',
      '--to',
      'Nguyễn Văn A <a@example.vn>',
      '--outbox',
      outbox,
      '--from',
      'Ban Dân vận Huyện ủy <huyenuy@example.vn>',
    ]);
    const file = path.join(outbox, 'bao-cao-2018-09.eml');
    raw = fs.readFileSync(file, 'latin1');
    mail = parseMime(fs.readFileSync(file));
  }, 60_000);

  test('written, path printed, exit 0 (not sent: no SMTP settings)', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Đã ghi e-mail (.eml):');
    expect(run.stdout).not.toContain('Đã gửi');
    expect(mail.headers['x-unsent']).toBe('1');
  });

  test('headers: UTF-8 encoded subject, addresses, date, MIME', () => {
    expect(mail.headers.subject).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    const subject = decodeWords(mail.headers.subject);
    expect(subject).toMatch(/tháng 9\/2018/);
    expect(subject).toMatch(/Mường Nhé/);
    expect(mail.headers.to).toContain('bandanvan@example.vn');
    expect(decodeWords(mail.headers.to)).toContain('Nguyễn Văn A <a@example.vn>');
    expect(decodeWords(mail.headers.from)).toContain('huyenuy@example.vn');
    expect(mail.headers['mime-version']).toBe('1.0');
    expect(new Date(mail.headers.date).toISOString()).toBe('2018-09-20T03:00:00.000Z');
    expect(raw).not.toMatch(/[^\r]\n/); // CRLF line ends only
  });

  test('multipart/mixed: multipart/alternative (text + HTML, UTF-8) and the .xlsx attachment', async () => {
    expect(mail.headers['content-type']).toMatch(/^multipart\/mixed/);
    const [alt, attachment] = mail.parts;
    expect(alt.headers['content-type']).toMatch(/^multipart\/alternative/);
    const [plain, html] = alt.parts;
    expect(plain.headers['content-type']).toMatch(/^text\/plain; charset=utf-8/i);
    expect(html.headers['content-type']).toMatch(/^text\/html; charset=utf-8/i);
    expect(decodeBody(plain).toString('utf8')).toMatch(/TÌNH HÌNH NỘP BÁO CÁO|Đã báo cáo/i);
    expect(decodeBody(html).toString('utf8')).toMatch(/<table/);

    expect(attachment.headers['content-type']).toMatch(
      /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
    );
    expect(attachment.headers['content-disposition']).toMatch(/^attachment; filename="?tong-hop-2018-09\.xlsx"?/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(decodeBody(attachment) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].name).toBe('Tổng hợp 2018-09');
  });

  test('reproducible with TONGHOP_NOW: the same bytes twice', async () => {
    const again = path.join(dir, 'outbox2');
    await runCli([
      'report',
      '--period',
      '2018-09',
      inputs,
      '--to',
      'bandanvan@example.vn',
      '--to',
      'Nguyễn Văn A <a@example.vn>',
      '--outbox',
      again,
      '--from',
      'Ban Dân vận Huyện ủy <huyenuy@example.vn>',
    ]);
    const second = fs.readFileSync(path.join(again, 'bao-cao-2018-09.eml'), 'latin1');
    // The attached .xlsx is a zip with its own timestamps; compare everything else.
    const strip = (s: string) =>
      s.replace(/(filename="?tong-hop[^\r]*\r\n(?:[^\r]+\r\n)*\r\n)[A-Za-z0-9+/=\r\n]+/, '$1');
    expect(strip(second)).toBe(strip(raw));
  });
});

describe('report over SMTP (real TCP socket on localhost)', () => {
  test('sends the same message it keeps in the outbox; exit 0', async () => {
    const smtp = await smtpServer();
    const outbox = path.join(dir, 'sent');
    try {
      const r = await runCli(['report', '--period', '2018-09', inputs, '--to', 'tinh@example.vn', '--outbox', outbox], {
        env: {
          TONGHOP_SMTP_HOST: '127.0.0.1',
          TONGHOP_SMTP_PORT: String(smtp.port),
          TONGHOP_MAIL_FROM: 'Ban Dân vận <huyen@example.vn>',
        },
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Đã gửi e-mail tới: tinh@example.vn');
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].from).toBe('huyen@example.vn');
      expect(smtp.received[0].to).toEqual(['tinh@example.vn']);
      const kept = fs.readFileSync(path.join(outbox, 'bao-cao-2018-09.eml'), 'latin1');
      expect(kept).not.toMatch(/X-Unsent/i);
      expect(smtp.received[0].data.replace(/\r\n$/, '')).toBe(kept.replace(/\r\n$/, ''));
      expect(smtp.commands.some((c) => /^EHLO /i.test(c))).toBe(true);
    } finally {
      await smtp.close();
    }
  });

  test('the server refuses the recipient → exit 4, Vietnamese reason, the .eml kept', async () => {
    const smtp = await smtpServer({ rejectRcpt: true });
    const outbox = path.join(dir, 'failed');
    try {
      const r = await runCli(
        ['report', '--period', '2018-09', inputs, '--to', 'khong-co@example.vn', '--outbox', outbox],
        {
          env: {
            TONGHOP_SMTP_HOST: '127.0.0.1',
            TONGHOP_SMTP_PORT: String(smtp.port),
            TONGHOP_MAIL_FROM: 'huyen@example.vn',
          },
        },
      );
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/Gửi e-mail không thành công: .*(người nhận|550)/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(path.join(outbox, 'bao-cao-2018-09.eml'))).toBe(true);
    } finally {
      await smtp.close();
    }
  });

  test('nobody listening → exit 4 "từ chối kết nối"', async () => {
    const smtp = await smtpServer();
    const port = smtp.port;
    await smtp.close();
    const r = await runCli(
      ['report', '--period', '2018-09', inputs, '--to', 'a@example.vn', '--outbox', path.join(dir, 'x')],
      {
        env: { TONGHOP_SMTP_HOST: '127.0.0.1', TONGHOP_SMTP_PORT: String(port), TONGHOP_MAIL_FROM: 'huyen@example.vn' },
      },
    );
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/từ chối kết nối/);
  });
});

describe('report usage errors', () => {
  test('no recipient → exit 2', async () => {
    const r = await runCli(['report', '--period', '2018-09', inputs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Chưa có người nhận/);
  });

  test('a malformed address → exit 2', async () => {
    const r = await runCli(['report', '--period', '2018-09', inputs, '--to', 'khong-phai-email']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Địa chỉ e-mail không hợp lệ: "khong-phai-email"/);
  });

  test('an address the settings schema would refuse ("a@b.v", a letter with a diacritic) → exit 2, named', async () => {
    for (const bad of ['tinh@example.v', 'nguyễn@example.vn']) {
      const outbox = tmpDir('tonghop-report-refused-');
      const r = await runCli([
        'report',
        '--period',
        '2018-09',
        inputs,
        '--to',
        `a@example.vn, ${bad}`,
        '--outbox',
        outbox,
      ]);
      expect(fs.readdirSync(outbox)).toEqual([]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Địa chỉ e-mail không hợp lệ: "${bad}"`);
    }
  });

  test('a bad SMTP port → exit 2', async () => {
    const r = await runCli(['report', '--period', '2018-09', inputs, '--to', 'a@example.vn'], {
      env: { TONGHOP_SMTP_HOST: '127.0.0.1', TONGHOP_SMTP_PORT: 'abc' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TONGHOP_SMTP_PORT không hợp lệ/);
  });
});

/** The decoded To: header of the one .eml in `outbox`. */
function toHeaderIn(outbox: string): string {
  const eml = fs.readFileSync(path.join(outbox, fs.readdirSync(outbox).find((f) => f.endsWith('.eml')) as string));
  return decodeWords(parseMime(eml).headers.to ?? '');
}

describe('report --to with a quoted display name holding a comma', () => {
  test('"Văn phòng Tỉnh ủy, Điện Biên" <vp@example.vn> is one recipient, beside another', async () => {
    const out = tmpDir('tonghop-report-quoted-');
    const r = await runCli([
      'report',
      '--period',
      '2018-09',
      inputs,
      '--to',
      '"Văn phòng Tỉnh ủy, Điện Biên" <vp@example.vn>; bdv@example.vn',
      '--outbox',
      out,
    ]);
    expect(r.code).toBe(0);
    const to = toHeaderIn(out);
    expect(to).toContain('vp@example.vn');
    expect(to).toContain('Văn phòng Tỉnh ủy, Điện Biên');
    expect(to).toContain('bdv@example.vn');
  });

  test('addresses pasted from a column (line breaks, spaces) are each a recipient, each once', async () => {
    const out = tmpDir('tonghop-report-pasted-');
    const list = 'bdv@example.vn\ntinh@example.vn  huyen@example.vn\nBDV@example.vn';
    const r = await runCli(['report', '--period', '2018-09', inputs, '--to', list, '--outbox', out]);
    expect(r.code).toBe(0);
    const to = toHeaderIn(out);
    expect(to.split(',').map((t) => t.trim())).toEqual(['bdv@example.vn', 'tinh@example.vn', 'huyen@example.vn']);
  });
});

describe('report run again for the same period', () => {
  test('the earlier .eml is kept as it is; the new one is written beside it (-2, then -3), and said', async () => {
    const outbox = tmpDir('tonghop-report-again-');
    const args = ['report', '--period', '2018-09', inputs, '--to', 'bdv@example.vn', '--outbox', outbox];
    const first = await runCli(args);
    expect(first.code).toBe(0);
    const earlier = path.join(outbox, 'bao-cao-2018-09.eml');
    // Edited (or sent) since: its bytes must survive the next run.
    const edited = Buffer.concat([fs.readFileSync(earlier), Buffer.from('\r\n-- sửa tay --\r\n')]);
    fs.writeFileSync(earlier, edited);

    const second = await runCli(args);
    expect(second.code).toBe(0);
    expect(fs.readFileSync(earlier).equals(edited)).toBe(true);
    const again = path.join(outbox, 'bao-cao-2018-09-2.eml');
    expect(parseMime(fs.readFileSync(again)).headers['x-unsent']).toBe('1');
    expect(second.stdout).toContain('bao-cao-2018-09.eml');
    expect(second.stdout).toMatch(/giữ nguyên tệp đó, e-mail mới được ghi vào tệp bao-cao-2018-09-2\.eml/);
    expect(second.stdout).toContain(`Đã ghi e-mail (.eml): ${again}`);

    const third = await runCli(args);
    expect(third.code).toBe(0);
    expect(fs.readFileSync(earlier).equals(edited)).toBe(true);
    expect(fs.readdirSync(outbox).sort()).toEqual([
      'bao-cao-2018-09-2.eml',
      'bao-cao-2018-09-3.eml',
      'bao-cao-2018-09.eml',
    ]);
    expect(third.stdout).toContain('bao-cao-2018-09-3.eml');
  }, 60_000);

  test('the new .eml says it replaces the earlier one of the period: subject and first line', async () => {
    const outbox = tmpDir('tonghop-report-replaces-');
    const args = ['report', '--period', '2018-09', inputs, '--to', 'bdv@example.vn', '--outbox', outbox];
    expect((await runCli(args)).code).toBe(0);
    const first = parseMime(fs.readFileSync(path.join(outbox, 'bao-cao-2018-09.eml')));
    expect(decodeWords(first.headers.subject)).not.toMatch(/gửi lại|thay thế/);
    // Sent since (from a mail program, say): no longer a draft.
    const firstFile = path.join(outbox, 'bao-cao-2018-09.eml');
    fs.writeFileSync(firstFile, fs.readFileSync(firstFile, 'latin1').replace(/X-Unsent: 1\r\n/i, ''), 'latin1');
    // Five days later, after a commune's correction.
    expect((await runCli(args, { env: { TONGHOP_NOW: '2018-09-25T02:00:00.000Z' } })).code).toBe(0);
    const second = parseMime(fs.readFileSync(path.join(outbox, 'bao-cao-2018-09-2.eml')));
    expect(decodeWords(second.headers.subject)).toBe(
      '[Dân vận] Báo cáo tháng 9/2018 – huyện Mường Nhé (gửi lại, thay thế bản ngày 20/09/2018)',
    );
    const [plain, html] = second.parts[0].parts;
    // The time from the first's Date header (10:00 in Vietnam).
    const line = 'Bản gửi lại: báo cáo này thay thế báo cáo tháng 9/2018 gửi lúc 10:00 ngày 20/09/2018.';
    const text = decodeBody(plain).toString('utf8');
    expect(text.startsWith(line)).toBe(true);
    expect(text).toContain('có thể đã được các xã sửa');
    expect(decodeBody(html).toString('utf8')).toContain(line);
    // The HTML's title is the subject as sent, marked too.
    const titles = (part: (typeof first.parts)[number]) =>
      [
        ...decodeBody(part)
          .toString('utf8')
          .matchAll(/<title>([^<]*)<\/title>/g),
      ].map((m) => m[1]);
    expect(titles(html)).toEqual([decodeWords(second.headers.subject)]);
    expect(titles(first.parts[0].parts[1])).toEqual([decodeWords(first.headers.subject)]);
    // The attachments do not share a name (the second would take the first's in Downloads): the
    // second dated the day it went, ASCII as the first.
    const attached = (mail: typeof first) =>
      /filename="?([^";\r\n]+)/.exec(mail.parts[1].headers['content-disposition'])?.[1];
    expect(attached(first)).toBe('tong-hop-2018-09.xlsx');
    expect(attached(second)).toBe('tong-hop-2018-09-ban-25-09-2018.xlsx');
  }, 60_000);

  test('after a draft nobody received (no SMTP), the new .eml is not marked "gửi lại"; the console says a draft exists', async () => {
    const outbox = tmpDir('tonghop-report-draft-');
    const args = ['report', '--period', '2018-09', inputs, '--to', 'bdv@example.vn', '--outbox', outbox];
    expect((await runCli(args)).code).toBe(0);
    const again = await runCli(args, { env: { TONGHOP_NOW: '2018-09-21T03:00:00.000Z' } });
    expect(again.code).toBe(0);
    const second = parseMime(fs.readFileSync(path.join(outbox, 'bao-cao-2018-09-2.eml')));
    expect(decodeWords(second.headers.subject)).toBe('[Dân vận] Báo cáo tháng 9/2018 – huyện Mường Nhé');
    const [plain, html] = second.parts[0].parts;
    expect(decodeBody(plain).toString('utf8')).not.toMatch(/Bản gửi lại|thay thế/);
    expect(decodeBody(html).toString('utf8')).not.toMatch(/Bản gửi lại|thay thế/);
    expect(again.stdout).toContain(`Đã có bản nháp ${path.join(outbox, 'bao-cao-2018-09.eml')}`);
  }, 60_000);
});
