/** Cell formatting: defaults, colour normalisation, TextStyle. */
import { GasObject, type GasRuntime } from './runtime';

export interface Style {
  background: string;
  fontColor: string;
  fontWeight: string;
  fontStyle: string;
  fontSize: number;
  fontFamily: string;
  fontLine: string;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrap: boolean;
  wrapStrategy: string;
}

export type StyleKey = keyof Style;

export const STYLE_DEFAULTS: Readonly<Style> = Object.freeze({
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontSize: 10,
  fontFamily: 'Arial',
  fontLine: 'none',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrap: false,
  wrapStrategy: 'OVERFLOW',
});

const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  cyan: '#00ffff',
  magenta: '#ff00ff',
  gray: '#808080',
  grey: '#808080',
  orange: '#ffa500',
  purple: '#800080',
  silver: '#c0c0c0',
  navy: '#000080',
  maroon: '#800000',
};

/** Sheets reports colours as lower-case '#rrggbb'. */
export function normalizeColor(c: string): string {
  const s = String(c).trim().toLowerCase();
  if (NAMED[s]) return NAMED[s];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return s;
}

/** Normalises a style value being written; null resets to the default. */
export function styleValue<K extends StyleKey>(key: K, v: unknown): Style[K] {
  if (v === null || v === undefined) return STYLE_DEFAULTS[key];
  if (key === 'background' || key === 'fontColor') return normalizeColor(String(v)) as Style[K];
  if (key === 'fontSize') return Number(v) as Style[K];
  if (key === 'wrap') return Boolean(v) as Style[K];
  if (key === 'horizontalAlignment' || key === 'verticalAlignment') return String(v).toLowerCase() as Style[K];
  return String(v) as Style[K];
}

interface TextStyleState {
  bold: boolean | null;
  italic: boolean | null;
  fontSize: number | null;
  fontFamily: string | null;
  foregroundColor: string | null;
  underline: boolean | null;
  strikethrough: boolean | null;
}

export class TextStyleBuilderImpl extends GasObject {
  readonly _s: TextStyleState = {
    bold: null,
    italic: null,
    fontSize: null,
    fontFamily: null,
    foregroundColor: null,
    underline: null,
    strikethrough: null,
  };

  constructor(rt: GasRuntime) {
    super(rt, 'TextStyleBuilder');
  }
  setBold(b: boolean) {
    this._s.bold = b;
    return this;
  }
  setItalic(b: boolean) {
    this._s.italic = b;
    return this;
  }
  setFontSize(n: number) {
    this._s.fontSize = n;
    return this;
  }
  setFontFamily(f: string) {
    this._s.fontFamily = f;
    return this;
  }
  setForegroundColor(c: string) {
    this._s.foregroundColor = normalizeColor(c);
    return this;
  }
  setUnderline(b: boolean) {
    this._s.underline = b;
    return this;
  }
  setStrikethrough(b: boolean) {
    this._s.strikethrough = b;
    return this;
  }
  build() {
    return new TextStyleImpl(this._rt, { ...this._s });
  }
}

export class TextStyleImpl extends GasObject {
  constructor(
    rt: GasRuntime,
    readonly _s: TextStyleState,
  ) {
    super(rt, 'TextStyle');
  }
  isBold() {
    return this._s.bold;
  }
  isItalic() {
    return this._s.italic;
  }
  getFontSize() {
    return this._s.fontSize;
  }
  getFontFamily() {
    return this._s.fontFamily;
  }
  getForegroundColor() {
    return this._s.foregroundColor;
  }
  isUnderline() {
    return this._s.underline;
  }
  isStrikethrough() {
    return this._s.strikethrough;
  }
  copy() {
    const b = new TextStyleBuilderImpl(this._rt);
    Object.assign(b._s, this._s);
    return b;
  }
}
