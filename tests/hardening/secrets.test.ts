/**
 * SMTP credentials live in the environment (TONGHOP_SMTP_*) and nowhere else: a failed
 * login or an unreachable server gives a Vietnamese message and exit 4, and the password
 * appears in no output, no .eml and no summary file.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { corpus, hasStackTrace, runCli, tmpDir, warmCli } from './corpus';

const PASSWORD = 'Mk-bi-mat-9f3Q';

/** A minimal SMTP server that refuses every login with 535. */
function refusingServer(): Promise<{ port: number; close: () => Promise<void>; saw: string[] }> {
  const saw: string[] = [];
  const server = net.createServer((socket) => {
    socket.setEncoding('utf8');
    socket.write('220 smtp.example.vn ESMTP\r\n');
    let buf = '';
    socket.on('data', (d: string) => {
      buf += d;
      let i = buf.indexOf('\r\n');
      while (i >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        saw.push(line);
        if (/^(EHLO|HELO)/i.test(line)) socket.write('250-smtp.example.vn\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (/^AUTH/i.test(line)) socket.write('535 5.7.8 Authentication credentials invalid\r\n');
        else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('503 bad sequence\r\n');
        i = buf.indexOf('\r\n');
      }
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ port, saw, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

describe('SMTP credentials (tonghop report)', () => {
  let dir: string;
  beforeAll(() => {
    warmCli();
    dir = tmpDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function everything(outbox: string): string {
    return fs
      .readdirSync(outbox)
      .map((f) => fs.readFileSync(path.join(outbox, f)).toString('latin1'))
      .join('\n');
  }

  it.each([
    ['login refused', true],
    ['server unreachable', false],
  ])(
    '%s: Vietnamese message, exit 4, the password nowhere in the output or the files',
    async (_t, listening) => {
      const server = listening ? await refusingServer() : null;
      const outbox = path.join(dir, listening ? 'refused' : 'unreachable');
      try {
        const port = server ? server.port : 1; // nothing listens on port 1
        const r = await runCli(
          [
            'report',
            '--period',
            corpus.period,
            '--units',
            corpus.units,
            '--to',
            'tinhuy@dienbien.gov.vn',
            '--outbox',
            outbox,
            'good/',
          ],
          {
            env: {
              TONGHOP_SMTP_HOST: '127.0.0.1',
              TONGHOP_SMTP_PORT: String(port),
              TONGHOP_SMTP_USER: 'bandanvan@example.vn',
              TONGHOP_SMTP_PASS: PASSWORD,
              TONGHOP_MAIL_FROM: 'bandanvan@example.vn',
            },
          },
        );
        expect(r.code).toBe(4);
        expect(r.stderr).toContain('Gửi e-mail không thành công');
        expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
        expect(r.stdout + r.stderr).not.toContain(PASSWORD);
        expect(r.stdout + r.stderr).not.toContain(Buffer.from(PASSWORD).toString('base64'));
        // The .eml is kept for sending by hand, without the password.
        expect(fs.readdirSync(outbox).some((f) => f.endsWith('.eml'))).toBe(true);
        expect(everything(outbox)).not.toContain(PASSWORD);
        if (server) expect(server.saw.some((l) => /^AUTH/i.test(l))).toBe(true);
      } finally {
        await server?.close();
      }
    },
    120_000,
  );
});
