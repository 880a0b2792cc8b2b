/** Small statistics for the figures: every figure is the median of several runs with min and max. */

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spread(values: number[]): Spread {
  if (values.length === 0) throw new Error('spread() of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: values.length };
}

/** The p-th percentile (nearest rank) of ascending `sorted` values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile() of no values');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function ascending(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** CPU time (user + system) of the process in milliseconds. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Heap in use once it has settled: a closed session still frees things on later turns of the
 * event loop (timers, stream teardown), so collect, yield a macrotask, and repeat until two
 * readings agree within 64 KB (at most 20 times). Needs --expose-gc; without it, one reading.
 */
export async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return process.memoryUsage().heapUsed;
  let last = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const now = process.memoryUsage().heapUsed;
    if (Math.abs(now - last) < 64 * 1024) return now;
    last = now;
  }
  return last;
}
