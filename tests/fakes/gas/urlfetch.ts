/**
 * UrlFetchApp routed to a handler the test provides (fake.http.handler), and the Sheets API
 * (https://sheets.googleapis.com/v4/spreadsheets/…) to the emulator over the fake's own
 * spreadsheets (fake.http.sheetsApi, sheets-api.ts) unless the test's handler serves it.
 * Each fetch / fetchAll is ONE service call; reading the response (HTTPResponse methods) is
 * local in Apps Script and not counted.
 */
import { BlobImpl, toSignedBytes, toUint8 } from './blob';
import type { FakeContext } from './context';
import { GAS_ERRORS, GasError } from './errors';
import { isGoogleFilesUrl } from './google-files';
import { GasObject } from './runtime';
import { isSheetsApiUrl, SERVES_SHEETS_API } from './sheets-api';

export interface FakeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** Payload as sent: strings stay strings, objects are form-encoded, blobs become bytes. */
  payload: string | Uint8Array | null;
  contentType: string | null;
  muteHttpExceptions: boolean;
  followRedirects: boolean;
}

export interface FakeResponseSpec {
  status?: number;
  /** string, bytes, or any other value (sent as JSON). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type HttpHandler = (req: FakeRequest) => FakeResponseSpec;

export class HttpState {
  /** The test's handler: every request, except Sheets API requests when it does not serve them (below). */
  handler: HttpHandler | null = null;
  /**
   * Serves Sheets API requests when `handler` is null or is not itself a Sheets API handler
   * (made by sheetsApiHandler). Set by createGasFake; null sends them to `handler` too.
   */
  sheetsApi: HttpHandler | null = null;
  /**
   * Serves Google's file endpoints (the spreadsheet export, Drive files.update: google-files.ts)
   * when `handler` is null. Set by createGasFake.
   */
  files: HttpHandler | null = null;
  requests: FakeRequest[] = [];

  /** Which handler answers `url`. */
  route(url: string): HttpHandler | null {
    const own = this.handler as (HttpHandler & { [SERVES_SHEETS_API]?: true }) | null;
    if (this.sheetsApi && isSheetsApiUrl(url) && !own?.[SERVES_SHEETS_API]) return this.sheetsApi;
    if (!own && this.files && isGoogleFilesUrl(url)) return this.files;
    return own;
  }
}

/**
 * Longest URL UrlFetchApp accepts, in bytes. Google's "Quotas for Google Services" page
 * (developers.google.com/apps-script/guides/services/quotas) lists "URL Fetch URL length:
 * 2 kB / call"; over it Apps Script throws "Exception: Limit Exceeded: URLFetch URL Length."
 * before anything is sent (reported e.g. in github.com/bradjasper/ImportJSON/issues/75 and
 * airhadoken/twitter-lib/issues/34) — no HTTP status, so Google's own 414 is never reached.
 * fetchAll checks every request first: one long URL fails the whole call.
 */
export const URL_FETCH_MAX_URL_LENGTH = 2048;

interface FetchParams {
  method?: string;
  headers?: Record<string, unknown>;
  payload?: unknown;
  contentType?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** A plain object, not a counted service object: Apps Script answers these methods locally. */
export class HTTPResponseImpl {
  constructor(
    private readonly _ctx: FakeContext,
    private readonly _code: number,
    private readonly _body: Uint8Array,
    private readonly _headers: Record<string, string>,
  ) {}
  getResponseCode() {
    return this._code;
  }
  getContentText(_charset?: string) {
    return Buffer.from(this._body).toString('utf8');
  }
  getContent() {
    return toSignedBytes(this._body);
  }
  getHeaders() {
    return { ...this._headers };
  }
  getAllHeaders() {
    return { ...this._headers };
  }
  getBlob() {
    const ct = Object.entries(this._headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? null;
    return new BlobImpl(this._ctx, this._body, ct, null)._api;
  }
  getAs(contentType: string) {
    return this.getBlob().getAs(contentType);
  }
}

export class UrlFetchAppImpl extends GasObject {
  constructor(
    private readonly _ctx: FakeContext,
    private readonly _http: HttpState,
  ) {
    super(_ctx.rt, 'UrlFetchApp');
  }

  private _request(url: unknown, params: FetchParams = {}): FakeRequest {
    const u = String(url);
    if (!/^https?:\/\//i.test(u)) throw new GasError(GAS_ERRORS.invalidArgument(u));
    if (Buffer.byteLength(u, 'utf8') > URL_FETCH_MAX_URL_LENGTH) throw new GasError(GAS_ERRORS.urlTooLong);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(params.headers ?? {})) headers[k] = String(v);
    let payload: string | Uint8Array | null = null;
    let contentType = params.contentType ?? null;
    const p = this._rt.unwrap(params.payload);
    if (p instanceof BlobImpl) {
      payload = new Uint8Array(p._bytes);
      contentType = contentType ?? p._contentType;
    } else if (typeof p === 'string') {
      payload = p;
    } else if (p && typeof p === 'object') {
      payload = Object.entries(p as Record<string, unknown>)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&');
      contentType = contentType ?? 'application/x-www-form-urlencoded';
    }
    const method = (params.method ?? (payload !== null ? 'post' : 'get')).toUpperCase();
    return {
      url: u,
      method,
      headers,
      payload,
      contentType,
      muteHttpExceptions: Boolean(params.muteHttpExceptions),
      followRedirects: params.followRedirects !== false,
    };
  }

  private _send(req: FakeRequest): HTTPResponseImpl {
    const handler = this._http.route(req.url);
    if (!handler) throw new Error(`fake UrlFetchApp: no fake.http.handler set (request to ${req.url})`);
    this._http.requests.push(req);
    const spec = handler(req) ?? {};
    const status = spec.status ?? 200;
    const body =
      typeof spec.body === 'string' || spec.body instanceof Uint8Array
        ? toUint8(spec.body)
        : spec.body === undefined
          ? new Uint8Array(0)
          : toUint8(JSON.stringify(spec.body));
    // Real UrlFetchApp throws for >= 400 unless muteHttpExceptions (3xx are followed/returned).
    if (status >= 400 && !req.muteHttpExceptions) {
      const text = Buffer.from(body).toString('utf8');
      throw new GasError(
        GAS_ERRORS.requestFailed(origin(req.url), status, text.length > 200 ? `${text.slice(0, 200)}...` : text),
      );
    }
    return new HTTPResponseImpl(this._ctx, status, body, { ...(spec.headers ?? {}) });
  }

  fetch(url: string, params?: FetchParams) {
    return this._send(this._request(url, params));
  }
  /** Requests are strings or {url, ...params}; modelled as ceil(N / fetchAllConcurrency) fetch latencies. */
  fetchAll(requests: (string | ({ url: string } & FetchParams))[]) {
    const reqs = requests.map((r) => (typeof r === 'string' ? this._request(r) : this._request(r.url, r)));
    return reqs.map((r) => this._send(r));
  }
  getRequest(url: string, params?: FetchParams) {
    const r = this._request(url, params);
    return { ...r, payload: typeof r.payload === 'string' ? r.payload : r.payload ? toSignedBytes(r.payload) : '' };
  }
}
