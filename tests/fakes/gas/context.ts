/** State shared by all the fake's services (not itself a service object). */
import { createHash } from 'node:crypto';
import type { FakeClock } from './clock';
import type { GasRuntime } from './runtime';
import type { SpreadsheetImpl } from './spreadsheet';

export interface Toast {
  msg: string;
  title: string;
  /** Non-enumerable (ignored by toEqual). */
  readonly timeout?: number;
  /** Non-enumerable (ignored by toEqual). */
  readonly spreadsheetId?: string;
}

export interface LogEntry {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
  at: Date;
}

/**
 * Google Sheets' limit on the grid of a spreadsheet: the sum over all its sheets (hidden ones
 * too) of maxRows × maxColumns, empty cells included — 10 million since March 2022 (before: 5
 * million, earlier 2 million). An action that would take the total above it fails
 * (GAS_ERRORS.cellLimit); exactly the limit is allowed.
 */
export const CELL_LIMIT = 10_000_000;

export class FakeContext {
  /** Cells (maxRows × maxColumns summed over the sheets) one spreadsheet may have; see CELL_LIMIT. */
  cellLimit = CELL_LIMIT;
  activeSpreadsheet: SpreadsheetImpl | null = null;
  readonly spreadsheets = new Map<string, SpreadsheetImpl>();
  /** False simulates a context with no UI (time-driven trigger): SpreadsheetApp.getUi() throws. */
  uiAvailable = true;
  readonly toasts: Toast[] = [];
  readonly logs: LogEntry[] = [];
  echoLogs = false;
  private counters = new Map<string, number>();

  constructor(
    readonly rt: GasRuntime,
    readonly clock: FakeClock,
    public activeUser: string,
    public effectiveUser: string,
    public scriptTimeZone: string,
    public defaultLocale: string,
    public userLocale: string,
    public addonName: string,
  ) {}

  next(kind: string): number {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return n;
  }

  /** Deterministic 44-character Drive-style id. */
  driveId(kind: string): string {
    const n = this.next(kind);
    const h = createHash('sha256').update(`${kind}:${n}`).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
    return `1${h.slice(0, 43)}`;
  }

  spreadsheetUrl(id: string): string {
    return `https://docs.google.com/spreadsheets/d/${id}/edit`;
  }

  /** Any active-spreadsheet-bound id used for document-scoped stores and locks. */
  activeDocumentId(): string | null {
    return this.activeSpreadsheet ? this.activeSpreadsheet._id : null;
  }
}
