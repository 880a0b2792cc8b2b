/**
 * Major GCs, and what sets how often they come, for the CPU figures.
 *
 * About once per hundred survey conversations V8 runs a major (mark-compact) GC that costs
 * ~250 ms of CPU across threads. It lands in one short batch and makes that batch 2–3× as
 * expensive, which is most of the spread of figure 1's per-pair ratios. Between major GCs the
 * old generation grows only by what scavenges promote (and code, large objects), so the growth
 * per conversation sets how often they come. analysis.ts splits figure 1 on these two readings.
 */
import { type NodeGCPerformanceDetail, type PerformanceEntry, PerformanceObserver, constants, performance } from 'node:perf_hooks';
import v8 from 'node:v8';

/**
 * GC entry kinds of a major collection: the mark-compact itself and the incremental marking
 * that leads to it (one collection often shows as both). Scavenges (MINOR) and weak-callback
 * processing (WEAKCB) are not.
 */
const MAJOR_KINDS: ReadonlySet<number> = new Set([constants.NODE_PERFORMANCE_GC_MAJOR, constants.NODE_PERFORMANCE_GC_INCREMENTAL]);

/** Start times (performance.now()) of major-GC entries seen while some window is open. */
const majorStarts: number[] = [];
/** Start times of the windows now open: entries older than all of them are dropped. */
const openWindows: number[] = [];
let observer: PerformanceObserver | undefined;

function record(entries: PerformanceEntry[]): void {
  for (const entry of entries) {
    // A 'gc' entry carries its kind in `detail` (Node ≥ 16), which @types/node leaves off PerformanceEntry.
    const { kind } = (entry as PerformanceEntry & { detail: NodeGCPerformanceDetail }).detail;
    if (MAJOR_KINDS.has(kind)) majorStarts.push(entry.startTime);
  }
}

/** One observer per process, started by the first window and kept: GC entries cost next to nothing. */
function observe(): PerformanceObserver {
  if (!observer) {
    observer = new PerformanceObserver((list) => record(list.getEntries()));
    observer.observe({ entryTypes: ['gc'] });
  }
  return observer;
}

/**
 * A GC entry reaches the observer two macrotasks after its GC (Node queues it from the GC
 * callback, then batches deliveries with setImmediate): wait those out, then take whatever is
 * still buffered.
 */
async function delivered(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
  record(observe().takeRecords());
}

export interface GcWindow {
  /** Ends the window now; resolves to the major-GC entries that started inside it. */
  close(): Promise<number>;
}

/** Starts counting this process's major GCs from now. */
export function openGcWindow(): GcWindow {
  observe();
  const start = performance.now();
  openWindows.push(start);
  return {
    async close() {
      const end = performance.now();
      await delivered();
      const count = majorStarts.filter((t) => t >= start && t <= end).length;
      openWindows.splice(openWindows.indexOf(start), 1);
      forgetBefore(openWindows.length > 0 ? Math.min(...openWindows) : Number.POSITIVE_INFINITY);
      return count;
    },
  };
}

/** Drops entries no open window can count, so a long run keeps none. */
function forgetBefore(time: number): void {
  const keep = majorStarts.filter((t) => t >= time);
  majorStarts.length = 0;
  majorStarts.push(...keep);
}

/**
 * Bytes in use in every heap space outside the young generation ('new_space',
 * 'new_large_object_space'): old objects, code, large objects. Without a major GC it only
 * grows.
 */
export function oldGenerationBytes(): number {
  return v8
    .getHeapSpaceStatistics()
    .filter((space) => !space.space_name.startsWith('new'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
}
