/**
 * Headless Chromium for the browser tests: Debian's `chromium` driven by playwright-core
 * (no downloaded browser), and a tiny local HTTP server on 127.0.0.1.
 *
 * When the browser is missing the suites are skipped with a message that says so
 * (CI installs it in .ci/run; locally: `apt-get install chromium`).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM_PATH);
export const SKIP_NOTE = `SKIPPED: ${CHROMIUM_PATH} not found — install Debian's chromium (apt-get install chromium)`;

/** `describe` when Chromium is there, otherwise a skipped block whose title says why. */
export function describeBrowser(title: string, fn: () => void): void {
  if (HAVE_CHROMIUM) {
    describe(title, fn);
  } else {
    // eslint-disable-next-line no-console
    console.warn(`${title}: ${SKIP_NOTE}`);
    describe.skip(`${title} (${SKIP_NOTE})`, fn);
  }
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface LocalServer {
  url: string;
  origin: string;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

/** Serve fixed pages: path → HTML. Anything else is 404. */
export async function serve(pages: Record<string, () => string>): Promise<LocalServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push(path);
    const page = pages[path];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs in the page before its own script: google.script.run → window.__gasCall (Node). */
export const STUB = `
(() => {
  function runner(ok, fail) {
    return new Proxy({}, {
      get(_, name) {
        if (name === 'withSuccessHandler') return (fn) => runner(fn, fail);
        if (name === 'withFailureHandler') return (fn) => runner(ok, fn);
        if (name === 'withUserObject') return () => runner(ok, fail);
        return (...args) => {
          window.__gasCall(String(name), JSON.stringify(args)).then(
            (text) => { const r = JSON.parse(text); if (r.error) { if (fail) fail(new Error(r.error)); } else if (ok) ok(r.value); },
            (e) => { if (fail) fail(e); });
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null), host: { close() { window.__closed = true; } } } };
})();
`;
