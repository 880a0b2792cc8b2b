/** Small statistics for the figures: median and range of runs, percentiles, CPU time, settled heap. */

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
 * Collects until `done()` holds (checked after each GC and a 20 ms pause, so LiveKit's pending
 * timers of closed sessions can fire and finalizers can run), for at most `limitMs`. Returns
 * whether it held. A benchmark helper: the tests never wait on time.
 */
export async function collectUntil(done: () => boolean, limitMs = 5000): Promise<boolean> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const deadline = performance.now() + limitMs;
  for (;;) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (done()) return true;
    if (!gc || performance.now() > deadline) return false;
  }
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
