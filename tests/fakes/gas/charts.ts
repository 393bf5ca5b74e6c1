/** Embedded charts: Sheet.newChart() builder and EmbeddedChart. */
import type { FakeContext } from './context';
import { ChartHiddenDimensionStrategy, ChartMergeStrategy, ChartPosition, ChartType } from './enums';
import type { RangeImpl } from './range';
import { GasObject } from './runtime';
import type { SheetImpl } from './sheet';

export interface ChartState {
  id: number | null;
  type: string;
  ranges: RangeImpl[];
  options: Record<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string | null;
  hiddenDimensionStrategy: string | null;
}

function cloneState(s: ChartState): ChartState {
  return { ...s, ranges: [...s.ranges], options: { ...s.options }, position: { ...s.position } };
}

export class ContainerInfoImpl extends GasObject {
  constructor(
    ctx: FakeContext,
    private readonly _p: ChartState['position'],
  ) {
    super(ctx.rt, 'ContainerInfo');
  }
  getAnchorRow() {
    return this._p.anchorRow;
  }
  getAnchorColumn() {
    return this._p.anchorColumn;
  }
  getOffsetX() {
    return this._p.offsetX;
  }
  getOffsetY() {
    return this._p.offsetY;
  }
}

export class ChartOptionsImpl extends GasObject {
  constructor(
    ctx: FakeContext,
    private readonly _o: Record<string, unknown>,
  ) {
    super(ctx.rt, 'ChartOptions');
  }
  get(option: string) {
    return this._o[option] ?? null;
  }
  getOrDefault(option: string) {
    return this._o[option] ?? null;
  }
}

/**
 * One builder class for EmbeddedChartBuilder and its asXxxChart() variants; the
 * variant setters (setTitle, setXAxisTitle, setStacked…) just set options.
 */
export class EmbeddedChartBuilderImpl extends GasObject {
  readonly _s: ChartState;

  constructor(
    private readonly _ctx: FakeContext,
    readonly _sheet: SheetImpl,
    from?: ChartState,
  ) {
    super(_ctx.rt, 'EmbeddedChartBuilder');
    this._s = from
      ? cloneState(from)
      : {
          id: null,
          type: ChartType.COLUMN,
          ranges: [],
          options: {},
          position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
          numHeaders: -1,
          transpose: false,
          mergeStrategy: null,
          hiddenDimensionStrategy: null,
        };
  }

  addRange(range: RangeImpl) {
    this._s.ranges.push(range);
    return this;
  }
  removeRange(range: RangeImpl) {
    this._s.ranges = this._s.ranges.filter((r) => r !== range);
    return this;
  }
  clearRanges() {
    this._s.ranges = [];
    return this;
  }
  getRanges() {
    return [...this._s.ranges];
  }
  setChartType(type: string) {
    this._s.type = String(type);
    return this;
  }
  getChartType() {
    return this._s.type;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number) {
    this._s.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return this;
  }
  getContainer() {
    return new ContainerInfoImpl(this._ctx, this._s.position);
  }
  setOption(option: string, value: unknown) {
    this._s.options[option] = value;
    return this;
  }
  setNumHeaders(n: number) {
    this._s.numHeaders = n;
    return this;
  }
  setTransposeRowsAndColumns(t: boolean) {
    this._s.transpose = Boolean(t);
    return this;
  }
  setMergeStrategy(s: string) {
    this._s.mergeStrategy = String(s);
    return this;
  }
  setHiddenDimensionStrategy(s: string) {
    this._s.hiddenDimensionStrategy = String(s);
    return this;
  }
  private _as(type: string): this {
    this._s.type = type;
    return this;
  }
  asAreaChart() {
    return this._as(ChartType.AREA);
  }
  asBarChart() {
    return this._as(ChartType.BAR);
  }
  asColumnChart() {
    return this._as(ChartType.COLUMN);
  }
  asComboChart() {
    return this._as(ChartType.COMBO);
  }
  asHistogramChart() {
    return this._as(ChartType.HISTOGRAM);
  }
  asLineChart() {
    return this._as(ChartType.LINE);
  }
  asPieChart() {
    return this._as(ChartType.PIE);
  }
  asScatterChart() {
    return this._as(ChartType.SCATTER);
  }
  asTableChart() {
    return this._as(ChartType.TABLE);
  }
  setTitle(t: string) {
    return this.setOption('title', t);
  }
  setXAxisTitle(t: string) {
    return this.setOption('hAxis.title', t);
  }
  setYAxisTitle(t: string) {
    return this.setOption('vAxis.title', t);
  }
  setLegendPosition(p: string) {
    return this.setOption('legend.position', String(p).toLowerCase());
  }
  setStacked() {
    return this.setOption('isStacked', true);
  }
  setColors(colors: string[]) {
    return this.setOption('colors', [...colors]);
  }
  setRange(start: number, end: number) {
    this.setOption('vAxis.minValue', start);
    return this.setOption('vAxis.maxValue', end);
  }
  set3D() {
    return this.setOption('is3D', true);
  }
  build() {
    return new EmbeddedChartImpl(this._ctx, this._sheet, this._s);
  }
}

export class EmbeddedChartImpl extends GasObject {
  readonly _s: ChartState;

  constructor(
    private readonly _ctx: FakeContext,
    readonly _sheet: SheetImpl,
    s: ChartState,
  ) {
    super(_ctx.rt, 'EmbeddedChart');
    this._s = cloneState(s);
  }
  getChartId() {
    return this._s.id;
  }
  getId() {
    return this._s.id === null ? null : `c${this._s.id}`;
  }
  getRanges() {
    return [...this._s.ranges];
  }
  getOptions() {
    return new ChartOptionsImpl(this._ctx, { ...this._s.options });
  }
  getContainerInfo() {
    return new ContainerInfoImpl(this._ctx, { ...this._s.position });
  }
  getNumHeaders() {
    return this._s.numHeaders;
  }
  getTransposeRowsAndColumns() {
    return this._s.transpose;
  }
  getMergeStrategy() {
    return this._s.mergeStrategy;
  }
  getHiddenDimensionStrategy() {
    return this._s.hiddenDimensionStrategy;
  }
  modify() {
    return new EmbeddedChartBuilderImpl(this._ctx, this._sheet, this._s);
  }
}

/** The Charts service, for its enums (Charts.ChartType.LINE…). */
export class ChartsImpl extends GasObject {
  readonly ChartType = ChartType;
  readonly Position = ChartPosition;
  readonly ChartMergeStrategy = ChartMergeStrategy;
  readonly ChartHiddenDimensionStrategy = ChartHiddenDimensionStrategy;

  constructor(ctx: FakeContext) {
    super(ctx.rt, 'Charts');
  }
}
