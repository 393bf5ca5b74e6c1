/**
 * Rows inserted into a commune's .xlsx in place, as Excel's "Insert rows" would: the engine's plan
 * (src/engine/sheet/missing-rows.ts) applied to the package's XML, so everything the file holds
 * stays as it was: figures, notes, dates, comments, styles someone added, other sheets, charts.
 *
 * exceljs is not used to rewrite the file: loading and saving a workbook with it drops what it does
 * not model (charts, pivot tables, threaded comments, parts of newer Excel features) and its row
 * insertion moves neither formulas, validation nor conditional formats. Here only these parts change:
 *
 *  - the report sheet: rows below each insertion point move down, with every reference to them
 *    (cells, formulas, shared formulas written out per cell, merges, validation, conditional
 *    formats, hyperlinks, protected ranges, selection, page breaks, Excel 2010 extensions); the new
 *    rows are copied from a fresh sheet rendered by write.ts (styles, validation, year-total
 *    formula moved to its row); STT numbers as planned; re-coded rows' code and label, their
 *    month cells' validation and number format those of the indicator's kind (their values and
 *    other styles kept), and their year-total formula the kind's (not a figure typed there); the
 *    rule highlighting replaced by the fresh sheet's at the sheet's rows; its comments, threaded
 *    comments and drawings' anchors move too;
 *  - other sheets, defined names, charts and pivot caches: references to moved rows of the report
 *    sheet are moved;
 *  - styles.xml gets the new rows' styles; the calculation chain (a cache Excel rebuilds) is
 *    dropped and the workbook asks for a full recalculation on load.
 *
 * A sheet holding something whose rows this cannot move (tables, pivot tables, form controls, OLE
 * objects, data tables, 3-D references) is refused (InsertRefused), never half done.
 *
 * A sheet that has every row gets only its rule highlighting redone (replaceHighlighting), and only
 * when it differs from a fresh sheet's.
 */
import JSZip from 'jszip';
import { a1, colLetter, LAYOUT, monthCol, parseCell } from '../../engine/sheet/layout';
import {
  type CarriedKind,
  highlightKey,
  isRuleHighlight,
  moveFormula,
  type RowsPlan,
  recodedTotal,
  shiftedRow,
} from '../../engine/sheet/missing-rows';
import { type CellRef, MAX_ROW, mapRefs, sameSheet } from '../../engine/sheet/refs';
import {
  attr,
  child,
  clone,
  element,
  elements,
  escapeText,
  insertInOrder,
  localName,
  parseXml,
  prefixOf,
  removeAttr,
  serializeXml,
  setAttr,
  setText,
  textOf,
  walk,
  type XDocument,
  type XElement,
} from './xml';

export type AddPlan = Extract<RowsPlan, { kind: 'add' }>;

/** Why the rows were not inserted; the file is left as it was. */
export type RefusedReason =
  /** The sheet holds objects whose rows are not moved here (relationship types, e.g. "table"). */
  | { kind: 'objects'; what: string[] }
  /** A formula this cannot move: a data table, a 3-D reference, a reference past the last row. */
  | { kind: 'formula' }
  /** A part the package should have is missing or is not XML. */
  | { kind: 'package' };

export class InsertRefused extends Error {
  constructor(readonly reason: RefusedReason) {
    super(reason.kind);
  }
}

/** Relationships of the report sheet whose parts are moved with its rows (or hold no position). */
const MOVABLE = new Set([
  'hyperlink',
  'comments',
  'vmlDrawing',
  'drawing',
  'threadedComment',
  'printerSettings',
  'image',
]);

/** CT_Worksheet's sequence, for placing a new child element. */
const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
] as const;

const STYLES_ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
] as const;

const WORKBOOK_ORDER = [
  'fileVersion',
  'fileSharing',
  'workbookPr',
  'workbookProtection',
  'bookViews',
  'sheets',
  'functionGroups',
  'externalReferences',
  'definedNames',
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
] as const;

// ------------------------------------------------------------------ package

/** The zip and its parts, parsed on first use and written back only when changed. */
class Package {
  private docs = new Map<string, XDocument>();
  private changed = new Set<string>();
  private removed = new Set<string>();

  constructor(readonly zip: JSZip) {}

  has(path: string): boolean {
    return this.zip.file(path) !== null && !this.removed.has(path);
  }

  async text(path: string): Promise<string> {
    const f = this.zip.file(path);
    if (!f) throw new InsertRefused({ kind: 'package' });
    return f.async('string');
  }

  async doc(path: string): Promise<XDocument> {
    let d = this.docs.get(path);
    if (!d) {
      try {
        d = parseXml(await this.text(path));
      } catch (e) {
        if (e instanceof InsertRefused) throw e;
        throw new InsertRefused({ kind: 'package' });
      }
      this.docs.set(path, d);
    }
    return d;
  }

  touch(path: string): void {
    this.changed.add(path);
  }

  setText(path: string, text: string): void {
    this.zip.file(path, text);
  }

  remove(path: string): void {
    this.removed.add(path);
  }

  paths(): string[] {
    return Object.keys(this.zip.files).filter((p) => !this.zip.files[p].dir && !this.removed.has(p));
  }

  /** Relationships of a part: id → { type (last segment), target part, external }. */
  async rels(part: string): Promise<Map<string, { type: string; target: string; external: boolean }>> {
    const dir = part.slice(0, part.lastIndexOf('/') + 1);
    const relsPath = `${dir}_rels/${part.slice(dir.length)}.rels`;
    const out = new Map<string, { type: string; target: string; external: boolean }>();
    if (!this.has(relsPath)) return out;
    const doc = await this.doc(relsPath);
    for (const r of elements(doc.root, 'Relationship')) {
      const type = (attr(r, 'Type') ?? '').split('/').pop() ?? '';
      const external = attr(r, 'TargetMode') === 'External';
      const target = attr(r, 'Target') ?? '';
      out.set(attr(r, 'Id') ?? '', { type, target: external ? target : resolvePart(dir, target), external });
    }
    return out;
  }

  async build(): Promise<Buffer> {
    for (const p of this.changed) {
      const d = this.docs.get(p);
      if (d) this.zip.file(p, serializeXml(d));
    }
    for (const p of this.removed) this.zip.remove(p);
    const buf = await this.zip.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 6 },
    });
    return buf;
  }
}

function resolvePart(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

// ------------------------------------------------------------------ references

/** Rows as they were → rows after the insertion; refuses a reference pushed past the last row. */
function rowMover(plan: AddPlan): (row: number) => number {
  return (row) => {
    const moved = shiftedRow(plan.blocks, row);
    if (moved > MAX_ROW) throw new InsertRefused({ kind: 'formula' });
    return moved;
  };
}

type RefMapper = (ref: CellRef) => CellRef | null;

/**
 * References into the report sheet moved: in the sheet itself (`own`) those without a sheet or
 * naming it; elsewhere only those naming it.
 */
function refMapper(sheetName: string, move: (row: number) => number, own: boolean): RefMapper {
  return (ref) => {
    if (ref.sheet?.includes(':')) throw new InsertRefused({ kind: 'formula' });
    const ours = ref.sheet === null ? own : sameSheet(ref.sheet, sheetName);
    if (!ours || ref.row === null) return null;
    const row = move(ref.row);
    return row === ref.row ? null : { ...ref, row };
  };
}

/** Elements whose text is a formula or a list of ranges. */
const FORMULA_ELEMENTS = new Set(['f', 'formula', 'formula1', 'formula2', 'sqref']);
/** Attributes holding a cell, a range or a list of ranges (on any element of a worksheet). */
const RANGE_ATTRS = new Set(['ref', 'sqref', 'topLeftCell', 'activeCell', 'location']);

/** Rewrite every formula (and, in the report sheet, every position) of a worksheet's tree. Returns whether anything changed. */
function moveRefsInSheet(root: XElement, map: RefMapper, move: ((row: number) => number) | null): boolean {
  let changed = false;
  const rewrite = (s: string) => {
    const out = mapRefs(s, map);
    if (out !== s) changed = true;
    return out;
  };
  walk(root, (e, parent) => {
    const local = localName(e.name);
    if (FORMULA_ELEMENTS.has(local)) {
      const t = textOf(e);
      if (t) {
        const out = rewrite(t);
        if (out !== t) setText(e, out);
      }
    }
    for (const a of e.attrs) {
      if (RANGE_ATTRS.has(a[0])) {
        // In another sheet only a hyperlink's location can name the report sheet.
        if (!move && a[0] !== 'location') continue;
        a[1] = rewrite(a[1]);
      }
    }
    if (!move) return;
    if (local === 'row' && parent && localName(parent.name) === 'sheetData') {
      const r = Number(attr(e, 'r'));
      setAttr(e, 'r', String(move(r)));
    } else if ((local === 'c' || local === 'cellWatch') && attr(e, 'r')) {
      setAttr(e, 'r', rewrite(attr(e, 'r') as string));
    } else if (local === 'brk' && parent && localName(parent.name) === 'rowBreaks') {
      const id = Number(attr(e, 'id'));
      if (Number.isInteger(id) && id > 0) setAttr(e, 'id', String(move(id)));
    }
  });
  return changed;
}

// ------------------------------------------------------------------ shared formulas

function cellPos(c: XElement): { row: number; col: number } | null {
  return parseCell(attr(c, 'r'));
}

/**
 * Shared formulas (one formula filled over a range, stored once) written out per cell, so each
 * cell's references move with it: a shared formula cannot say that its first cell's reference
 * moved and another's did not. `which` picks the groups (by their first cell's formula).
 */
function unshareFormulas(sheetData: XElement, which: (formula: string) => boolean): boolean {
  const masters = new Map<string, { row: number; col: number; text: string }>();
  const cells = elements(sheetData, 'row').flatMap((r) => elements(r, 'c'));
  for (const c of cells) {
    const f = child(c, 'f');
    if (!f || attr(f, 't') !== 'shared' || attr(f, 'ref') === undefined) continue;
    const pos = cellPos(c);
    const text = textOf(f);
    if (pos && text && which(text)) masters.set(attr(f, 'si') ?? '', { ...pos, text });
  }
  if (!masters.size) return false;
  for (const c of cells) {
    const f = child(c, 'f');
    if (!f || attr(f, 't') !== 'shared') continue;
    const master = masters.get(attr(f, 'si') ?? '');
    const pos = cellPos(c);
    if (!master || !pos) continue;
    const dr = pos.row - master.row;
    const dc = pos.col - master.col;
    const text = mapRefs(master.text, (ref) => {
      const row = ref.row !== null && !ref.rowAbs ? ref.row + dr : ref.row;
      const col = ref.col !== null && !ref.colAbs ? ref.col + dc : ref.col;
      if ((row !== null && (row < 1 || row > MAX_ROW)) || (col !== null && col < 1))
        throw new InsertRefused({ kind: 'formula' });
      return { ...ref, row, col };
    });
    for (const a of ['t', 'ref', 'si']) removeAttr(f, a);
    setText(f, text);
  }
  return true;
}

// ------------------------------------------------------------------ styles

/** Styles of the fresh sheet brought into the file's styles.xml (each once; an identical one is reused). */
class StyleImporter {
  private xfs = new Map<number, number>();
  private dxfs = new Map<number, number>();
  private seen = new Map<XElement, Map<string, number>>();
  private readonly prefix: string;

  constructor(
    private readonly target: XElement,
    private readonly fresh: XElement,
  ) {
    this.prefix = prefixOf(target.name);
  }

  /** The target's container `local`, made (in schema order) when missing. */
  private list(local: (typeof STYLES_ORDER)[number]): XElement {
    let el = child(this.target, local);
    if (!el) {
      el = element(this.prefix + local, [['count', '0']]);
      insertInOrder(this.target, el, STYLES_ORDER);
    }
    return el;
  }

  /** A copy of a fresh element with the target's prefix and no attributes of other namespaces. */
  private adopt(el: XElement): XElement {
    const out = clone(el);
    walk(out, (e) => {
      e.name = this.prefix + localName(e.name);
      e.attrs = e.attrs.filter(([k]) => !k.includes(':'));
    });
    return out;
  }

  /** Index of `el` in the target's container `local`: an identical one, else appended. */
  private add(local: (typeof STYLES_ORDER)[number], el: XElement): number {
    const container = this.list(local);
    let index = this.seen.get(container);
    const items = elements(container);
    if (!index) {
      index = new Map();
      items.forEach((it, k) => {
        const key = serialize(it);
        if (!index?.has(key)) index?.set(key, k);
      });
      this.seen.set(container, index);
    }
    const key = serialize(el);
    const found = index.get(key);
    if (found !== undefined) return found;
    container.children.push(el);
    index.set(key, items.length);
    setAttr(container, 'count', String(items.length + 1));
    return items.length;
  }

  private freshItem(local: string, k: number): XElement {
    const item = elements(child(this.fresh, local) ?? element(local))[k];
    if (!item) throw new InsertRefused({ kind: 'package' });
    return this.adopt(item);
  }

  private numFmt(id: number): number {
    if (id < 164) return id;
    const fresh = elements(child(this.fresh, 'numFmts') ?? element('numFmts')).find(
      (n) => attr(n, 'numFmtId') === String(id),
    );
    if (!fresh) return 0;
    const code = attr(fresh, 'formatCode') ?? '';
    const list = this.list('numFmts');
    const existing = elements(list).find((n) => attr(n, 'formatCode') === code);
    if (existing) return Number(attr(existing, 'numFmtId'));
    const next = Math.max(163, ...elements(list).map((n) => Number(attr(n, 'numFmtId')) || 0)) + 1;
    list.children.push(
      element(`${this.prefix}numFmt`, [
        ['numFmtId', String(next)],
        ['formatCode', code],
      ]),
    );
    setAttr(list, 'count', String(elements(list).length));
    return next;
  }

  /** The target's cellXfs index for the fresh sheet's style `s`. */
  xf(s: number): number {
    const known = this.xfs.get(s);
    if (known !== undefined) return known;
    const xf = this.freshItem('cellXfs', s);
    // The first font and border (and the first two fills, which the format reserves) are the
    // workbook's defaults: new cells without a font of their own get the file's, as its other cells do.
    const sub = (a: string, local: 'fonts' | 'fills' | 'borders') => {
      const v = Number(attr(xf, a));
      if (!Number.isInteger(v)) return;
      const reserved = local === 'fills' ? 2 : 1;
      setAttr(xf, a, String(v < reserved ? v : this.add(local, this.freshItem(local, v))));
    };
    sub('fontId', 'fonts');
    sub('fillId', 'fills');
    sub('borderId', 'borders');
    const nf = attr(xf, 'numFmtId');
    if (nf !== undefined) setAttr(xf, 'numFmtId', String(this.numFmt(Number(nf))));
    // The fresh sheet's xfId is 0, "Normal", which every styles.xml has (else it is left out).
    if (!child(this.target, 'cellStyleXfs')) removeAttr(xf, 'xfId');
    const index = this.add('cellXfs', xf);
    this.xfs.set(s, index);
    return index;
  }

  /**
   * The target's cellXfs index for its style `target` with the number format of the fresh
   * sheet's style `s` (font, fill, border, protection kept).
   */
  withNumFmt(target: number, s: number): number {
    const nf = String(this.numFmt(Number(attr(this.freshItem('cellXfs', s), 'numFmtId') ?? 0)));
    const xf = elements(this.list('cellXfs'))[target];
    if (!xf) throw new InsertRefused({ kind: 'package' });
    if ((attr(xf, 'numFmtId') ?? '0') === nf) return target;
    const copy = clone(xf);
    setAttr(copy, 'numFmtId', nf);
    setAttr(copy, 'applyNumberFormat', '1');
    return this.add('cellXfs', copy);
  }

  /** The target's dxfs index for the fresh sheet's conditional format `d`. */
  dxf(d: number): number {
    const known = this.dxfs.get(d);
    if (known !== undefined) return known;
    const index = this.add('dxfs', this.freshItem('dxfs', d));
    this.dxfs.set(d, index);
    return index;
  }
}

/**
 * Cells c1…c2 of row `row` taken out of every data validation of the sheet (x14 ones of extLst
 * too); one left with no cell goes.
 */
export function cutValidations(root: XElement, row: number, c1: number, c2: number): void {
  const cut = (sqref: string): string =>
    sqref
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((range) => {
        const [from, to = from] = range.split(':');
        const p = parseCell(from);
        const q = parseCell(to);
        if (!p || !q || row < p.row || row > q.row || c2 < p.col || c1 > q.col) return [range];
        const rect = (r1: number, k1: number, r2: number, k2: number) =>
          r1 > r2 || k1 > k2 ? [] : [r1 === r2 && k1 === k2 ? a1(r1, k1) : `${a1(r1, k1)}:${a1(r2, k2)}`];
        return [
          ...rect(p.row, p.col, row - 1, q.col),
          ...rect(row, p.col, row, c1 - 1),
          ...rect(row, c2 + 1, row, q.col),
          ...rect(row + 1, p.col, q.row, q.col),
        ];
      })
      .join(' ');
  const lists: [XElement, XElement[]][] = [];
  const path: XElement[] = [];
  const visit = (e: XElement) => {
    if (localName(e.name) === 'dataValidations') lists.push([e, [...path]]);
    path.push(e);
    for (const c of elements(e)) visit(c);
    path.pop();
  };
  visit(root);
  for (const [list, above] of lists) {
    list.children = list.children.filter((dv) => {
      if (typeof dv === 'string' || localName(dv.name) !== 'dataValidation') return true;
      const inner = child(dv, 'sqref');
      const now = cut(inner ? textOf(inner) : (attr(dv, 'sqref') ?? ''));
      if (!now) return false;
      if (inner) setText(inner, now);
      else setAttr(dv, 'sqref', now);
      return true;
    });
    const left = elements(list, 'dataValidation').length;
    setAttr(list, 'count', String(left));
    if (left) continue;
    // An empty list is not valid: it goes, and the x14 extension (and extLst) it leaves empty.
    let gone: XElement = list;
    for (const parent of [...above].reverse()) {
      parent.children = parent.children.filter((c) => c !== gone);
      if (parent === root || elements(parent).length) break;
      gone = parent;
    }
  }
}

function serialize(el: XElement): string {
  return serializeXml({ prolog: '', root: el, epilog: '' });
}

// ------------------------------------------------------------------ the fresh sheet

interface Fresh {
  sheet: XElement;
  styles: XElement;
  strings: string[];
  rows: Map<number, XElement>;
}

async function readFresh(buffer: Buffer): Promise<Fresh> {
  const pkg = new Package(await JSZip.loadAsync(buffer));
  const { sheets } = await workbookParts(pkg);
  const first = sheets[0];
  if (!first) throw new InsertRefused({ kind: 'package' });
  const sheet = (await pkg.doc(first.part)).root;
  const styles = (await pkg.doc(sheets.styles)).root;
  const strings = pkg.has(sheets.strings)
    ? elements((await pkg.doc(sheets.strings)).root, 'si').map((si) => {
        let t = '';
        walk(si, (e) => {
          if (localName(e.name) === 't') t += textOf(e);
        });
        return t;
      })
    : [];
  const rows = new Map<number, XElement>();
  for (const r of elements(child(sheet, 'sheetData') ?? element('sheetData'), 'row')) rows.set(Number(attr(r, 'r')), r);
  return { sheet, styles, strings, rows };
}

interface WorkbookParts extends Array<{ name: string; part: string; type: string }> {
  styles: string;
  strings: string;
}

async function workbookParts(pkg: Package): Promise<{ workbook: string; sheets: WorkbookParts }> {
  const root = await pkg.rels('');
  const office = [...root.values()].find((r) => r.type === 'officeDocument');
  const workbook = office?.target ?? 'xl/workbook.xml';
  const doc = await pkg.doc(workbook);
  const rels = await pkg.rels(workbook);
  const sheets = [] as unknown as WorkbookParts;
  for (const s of elements(child(doc.root, 'sheets') ?? element('sheets'), 'sheet')) {
    const id = s.attrs.find(([k]) => localName(k) === 'id' && k.includes(':'))?.[1] ?? '';
    const rel = rels.get(id);
    if (rel) sheets.push({ name: attr(s, 'name') ?? '', part: rel.target, type: rel.type });
  }
  const of = (type: string) => [...rels.values()].find((r) => r.type === type)?.target ?? '';
  sheets.styles = of('styles');
  sheets.strings = of('sharedStrings');
  return { workbook, sheets };
}

// ------------------------------------------------------------------ cells

function inlineString(prefix: string, text: string): XElement {
  const space: [string, string][] = /^\s|\s$/.test(text) ? [['xml:space', 'preserve']] : [];
  return element(`${prefix}is`, [], [element(`${prefix}t`, space, [escapeText(text)])]);
}

/** Set a cell's value to a number or a text (kept its style). */
function setCellValue(c: XElement, value: string | number, prefix: string): void {
  c.children = c.children.filter((k) => typeof k === 'string' || !['f', 'v', 'is'].includes(localName(k.name)));
  if (typeof value === 'number') {
    removeAttr(c, 't');
    c.children.unshift(element(`${prefix}v`, [], [String(value)]));
  } else {
    setAttr(c, 't', 'inlineStr');
    c.children.unshift(inlineString(prefix, value));
  }
}

/** A fresh sheet's cell for sheet row `row`: its style brought over, text inline, the formula moved there. */
function newCell(
  fc: XElement,
  modelRow: number,
  row: number,
  fresh: Fresh,
  styles: StyleImporter,
  prefix: string,
): XElement {
  const pos = cellPos(fc) as { row: number; col: number };
  const c = element(`${prefix}c`, [['r', a1(row, pos.col)]]);
  const s = attr(fc, 's');
  if (s !== undefined) setAttr(c, 's', String(styles.xf(Number(s))));
  const t = attr(fc, 't');
  const f = child(fc, 'f');
  const v = child(fc, 'v');
  if (f) {
    const moved = moveFormula(textOf(f), (r) => (r === modelRow ? row : r)) ?? textOf(f);
    c.children.push(element(`${prefix}f`, [], [escapeText(moved)]));
  } else if (t === 's' && v) {
    setCellValue(c, fresh.strings[Number(textOf(v))] ?? '', prefix);
  } else if (v) {
    if (t) setAttr(c, 't', t);
    c.children.push(element(`${prefix}v`, [], [escapeText(textOf(v))]));
  }
  return c;
}

/**
 * A re-coded row's "Cả năm" cell given the year-total formula of its indicator's kind now, as the
 * engine decides (recodedTotal: only the layout's own formula, or an empty cell; a typed figure or
 * a formula of the commune's own is left). Its cached result goes (recalculated on load: the
 * workbook asks for it), its number format becomes the fresh row's. Returns whether it was written.
 */
function recodeTotal(
  row: XElement,
  rc: AddPlan['recodes'][number],
  fr: XElement | undefined,
  cellAt: (row: XElement, r: number, col: number) => XElement,
  styles: StyleImporter,
  prefix: string,
): boolean {
  const ref = a1(rc.row, LAYOUT.totalCol);
  const c = elements(row, 'c').find((x) => attr(x, 'r') === ref);
  const f = c && child(c, 'f');
  let value = '';
  if (c && !f) {
    const v = child(c, 'v');
    if (v) value = textOf(v);
    const is = child(c, 'is');
    if (is)
      walk(is, (e) => {
        if (localName(e.name) === 't') value += textOf(e);
      });
  }
  const edit = recodedTotal(rc, f ? `=${textOf(f)}` : '', value);
  if (!edit) return false;
  const cell = c ?? cellAt(row, rc.row, LAYOUT.totalCol);
  cell.children = cell.children.filter((k) => typeof k === 'string' || !['f', 'v', 'is'].includes(localName(k.name)));
  removeAttr(cell, 't');
  if (edit.formula === null) return true;
  cell.children.unshift(element(`${prefix}f`, [], [escapeText(edit.formula.replace(/^=/, ''))]));
  const fc = fr && elements(fr, 'c').find((x) => cellPos(x)?.col === LAYOUT.totalCol);
  const fs = fc && attr(fc, 's');
  if (c && fs !== undefined) setAttr(cell, 's', String(styles.withNumFmt(Number(attr(cell, 's') ?? 0), Number(fs))));
  return true;
}

/**
 * What the rows of sheet `sheetName` of `buffer` carry that tells their kind (the engine's
 * kindChanged): each row's "Cả năm" formula (shared formulas written out) and month 1's
 * validation as the layout's kind, as write.ts writes it: whole numbers a count, decimals an
 * amount (a note has none in Excel: its missing "Cả năm" formula tells it). Empty when the
 * package cannot be read: no row is then taken for another kind's.
 */
export async function carriedKinds(buffer: Buffer, sheetName: string): Promise<Map<number, CarriedKind>> {
  const out = new Map<number, CarriedKind>();
  try {
    const { pkg, target } = await openSheet(buffer, sheetName);
    const root = (await pkg.doc(target.part)).root;
    const sheetData = child(root, 'sheetData');
    if (!sheetData) return out;
    explicitPositions(sheetData);
    unshareFormulas(sheetData, () => true);
    const kinds: Record<string, CarriedKind['validation']> = {
      whole: 'nonNegativeInteger',
      decimal: 'nonNegativeNumber',
    };
    const ranges: { from: number; to: number; kind: CarriedKind['validation'] }[] = [];
    const list = child(root, 'dataValidations');
    for (const dv of list ? elements(list, 'dataValidation') : []) {
      const kind = kinds[attr(dv, 'type') ?? ''] ?? null;
      for (const range of (attr(dv, 'sqref') ?? '').split(/\s+/).filter(Boolean)) {
        const [a, b = a] = range.split(':');
        const p = parseCell(a);
        const q = parseCell(b);
        if (p && q && p.col <= monthCol(1) && q.col >= monthCol(1)) ranges.push({ from: p.row, to: q.row, kind });
      }
    }
    for (const row of elements(sheetData, 'row')) {
      const r = Number(attr(row, 'r'));
      const c = elements(row, 'c').find((x) => cellPos(x)?.col === LAYOUT.totalCol);
      const f = c && child(c, 'f');
      const validation = ranges.find((x) => r >= x.from && r <= x.to)?.kind ?? null;
      out.set(r, { total: f ? `=${textOf(f)}` : '', validation });
    }
  } catch (e) {
    if (!(e instanceof InsertRefused)) throw e;
  }
  return out;
}

/** Give every row and cell its explicit position (the format lets writers leave them out). Returns whether one had none. */
function explicitPositions(sheetData: XElement): boolean {
  let changed = false;
  let r = 0;
  for (const row of elements(sheetData, 'row')) {
    const given = Number(attr(row, 'r'));
    r = given || r + 1;
    if (!given) {
      setAttr(row, 'r', String(r));
      changed = true;
    }
    let col = 0;
    for (const c of elements(row, 'c')) {
      const pos = cellPos(c);
      col = pos ? pos.col : col + 1;
      if (!pos) {
        setAttr(c, 'r', a1(r, col));
        changed = true;
      }
    }
  }
  return changed;
}

// ------------------------------------------------------------------ the edit

/**
 * `buffer` (the file) with the plan's rows inserted into its sheet `sheetName`; `freshBuffer` is the
 * plan's model rendered by write.ts. Throws InsertRefused when the sheet cannot be edited safely.
 * The re-coded rows whose "Cả năm" formula was rewritten (recodeTotal) are added to `totals`.
 */
export async function insertRows(
  buffer: Buffer,
  sheetName: string,
  plan: AddPlan,
  freshBuffer: Buffer,
  totals?: Set<number>,
): Promise<Buffer> {
  const fresh = await readFresh(freshBuffer);
  const { pkg, workbook, sheets, target } = await openSheet(buffer, sheetName);
  const move = rowMover(plan);

  // Objects on the sheet whose rows are not moved here: refused before anything is changed.
  const rels = await pkg.rels(target.part);
  const blocking = [...rels.values()].filter((r) => !r.external && !MOVABLE.has(r.type)).map((r) => r.type);
  if (blocking.length) throw new InsertRefused({ kind: 'objects', what: [...new Set(blocking)] });

  const doc = await pkg.doc(target.part);
  const root = doc.root;
  const P = prefixOf(root.name);
  const sheetData = child(root, 'sheetData');
  if (!sheetData) throw new InsertRefused({ kind: 'package' });
  walk(root, (e) => {
    if (localName(e.name) === 'f' && attr(e, 't') === 'dataTable') throw new InsertRefused({ kind: 'formula' });
  });
  explicitPositions(sheetData);
  unshareFormulas(sheetData, () => true);

  // The rule highlighting of the catalogue the sheet was made with goes before the rows move; the
  // fresh sheet's comes at the final rows.
  const highlightAt = dropRuleHighlights(root);

  moveRefsInSheet(root, refMapper(sheetName, move, true), move);

  // The new rows, copied from the fresh sheet.
  const styles = new StyleImporter((await pkg.doc(sheets.styles)).root, fresh.styles);
  const byRow = new Map<number, XElement>();
  for (const r of elements(sheetData, 'row')) byRow.set(Number(attr(r, 'r')), r);
  for (const nr of plan.rows) {
    if (byRow.has(nr.row)) throw new InsertRefused({ kind: 'package' });
    const fr = fresh.rows.get(nr.modelRow);
    const row = element(`${P}row`, [['r', String(nr.row)]]);
    for (const a of ['ht', 'customHeight']) {
      const v = fr && attr(fr, a);
      if (v !== undefined) setAttr(row, a, v);
    }
    for (const fc of fr ? elements(fr, 'c') : []) row.children.push(newCell(fc, nr.modelRow, nr.row, fresh, styles, P));
    byRow.set(nr.row, row);
  }
  const rowEls = [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  sheetData.children = [...sheetData.children.filter((c) => typeof c === 'string'), ...rowEls];

  // STT numbers, at the rows they now have; re-coded rows' code and label (text, their style kept).
  const modelRowAt = new Map([...plan.final.entries()].map(([m, r]) => [r, m]));
  /** Sheet row r's cell in column `col`, made (with the fresh sheet's style there) when it has none. */
  const cellAt = (row: XElement, r: number, col: number): XElement => {
    const ref = a1(r, col);
    let c = elements(row, 'c').find((x) => attr(x, 'r') === ref);
    if (!c) {
      const fc = elements(fresh.rows.get(modelRowAt.get(r) ?? 0) ?? element('row'), 'c').find(
        (x) => cellPos(x)?.col === col,
      );
      c = element(`${P}c`, [['r', ref]]);
      if (fc && attr(fc, 's') !== undefined) setAttr(c, 's', String(styles.xf(Number(attr(fc, 's')))));
      const after = row.children.findIndex((x) => typeof x !== 'string' && (cellPos(x)?.col ?? 0) > col);
      row.children.splice(after < 0 ? row.children.length : after, 0, c);
      removeAttr(row, 'spans');
    }
    return c;
  };
  for (const run of plan.numbers) {
    run.values.forEach((value, k) => {
      const r = run.row + k;
      const row = byRow.get(r);
      if (row) setCellValue(cellAt(row, r, LAYOUT.numberCol), value, P);
    });
  }
  for (const rc of plan.recodes) {
    const row = byRow.get(rc.row);
    if (!row) throw new InsertRefused({ kind: 'package' });
    setCellValue(cellAt(row, rc.row, LAYOUT.codeCol), rc.indicator.code, P);
    if (rc.label !== null) setCellValue(cellAt(row, rc.row, LAYOUT.labelCol), rc.label, P);
    // The month cells' number format of the kind (it may have changed with the code); values stay.
    const fr = fresh.rows.get(modelRowAt.get(rc.row) ?? 0);
    for (let m = 1; m <= 12; m++) {
      const col = monthCol(m);
      const c = elements(row, 'c').find((x) => attr(x, 'r') === a1(rc.row, col));
      const fc = fr && elements(fr, 'c').find((x) => cellPos(x)?.col === col);
      const fs = fc && attr(fc, 's');
      if (!c) cellAt(row, rc.row, col);
      else if (fs !== undefined) setAttr(c, 's', String(styles.withNumFmt(Number(attr(c, 's') ?? 0), Number(fs))));
    }
    if (recodeTotal(row, rc, fr, cellAt, styles, P)) totals?.add(rc.row);
  }

  // Re-coded rows' month cells lose the validation they had (maybe another kind's) for their kind's.
  for (const rc of plan.recodes) cutValidations(root, rc.row, monthCol(1), monthCol(12));

  // Validation of the new and the re-coded rows, as the fresh sheet has it there.
  const newRows = new Map(plan.rows.map((r) => [r.modelRow, r.row]));
  for (const rc of plan.recodes) newRows.set(modelRowAt.get(rc.row) ?? 0, rc.row);
  const freshDv = child(fresh.sheet, 'dataValidations');
  const added: XElement[] = [];
  for (const dv of freshDv ? elements(freshDv, 'dataValidation') : []) {
    const parts: string[] = [];
    for (const range of (attr(dv, 'sqref') ?? '').split(/\s+/).filter(Boolean)) {
      const [from, to = from] = range.split(':');
      const p1 = parseCell(from);
      const p2 = parseCell(to);
      if (!p1 || !p2) continue;
      for (const [mr, r] of newRows)
        if (mr >= p1.row && mr <= p2.row)
          parts.push(p1.col === p2.col ? a1(r, p1.col) : `${a1(r, p1.col)}:${a1(r, p2.col)}`);
    }
    if (!parts.length) continue;
    const copy = adoptInSheet(dv, P);
    setAttr(copy, 'sqref', parts.join(' '));
    added.push(copy);
  }
  if (added.length) {
    let list = child(root, 'dataValidations');
    if (!list) {
      list = element(`${P}dataValidations`, [['count', '0']]);
      insertInOrder(root, list, WORKSHEET_ORDER);
    }
    list.children.push(...added);
    setAttr(list, 'count', String(elements(list, 'dataValidation').length));
  }

  addRuleHighlights(root, fresh, styles, (r) => plan.final.get(r), highlightAt);

  // The used range grows over rows added after the last one.
  const dim = child(root, 'dimension');
  const range = dim && attr(dim, 'ref');
  if (dim && range) {
    const [from, to = from] = range.split(':');
    const end = parseCell(to);
    const last = Math.max(...plan.rows.map((r) => r.row));
    if (end && last > end.row) setAttr(dim, 'ref', `${from}:${colLetter(Math.max(end.col, LAYOUT.columns))}${last}`);
  }
  pkg.touch(target.part);
  pkg.touch(sheets.styles);

  // Things attached to the sheet's rows: comments, threaded comments, drawings.
  const move0 = (row0: number) => move(row0 + 1) - 1;
  for (const rel of rels.values()) {
    if (rel.external || !pkg.has(rel.target)) continue;
    if (rel.type === 'comments' || rel.type === 'threadedComment') {
      const d = await pkg.doc(rel.target);
      walk(d.root, (e) => {
        const ref = attr(e, 'ref');
        if (ref && ['comment', 'threadedComment'].includes(localName(e.name)))
          setAttr(e, 'ref', mapRefs(ref, refMapper(sheetName, move, true)));
      });
      pkg.touch(rel.target);
    } else if (rel.type === 'drawing') {
      const d = await pkg.doc(rel.target);
      walk(d.root, (e) => {
        if (!['from', 'to'].includes(localName(e.name))) return;
        const r = child(e, 'row');
        const n = r ? Number(textOf(r)) : Number.NaN;
        if (r && Number.isInteger(n)) setText(r, String(move0(n)));
      });
      pkg.touch(rel.target);
    } else if (rel.type === 'vmlDrawing') {
      // VML written by Excel is not always well-formed XML: only its row numbers are edited.
      const text = await pkg.text(rel.target);
      const out = text
        .replace(/(<x:Row>\s*)(\d+)(\s*<\/x:Row>)/g, (_m, a, n, b) => `${a}${move0(Number(n))}${b}`)
        .replace(/(<x:Anchor>)([^<]*)(<\/x:Anchor>)/g, (m, a, body: string, b) => {
          const v = body.split(',').map((x) => x.trim());
          if (v.length !== 8 || v.some((x) => !/^\d+$/.test(x))) return m;
          v[2] = String(move0(Number(v[2])));
          v[6] = String(move0(Number(v[6])));
          return `${a}${v.join(', ')}${b}`;
        });
      if (out !== text) pkg.setText(rel.target, out);
    }
  }

  // References to the sheet elsewhere: other sheets, defined names, charts, pivot caches.
  const elsewhere = refMapper(sheetName, move, false);
  for (const s of sheets) {
    if (s.part === target.part || s.type !== 'worksheet' || !pkg.has(s.part)) continue;
    if (!(await pkg.text(s.part)).includes('!')) continue;
    const d = await pkg.doc(s.part);
    const data = child(d.root, 'sheetData');
    let changed = false;
    if (data) {
      const explicit = explicitPositions(data);
      changed = unshareFormulas(data, (f) => mapRefs(f, elsewhere) !== f) || explicit;
    }
    if (moveRefsInSheet(d.root, elsewhere, null) || changed) pkg.touch(s.part);
  }
  const wb = await pkg.doc(workbook);
  for (const dn of elements(child(wb.root, 'definedNames') ?? element('definedNames'), 'definedName')) {
    const t = textOf(dn);
    const out = mapRefs(t, elsewhere);
    if (out !== t) setText(dn, out);
  }
  // Cached results stay right (values moved with their cells), but the new rows' totals have none.
  let calc = child(wb.root, 'calcPr');
  if (!calc) {
    calc = element(`${prefixOf(wb.root.name)}calcPr`);
    insertInOrder(wb.root, calc, WORKBOOK_ORDER);
  }
  setAttr(calc, 'fullCalcOnLoad', '1');
  pkg.touch(workbook);
  for (const p of pkg.paths()) {
    if (/^xl\/charts\/chart[^/]*\.xml$/i.test(p) && (await pkg.text(p)).includes('!')) {
      const d = await pkg.doc(p);
      walk(d.root, (e) => {
        if (localName(e.name) !== 'f') return;
        const t = textOf(e);
        const out = mapRefs(t, elsewhere);
        if (out !== t) setText(e, out);
      });
      pkg.touch(p);
    } else if (/^xl\/pivotCache\/pivotCacheDefinition[^/]*\.xml$/i.test(p)) {
      const d = await pkg.doc(p);
      walk(d.root, (e) => {
        const ref = attr(e, 'ref');
        const sheet = attr(e, 'sheet');
        if (localName(e.name) !== 'worksheetSource' || !ref || !sheet || !sameSheet(sheet, sheetName)) return;
        setAttr(e, 'ref', mapRefs(ref, refMapper(sheetName, move, true)));
        pkg.touch(p);
      });
    }
  }
  await dropCalcChain(pkg, workbook);
  return pkg.build();
}

/** The package and its sheet `sheetName`; refused when either, or its styles, cannot be found. */
async function openSheet(buffer: Buffer, sheetName: string) {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    throw new InsertRefused({ kind: 'package' });
  }
  const pkg = new Package(zip);
  const { workbook, sheets } = await workbookParts(pkg);
  const target = sheets.find((s) => s.name === sheetName && s.type === 'worksheet');
  if (!target || !sheets.styles || !pkg.has(sheets.styles)) throw new InsertRefused({ kind: 'package' });
  return { pkg, workbook, sheets, target };
}

// ------------------------------------------------------------------ rule highlighting

/**
 * `buffer` with the rule highlighting of its sheet `sheetName` replaced by `freshBuffer`'s (a sheet
 * rendered by write.ts holding only the wanted highlighting, already at the sheet's rows); null
 * when the sheet has that highlighting already. Only the sheet's conditional formats and the
 * styles' dxfs change: no row moves, so nothing the row insertion refuses is in the way.
 */
export async function replaceHighlighting(
  buffer: Buffer,
  sheetName: string,
  freshBuffer: Buffer,
): Promise<Buffer | null> {
  const fresh = await readFresh(freshBuffer);
  const { pkg, sheets, target } = await openSheet(buffer, sheetName);
  const root = (await pkg.doc(target.part)).root;
  const styles = (await pkg.doc(sheets.styles)).root;
  const have = ruleHighlights(root, styles);
  const want = ruleHighlights(fresh.sheet, fresh.styles);
  if (have.length === want.length && have.every((k, i) => k === want[i])) return null;
  const at = dropRuleHighlights(root);
  addRuleHighlights(root, fresh, new StyleImporter(styles, fresh.styles), (r) => r, at);
  pkg.touch(target.part);
  pkg.touch(sheets.styles);
  return pkg.build();
}

/** Whether a conditional format's rule is the add-on's highlighting of a rule (the whole formula: a user's look-alike is not). */
function isOwnRule(rule: XElement): boolean {
  const formula = child(rule, 'formula');
  return formula !== undefined && isRuleHighlight(`=${textOf(formula)}`);
}

/**
 * The add-on's rule highlighting of a worksheet as highlightKey has it (one key per formula and
 * fill, ranges gathered from every rule with them), sorted: Excel and LibreOffice may keep the
 * rules in another order, split or merge their ranges, or add a font to their fill.
 */
function ruleHighlights(root: XElement, styles: XElement): string[] {
  const dxfs = elements(child(styles, 'dxfs') ?? element('dxfs'), 'dxf');
  const groups = new Map<string, { formula: string; fill: string; ranges: Set<string> }>();
  for (const cf of elements(root, 'conditionalFormatting')) {
    const ranges = (attr(cf, 'sqref') ?? '').toUpperCase().replace(/\$/g, '').split(/\s+/).filter(Boolean);
    for (const rule of elements(cf, 'cfRule')) {
      if (!isOwnRule(rule)) continue;
      const formula = textOf(child(rule, 'formula') as XElement);
      const fill = fillOf(dxfs[Number(attr(rule, 'dxfId'))]);
      const key = highlightKey(formula, fill, []);
      const g = groups.get(key) ?? { formula, fill, ranges: new Set<string>() };
      for (const r of ranges) g.ranges.add(r);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map((g) => highlightKey(g.formula, g.fill, [...g.ranges])).sort();
}

/** A differential format's fill colour, "#rrggbb" (a theme or indexed colour: its XML). */
function fillOf(dxf: XElement | undefined): string {
  const pattern = dxf && child(child(dxf, 'fill') ?? element('fill'), 'patternFill');
  const color = pattern && (child(pattern, 'bgColor') ?? child(pattern, 'fgColor'));
  if (!color) return '';
  const rgb = attr(color, 'rgb');
  return rgb && /^[0-9a-f]{6,8}$/i.test(rgb) ? `#${rgb.slice(-6)}` : serialize(color);
}

/**
 * The add-on's rule highlighting taken out of a worksheet (a user's own rules stay). Returns the
 * priority of its first rule (the smallest number), where the new highlighting goes; null when
 * there was none.
 */
function dropRuleHighlights(root: XElement): number | null {
  let first: number | null = null;
  root.children = root.children.filter((c) => {
    if (typeof c === 'string' || localName(c.name) !== 'conditionalFormatting') return true;
    c.children = c.children.filter((r) => {
      if (typeof r === 'string' || localName(r.name) !== 'cfRule' || !isOwnRule(r)) return true;
      const p = Number(attr(r, 'priority'));
      if (Number.isFinite(p) && (first === null || p < first)) first = p;
      return false;
    });
    return elements(c, 'cfRule').length > 0;
  });
  return first;
}

/**
 * The fresh sheet's rule highlighting added to a worksheet at the rows `to` gives (a rule with a
 * row it has none for is left out), its fills brought into the file's styles. It takes the
 * priorities from `at` on (where the old highlighting was; after every other rule when none was),
 * so the user's rules keep their order before or after it.
 */
function addRuleHighlights(
  root: XElement,
  fresh: Fresh,
  styles: StyleImporter,
  to: (row: number) => number | undefined,
  at: number | null,
): void {
  const P = prefixOf(root.name);
  const added: XElement[] = [];
  for (const cf of elements(fresh.sheet, 'conditionalFormatting')) {
    // The writer gives each highlighted row its own range ("E37:P37").
    const [start, end = start] = (attr(cf, 'sqref') ?? '').split(':');
    const p1 = parseCell(start);
    const p2 = parseCell(end);
    const row = p1 ? to(p1.row) : undefined;
    if (!p1 || !p2 || p1.row !== p2.row || row === undefined) continue;
    const rules: XElement[] = [];
    for (const rule of elements(cf, 'cfRule')) {
      const formula = child(rule, 'formula');
      const moved = formula ? moveFormula(textOf(formula), to) : null;
      if (moved === null) continue;
      const copy = adoptInSheet(rule, P);
      const dxf = attr(rule, 'dxfId');
      if (dxf !== undefined) setAttr(copy, 'dxfId', String(styles.dxf(Number(dxf))));
      setText(child(copy, 'formula') as XElement, moved);
      rules.push(copy);
    }
    if (!rules.length) continue;
    const sqref = p1.col === p2.col ? a1(row, p1.col) : `${a1(row, p1.col)}:${a1(row, p2.col)}`;
    added.push(element(`${P}conditionalFormatting`, [['sqref', sqref]], rules));
  }
  // Every rule has a priority, those in the Excel 2010 extensions too; they share one order.
  const others: XElement[] = [];
  walk(root, (e) => {
    if (localName(e.name) === 'cfRule') others.push(e);
  });
  const priority = (e: XElement) => Number(attr(e, 'priority')) || 0;
  const first = at ?? Math.max(0, ...others.map(priority)) + 1;
  const n = added.reduce((k, cf) => k + elements(cf, 'cfRule').length, 0);
  for (const e of others) if (priority(e) >= first) setAttr(e, 'priority', String(priority(e) + n));
  let next = first;
  for (const cf of added) {
    for (const rule of elements(cf, 'cfRule')) setAttr(rule, 'priority', String(next++));
    insertInOrder(root, cf, WORKSHEET_ORDER);
  }
}

/** A copy of an element of the fresh sheet for the target sheet: its prefix, no attributes of other namespaces. */
function adoptInSheet(el: XElement, prefix: string): XElement {
  const out = clone(el);
  walk(out, (e) => {
    e.name = prefix + localName(e.name);
    e.attrs = e.attrs.filter(([k]) => !k.includes(':'));
  });
  return out;
}

/** The calculation chain lists formula cells by position; Excel rebuilds it when it is missing. */
async function dropCalcChain(pkg: Package, workbook: string): Promise<void> {
  const rels = await pkg.rels(workbook);
  const chain = [...rels.entries()].find(([, r]) => r.type === 'calcChain');
  if (!chain) return;
  const [id, rel] = chain;
  pkg.remove(rel.target);
  const dir = workbook.slice(0, workbook.lastIndexOf('/') + 1);
  const relsPath = `${dir}_rels/${workbook.slice(dir.length)}.rels`;
  const relsDoc = await pkg.doc(relsPath);
  relsDoc.root.children = relsDoc.root.children.filter((c) => typeof c === 'string' || attr(c, 'Id') !== id);
  pkg.touch(relsPath);
  const types = await pkg.doc('[Content_Types].xml');
  types.root.children = types.root.children.filter(
    (c) => typeof c === 'string' || attr(c, 'PartName') !== `/${rel.target}`,
  );
  pkg.touch('[Content_Types].xml');
}
