/**
 * Latency model: how many modelled milliseconds each service call costs. Keys are
 * looked up as 'Class.method', then 'method', then `other`. `fetchAll` of N requests
 * costs ceil(N / fetchAllConcurrency) * fetch unless a 'fetchAll' key is given.
 */
export interface LatencyModel {
  openById?: number;
  openByUrl?: number;
  getValues?: number;
  setValues?: number;
  fetch?: number;
  fetchAllConcurrency?: number;
  other?: number;
  [methodOrKey: string]: number | undefined;
}

/** Rough real-world costs of Apps Script calls, for benchmarks (opt in with `latency: 'default'`). */
export const DEFAULT_LATENCY: Readonly<LatencyModel> = Object.freeze({
  openById: 800,
  openByUrl: 800,
  getValues: 150,
  setValues: 200,
  fetch: 400,
  fetchAllConcurrency: 10,
  other: 5,
});

/** The default: every call is free (fetchAllConcurrency still 10). */
export const ZERO_LATENCY: Readonly<LatencyModel> = Object.freeze({ other: 0, fetchAllConcurrency: 10 });

export function resolveLatency(option: Partial<LatencyModel> | 'default' | 'zero' | undefined): LatencyModel {
  if (option === undefined || option === 'zero') return { ...ZERO_LATENCY };
  if (option === 'default') return { ...DEFAULT_LATENCY };
  return { ...ZERO_LATENCY, ...option };
}

export function costOf(model: LatencyModel, key: string, method: string, args: unknown[]): number {
  const direct = model[key] ?? model[method];
  if (direct !== undefined) return direct;
  if (method === 'fetchAll') {
    const n = Array.isArray(args[0]) ? args[0].length : 0;
    const per = model['UrlFetchApp.fetch'] ?? model.fetch ?? model.other ?? 0;
    const conc = Math.max(1, model.fetchAllConcurrency ?? 10);
    return Math.ceil(n / conc) * per;
  }
  return model.other ?? 0;
}
