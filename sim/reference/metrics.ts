/**
 * Counters for /metrics: names are fixed strings chosen by the code (statuses, error codes,
 * service names), never built from request data, so no PII can reach them.
 */
export class Counters {
  private readonly values = new Map<string, number>();

  add(name: string, by = 1): void {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new RangeError(`metric name ${name} is not [a-z0-9_]`);
    this.values.set(name, (this.values.get(name) ?? 0) + by);
  }

  set(name: string, value: number): void {
    this.values.set(name, value);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.values].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
