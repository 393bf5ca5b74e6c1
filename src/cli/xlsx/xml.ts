/**
 * A small XML tree for editing the parts of an .xlsx in place (insert-rows.ts). Everything not
 * edited is kept: element and attribute order, namespace prefixes and declarations, text as it
 * was escaped, comments, processing instructions and CDATA (as raw text). Attributes are written
 * back in double quotes, which is the same XML. No DTDs: OOXML parts have none.
 */

export interface XElement {
  name: string;
  /** In document order; values unescaped. */
  attrs: [string, string][];
  /** Elements, and text kept raw (escaped as in the file; comments, CDATA and PIs included). */
  children: XNode[];
}
export type XNode = XElement | string;

export interface XDocument {
  /** Everything before the root element (XML declaration, comments), raw. */
  prolog: string;
  root: XElement;
  /** Anything after the root element, raw. */
  epilog: string;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? m;
    const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
    return String.fromCodePoint(code);
  });
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttr(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

export function parseXml(text: string): XDocument {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const stack: XElement[] = [];
  let root: XElement | null = null;
  let prolog = '';
  let epilog = '';
  let i = 0;
  const add = (raw: string) => {
    if (stack.length) stack[stack.length - 1].children.push(raw);
    else if (root) epilog += raw;
    else prolog += raw;
  };
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      add(s.slice(i));
      break;
    }
    if (lt > i) add(s.slice(i, lt));
    const special = (open: string, close: string): boolean => {
      if (!s.startsWith(open, lt)) return false;
      const end = s.indexOf(close, lt + open.length);
      if (end < 0) throw new XmlError(`unterminated ${open}`);
      add(s.slice(lt, end + close.length));
      i = end + close.length;
      return true;
    };
    if (special('<!--', '-->') || special('<![CDATA[', ']]>') || special('<?', '?>')) continue;
    if (s.startsWith('<!', lt)) throw new XmlError('DTD not supported');
    if (s[lt + 1] === '/') {
      const end = s.indexOf('>', lt);
      if (end < 0) throw new XmlError('unterminated end tag');
      const name = s.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlError(`mismatched </${name}>`);
      i = end + 1;
      continue;
    }
    // A start tag: find its end outside quoted attribute values.
    let j = lt + 1;
    let quote = '';
    for (; j < s.length; j++) {
      const ch = s[j];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    if (j >= s.length) throw new XmlError('unterminated start tag');
    const selfClosing = s[j - 1] === '/';
    const body = s.slice(lt + 1, selfClosing ? j - 1 : j);
    const nameEnd = body.search(/[\s/]|$/);
    const el: XElement = { name: body.slice(0, nameEnd), attrs: [], children: [] };
    for (const m of body.slice(nameEnd).matchAll(ATTR)) el.attrs.push([m[1], unescapeXml(m[3] ?? m[4] ?? '')]);
    if (stack.length) stack[stack.length - 1].children.push(el);
    else if (!root) root = el;
    else throw new XmlError('two root elements');
    if (!selfClosing) stack.push(el);
    i = j + 1;
  }
  if (stack.length || !root) throw new XmlError('unterminated document');
  return { prolog, root, epilog };
}

export function serializeElement(el: XElement): string {
  let out = `<${el.name}`;
  for (const [k, v] of el.attrs) out += ` ${k}="${escapeAttr(v)}"`;
  if (!el.children.length) return `${out}/>`;
  out += '>';
  for (const c of el.children) out += typeof c === 'string' ? c : serializeElement(c);
  return `${out}</${el.name}>`;
}

export function serializeXml(doc: XDocument): string {
  return doc.prolog + serializeElement(doc.root) + doc.epilog;
}

/** "x:row" → "row". */
export function localName(name: string): string {
  const k = name.indexOf(':');
  return k < 0 ? name : name.slice(k + 1);
}

/** "x:worksheet" → "x:" (the prefix new elements next to it get). */
export function prefixOf(name: string): string {
  const k = name.indexOf(':');
  return k < 0 ? '' : name.slice(0, k + 1);
}

export function attr(el: XElement, name: string): string | undefined {
  for (const [k, v] of el.attrs) if (k === name) return v;
  return undefined;
}

export function setAttr(el: XElement, name: string, value: string): void {
  for (const a of el.attrs)
    if (a[0] === name) {
      a[1] = value;
      return;
    }
  el.attrs.push([name, value]);
}

export function removeAttr(el: XElement, name: string): void {
  el.attrs = el.attrs.filter(([k]) => k !== name);
}

export function elements(el: XElement, local?: string): XElement[] {
  const out: XElement[] = [];
  for (const c of el.children) if (typeof c !== 'string' && (!local || localName(c.name) === local)) out.push(c);
  return out;
}

export function child(el: XElement, local: string): XElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && localName(c.name) === local) return c;
  return undefined;
}

/** Every element below `el` (and `el`), depth first, with its parent. */
export function walk(el: XElement, visit: (e: XElement, parent: XElement | null) => void): void {
  const go = (e: XElement, parent: XElement | null) => {
    visit(e, parent);
    for (const c of e.children) if (typeof c !== 'string') go(c, e);
  };
  go(el, null);
}

/** The text of an element (its raw text and CDATA, unescaped). */
export function textOf(el: XElement): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c !== 'string') continue;
    if (c.startsWith('<![CDATA[')) out += c.slice(9, -3);
    else if (c.startsWith('<!--') || c.startsWith('<?')) continue;
    else out += unescapeXml(c);
  }
  return out;
}

export function setText(el: XElement, text: string): void {
  el.children = text ? [escapeText(text)] : [];
}

export function element(name: string, attrs: [string, string][] = [], children: XNode[] = []): XElement {
  return { name, attrs, children };
}

export function clone(el: XElement): XElement {
  return {
    name: el.name,
    attrs: el.attrs.map(([k, v]) => [k, v]),
    children: el.children.map((c) => (typeof c === 'string' ? c : clone(c))),
  };
}

/**
 * Insert `el` among `parent`'s children where a schema sequence (`order`, local names) puts it:
 * after the last child that comes before or with it, else before the first that comes after.
 */
export function insertInOrder(parent: XElement, el: XElement, order: readonly string[]): void {
  const rank = order.indexOf(localName(el.name));
  let at = -1;
  parent.children.forEach((c, k) => {
    if (typeof c === 'string') return;
    const r = order.indexOf(localName(c.name));
    if (r >= 0 && r <= rank) at = k;
  });
  if (at < 0) {
    const next = parent.children.findIndex((c) => typeof c !== 'string' && order.indexOf(localName(c.name)) > rank);
    parent.children.splice(next < 0 ? parent.children.length : next, 0, el);
  } else parent.children.splice(at + 1, 0, el);
}
