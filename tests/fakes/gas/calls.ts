/** Counts every method call made on a fake service object. */
export class CallStats {
  total = 0;
  byMethod: Record<string, number> = {};
  /** Ordered log of method keys; only filled when `recordLog` is on (it can grow large). */
  log: string[] = [];
  recordLog = false;

  record(key: string): void {
    this.total += 1;
    this.byMethod[key] = (this.byMethod[key] ?? 0) + 1;
    if (this.recordLog) this.log.push(key);
  }

  /** Calls of one method: `count('Range.getValues')`, or of any class: `count('getValues')`. */
  count(method: string): number {
    if (method.includes('.')) return this.byMethod[method] ?? 0;
    let n = 0;
    for (const [key, v] of Object.entries(this.byMethod)) if (key.slice(key.indexOf('.') + 1) === method) n += v;
    return n;
  }

  reset(): void {
    this.total = 0;
    this.byMethod = {};
    this.log = [];
  }
}
