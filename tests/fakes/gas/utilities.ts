/** Utilities: formatDate (Java patterns, any zone), sleep on the fake clock, blobs, digests, base64, CSV. */
import { createHash, createHmac } from 'node:crypto';
import { BlobImpl, toSignedBytes, toUint8 } from './blob';
import type { FakeContext } from './context';
import { Charset, DigestAlgorithm, MacAlgorithm } from './enums';
import { GAS_ERRORS, GasError } from './errors';
import { GasObject } from './runtime';
import { describeTypes } from './sheet';
import { formatJavaDate } from './timefmt';
import { isDate } from './values';

const NODE_DIGEST: Record<string, string> = {
  MD2: 'md2',
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const NODE_HMAC: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && csv[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export class UtilitiesImpl extends GasObject {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly Charset = Charset;

  constructor(private readonly _ctx: FakeContext) {
    super(_ctx.rt, 'Utilities');
  }

  /** Java SimpleDateFormat pattern in any IANA zone (or GMT+7 style); unknown zones format as GMT. */
  formatDate(date: Date, timeZone: string, format: string) {
    if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string')
      throw new GasError(GAS_ERRORS.signature(describeTypes([date, timeZone, format]), 'Utilities.formatDate'));
    return formatJavaDate(date, timeZone, format);
  }
  /** Advances the fake clock (and modelled time); never really waits. */
  sleep(milliseconds: number) {
    const ms = Math.max(0, Number(milliseconds) || 0);
    this._rt.modelledMs += ms;
    this._ctx.clock.advance(ms);
  }
  newBlob(data: unknown, contentType?: string, name?: string) {
    return new BlobImpl(this._ctx, data, contentType ?? null, name ?? null);
  }
  computeDigest(algorithm: string, value: unknown, _charset?: string) {
    const alg = NODE_DIGEST[String(algorithm)];
    if (!alg) throw new GasError(GAS_ERRORS.invalidArgument('algorithm'));
    return toSignedBytes(new Uint8Array(createHash(alg).update(toUint8(value)).digest()));
  }
  computeHmacSignature(algorithm: string, value: unknown, key: unknown, _charset?: string) {
    const alg = NODE_HMAC[String(algorithm)];
    if (!alg) throw new GasError(GAS_ERRORS.invalidArgument('algorithm'));
    return toSignedBytes(new Uint8Array(createHmac(alg, toUint8(key)).update(toUint8(value)).digest()));
  }
  computeHmacSha256Signature(value: unknown, key: unknown, _charset?: string) {
    return this.computeHmacSignature(MacAlgorithm.HMAC_SHA_256, value, key);
  }
  base64Encode(data: unknown, _charset?: string) {
    return Buffer.from(toUint8(data)).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, _charset?: string) {
    return Buffer.from(toUint8(data)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string, _charset?: string) {
    return toSignedBytes(new Uint8Array(Buffer.from(String(encoded), 'base64')));
  }
  base64DecodeWebSafe(encoded: string, _charset?: string) {
    return this.base64Decode(String(encoded).replace(/-/g, '+').replace(/_/g, '/'));
  }
  newBlobFromBytes(bytes: number[]) {
    return new BlobImpl(this._ctx, bytes);
  }
  /** Deterministic per fake: the n-th call returns the same UUID in every run. */
  getUuid() {
    const h = createHash('sha256')
      .update(`uuid:${this._ctx.next('uuid')}`)
      .digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  parseCsv(csv: string, delimiter?: string) {
    return parseCsv(String(csv), delimiter ?? ',');
  }
  /** sprintf subset: %s %d %i %f %.Nf %%. */
  formatString(template: string, ...args: unknown[]) {
    let i = 0;
    return String(template).replace(/%(%|s|d|i|(?:\.(\d+))?f)/g, (_m, kind: string, prec?: string) => {
      if (kind === '%') return '%';
      const v = args[i++];
      if (kind === 's') return String(v);
      if (kind === 'd' || kind === 'i') return String(Math.trunc(Number(v)));
      return prec !== undefined ? Number(v).toFixed(Number(prec)) : String(Number(v));
    });
  }
  jsonStringify(obj: unknown) {
    return JSON.stringify(obj);
  }
  jsonParse(jsonString: string) {
    return JSON.parse(jsonString);
  }
}
