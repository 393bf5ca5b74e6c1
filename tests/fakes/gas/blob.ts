/** Blob (Utilities.newBlob, HtmlOutput.getBlob, HTTPResponse.getBlob, mail attachments). */
import type { FakeContext } from './context';
import { GasObject } from './runtime';

/** Apps Script byte arrays are Java bytes: signed, -128..127. */
export function toSignedBytes(u: Uint8Array): number[] {
  const out = new Array<number>(u.length);
  for (let i = 0; i < u.length; i++) out[i] = u[i] > 127 ? u[i] - 256 : u[i];
  return out;
}

export function fromBytes(bytes: ArrayLike<number>): Uint8Array {
  const u = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) u[i] = bytes[i] & 0xff;
  return u;
}

export function toUint8(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return new Uint8Array(data);
  if (Array.isArray(data)) return fromBytes(data as number[]);
  if (data instanceof BlobImpl) return new Uint8Array(data._bytes);
  return new Uint8Array(Buffer.from(String(data ?? ''), 'utf8'));
}

export class BlobImpl extends GasObject {
  _bytes: Uint8Array;

  constructor(
    private readonly _ctx: FakeContext,
    data: unknown,
    public _contentType: string | null = null,
    public _name: string | null = null,
  ) {
    super(_ctx.rt, 'Blob');
    this._bytes = toUint8(data);
  }

  getBytes() {
    return toSignedBytes(this._bytes);
  }
  setBytes(data: number[]) {
    this._bytes = fromBytes(data);
    return this;
  }
  getDataAsString(_charset?: string) {
    return Buffer.from(this._bytes).toString('utf8');
  }
  setDataFromString(s: string, _charset?: string) {
    this._bytes = new Uint8Array(Buffer.from(String(s), 'utf8'));
    return this;
  }
  getContentType() {
    return this._contentType;
  }
  setContentType(contentType: string) {
    this._contentType = contentType;
    return this;
  }
  setContentTypeFromExtension() {
    const ext = (this._name ?? '').split('.').pop()?.toLowerCase();
    const map: Record<string, string> = {
      txt: 'text/plain',
      html: 'text/html',
      csv: 'text/csv',
      json: 'application/json',
      pdf: 'application/pdf',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      png: 'image/png',
    };
    this._contentType = (ext && map[ext]) || this._contentType;
    return this;
  }
  getName() {
    return this._name;
  }
  setName(name: string) {
    this._name = name;
    return this;
  }
  isGoogleType() {
    return false;
  }
  copyBlob() {
    return new BlobImpl(this._ctx, this._bytes, this._contentType, this._name);
  }
  getBlob() {
    return this;
  }
  /** Only same-type "conversion" is supported by the fake. */
  getAs(contentType: string) {
    if (contentType !== this._contentType)
      throw new Error(`fake Blob: conversion from ${this._contentType} to ${contentType} is not supported`);
    return this.copyBlob();
  }
}
