/** HtmlService: outputs, files registered by tests, minimal templates. */
import { BlobImpl } from './blob';
import type { FakeContext } from './context';
import { SandboxMode, XFrameOptionsMode } from './enums';
import { GAS_ERRORS, GasError } from './errors';
import { GasObject } from './runtime';

export class HtmlState {
  /** Project HTML files by name ('Sidebar' for Sidebar.html). */
  files: Record<string, string> = {};
  /** Extra names visible to template expressions (e.g. an `include` helper). */
  scope: Record<string, unknown> = {};

  _file(name: string): string {
    const n = String(name);
    const hit = this.files[n] ?? this.files[n.replace(/\.html$/, '')] ?? this.files[`${n}.html`];
    if (hit === undefined) throw new GasError(GAS_ERRORS.noHtmlFile(n.replace(/\.html$/, '')));
    return hit;
  }
}

function escapeHtml(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export class HtmlOutputImpl extends GasObject {
  _title = '';
  _width: number | null = null;
  _height: number | null = null;
  _meta: { name: string; content: string }[] = [];
  _xframe: string | null = null;
  _sandbox: string | null = null;
  _favicon: string | null = null;

  constructor(
    private readonly _ctx: FakeContext,
    public _content: string,
  ) {
    super(_ctx.rt, 'HtmlOutput');
  }
  getContent() {
    return this._content;
  }
  setContent(content: string) {
    this._content = String(content);
    return this;
  }
  append(addedContent: string) {
    this._content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string) {
    this._content += escapeHtml(addedContent);
    return this;
  }
  clear() {
    this._content = '';
    return this;
  }
  setTitle(title: string) {
    this._title = String(title);
    return this;
  }
  getTitle() {
    return this._title;
  }
  setWidth(width: number) {
    this._width = width;
    return this;
  }
  getWidth() {
    return this._width;
  }
  setHeight(height: number) {
    this._height = height;
    return this;
  }
  getHeight() {
    return this._height;
  }
  addMetaTag(name: string, content: string) {
    this._meta.push({ name, content });
    return this;
  }
  setXFrameOptionsMode(mode: string) {
    this._xframe = String(mode);
    return this;
  }
  setSandboxMode(mode: string) {
    this._sandbox = String(mode);
    return this;
  }
  setFaviconUrl(url: string) {
    this._favicon = url;
    return this;
  }
  getBlob() {
    return new BlobImpl(this._ctx, this._content, 'text/html', null);
  }
  getAs(contentType: string) {
    return this.getBlob().getAs(contentType);
  }
}

/**
 * HtmlTemplate. Supports `<?= expr ?>` (HTML-escaped) and `<?!= expr ?>` (raw);
 * `<? statements ?>` scriptlets are not supported and throw a clear error. Expressions
 * see the template's own properties, then fake.html.scope, then globals.
 */
export class HtmlTemplateImpl extends GasObject {
  [key: string]: unknown;

  constructor(
    private readonly _ctx: FakeContext,
    private readonly _html: HtmlState,
    private readonly _source: string,
  ) {
    super(_ctx.rt, 'HtmlTemplate');
  }

  getRawContent() {
    return this._source;
  }
  getCode() {
    return this._source;
  }
  evaluate() {
    const vars: Record<string, unknown> = { ...this._html.scope };
    for (const k of Object.keys(this)) if (!k.startsWith('_')) vars[k] = this[k];
    const out = this._source.replace(/<\?(!?=)?([\s\S]*?)\?>/g, (_m, kind: string | undefined, code: string) => {
      if (!kind) throw new Error('fake HtmlService: <? ?> scriptlets are not supported; use <?= ?> or <?!= ?>');
      // eslint-disable-next-line no-new-func
      const fn = new Function('__vars', `with (__vars) { return (${code}); }`) as (v: unknown) => unknown;
      const value = fn(vars);
      return kind === '=' ? escapeHtml(value) : value === undefined || value === null ? '' : String(value);
    });
    return new HtmlOutputImpl(this._ctx, out);
  }
}

export class HtmlServiceImpl extends GasObject {
  readonly XFrameOptionsMode = XFrameOptionsMode;
  readonly SandboxMode = SandboxMode;

  constructor(
    private readonly _ctx: FakeContext,
    private readonly _html: HtmlState,
  ) {
    super(_ctx.rt, 'HtmlService');
  }
  createHtmlOutput(html?: unknown) {
    if (html instanceof BlobImpl) return new HtmlOutputImpl(this._ctx, html.getDataAsString());
    return new HtmlOutputImpl(this._ctx, html === undefined ? '' : String(html));
  }
  createHtmlOutputFromFile(filename: string) {
    return new HtmlOutputImpl(this._ctx, this._html._file(filename));
  }
  createTemplate(html: unknown) {
    const src = html instanceof BlobImpl ? html.getDataAsString() : String(html);
    return new HtmlTemplateImpl(this._ctx, this._html, src);
  }
  createTemplateFromFile(filename: string) {
    return new HtmlTemplateImpl(this._ctx, this._html, this._html._file(filename));
  }
}
