/**
 * Raw runs in, figures out: spreads for reading, and for every comparison an estimate with its
 * 95 % interval (intervals.ts says how each is made).
 */
import type { Flavor } from './conversation.js';
import type { PerFlavor, Retained } from './figures.js';
import { type Interval, bootstrapInterval, difference, independentRatio, intervalOf, logs, meanOf, pairedRatio, slopeOf } from './intervals.js';
import type { Pair } from './pairs.js';
import { type Spread, ascending, percentile, spread } from './stats.js';

/** One quantity of both flavors over the same pairs: each flavor's spread, and JSX / plain paired. */
export interface PairedFigure {
  /** Median (min–max) over the batches. */
  plain: Spread;
  jsx: Spread;
  ratio: Interval;
}

/** Which pairs a CPU figure's ratios are taken over. */
export interface PairSample {
  /** Pairs measured. */
  total: number;
  /** Pairs in which either batch saw a major GC: left out, unless `fallback`. */
  withMajorGc: number;
  /** Fewer than 2 pairs were free of major GCs (an interval needs 2): the figures use all pairs. */
  fallback: boolean;
}

/**
 * Figure 1 (and 1b, 1c) split by major GCs (gc.ts). A major GC costs ~250 ms and lands in one
 * batch in a hundred conversations, so over all pairs it makes most of the spread and little
 * of the mean. Total CPU per conversation = CPU between major GCs + (major-GC CPU per byte of
 * old-generation growth) × growth, so the two figures below bound it (targets.ts).
 */
export interface CpuFigure {
  /** Figure 1: CPU ms per conversation over the pairs neither of whose batches saw a major GC. */
  betweenMajorGcs: PairedFigure;
  /**
   * Figure 1d: old-generation growth per conversation, bytes, over the same pairs: what sets how
   * often major GCs come. Absent on `sample.fallback` (a major GC shrinks the old generation).
   */
  oldGenGrowth?: PairedFigure;
  /** CPU ms per conversation over all pairs, major GCs included: for reading, not judged. */
  allBatches: PairedFigure;
  sample: PairSample;
  /**
   * Geometric mean ratio of each worker pair's pairs (those figure 1 uses; null when it uses none
   * of them): a process's luck (heap layout, JIT timing) shows here.
   */
  perWorkerPair: (number | null)[];
  pairs: Pair[];
}

const logMean = (values: number[]) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);

/** Neither batch of the pair saw a major GC: its CPU is the cost between major GCs. */
export const withoutMajorGc = (pair: Pair): boolean => pair.majorGcs.plain === 0 && pair.majorGcs.jsx === 0;

function pairedFigure(pairs: Pair[], measure: (pair: Pair) => PerFlavor<number>): PairedFigure {
  const values = (flavor: Flavor) => pairs.map((pair) => measure(pair)[flavor]);
  return { plain: spread(values('plain')), jsx: spread(values('jsx')), ratio: pairedRatio(values('plain'), values('jsx')) };
}

export function cpuFigure(workerPairs: Pair[][]): CpuFigure {
  const pairs = workerPairs.flat();
  const clean = pairs.filter(withoutMajorGc);
  const fallback = clean.length < 2;
  const used = (group: Pair[]) => (fallback ? group : group.filter(withoutMajorGc));
  return {
    betweenMajorGcs: pairedFigure(used(pairs), (pair) => pair.cpuMs),
    oldGenGrowth: fallback ? undefined : pairedFigure(clean, (pair) => pair.oldGenBytes),
    allBatches: pairedFigure(pairs, (pair) => pair.cpuMs),
    sample: { total: pairs.length, withMajorGc: pairs.length - clean.length, fallback },
    perWorkerPair: workerPairs.map(used).map((group) => (group.length > 0 ? logMean(group.map((pair) => pair.cpuMs.jsx / pair.cpuMs.plain)) : null)),
    pairs,
  };
}

export interface LatencyFigure {
  /** Percentiles of all step changes of all batches pooled, ms. */
  plain: { p50: number; p99: number };
  jsx: { p50: number; p99: number };
  samples: number;
  /** JSX − plain, ms, bootstrapped over the pairs. */
  addedP50: Interval;
  addedP99: Interval;
}

export function latencyFigure(pairs: Pair[]): LatencyFigure {
  const pooled = (sample: Pair[], flavor: 'plain' | 'jsx') => ascending(sample.flatMap((pair) => pair.stepChanges?.[flavor] ?? []));
  const at = (sample: Pair[], flavor: 'plain' | 'jsx', p: number) => percentile(pooled(sample, flavor), p);
  const added = (p: number) => bootstrapInterval(pairs, (sample) => at(sample, 'jsx', p) - at(sample, 'plain', p));
  return {
    plain: { p50: at(pairs, 'plain', 50), p99: at(pairs, 'plain', 99) },
    jsx: { p50: at(pairs, 'jsx', 50), p99: at(pairs, 'jsx', 99) },
    samples: pooled(pairs, 'plain').length,
    addedP50: added(50),
    addedP99: added(99),
  };
}

export interface HeapFigure {
  /** Bytes per live session, median (min–max) over the runs. */
  plain: Spread;
  jsx: Spread;
  ratio: Interval;
  sessions: number;
}

/** The runs of the two flavors come from separate processes: an independent-samples interval. */
export function heapFigure(plain: number[], jsx: number[], sessions: number): HeapFigure {
  return { plain: spread(plain), jsx: spread(jsx), ratio: independentRatio(plain, jsx), sessions };
}

export interface RetainedFlavor extends Retained {
  /** Least-squares slope of the heap checkpoints, bytes per conversation. */
  slope: Interval;
}

export interface RetainedFigure {
  plain: RetainedFlavor;
  jsx: RetainedFlavor;
  /** JSX slope − plain slope, bytes per conversation: above zero, JSX keeps more per conversation. */
  slopeDifference: Interval;
}

export function retainedFigure(plain: Retained, jsx: Retained): RetainedFigure {
  const fit = (r: Retained) => slopeOf(r.heapCheckpoints, r.perRound);
  const method = 'least-squares slope, t on its residuals';
  return {
    plain: { ...plain, slope: intervalOf(fit(plain), method) },
    jsx: { ...jsx, slope: intervalOf(fit(jsx), method) },
    slopeDifference: intervalOf(difference(fit(jsx), fit(plain)), 'difference of slopes, Welch–Satterthwaite'),
  };
}

export interface ScaleFigure {
  steps: [number, number];
  turns: [number, number];
  /** CPU ms per conversation at each size. */
  cpu: { plain: [Spread, Spread]; jsx: [Spread, Spread] };
  /** JSX / plain at each size. */
  ratio: [Interval, Interval];
  /** CPU per user turn at the large size over the same at the small one: 1 is linear. */
  perTurnGrowth: { plain: Interval; jsx: Interval };
}

export function scaleFigure(steps: [number, number], turns: [number, number], small: Pair[], large: Pair[]): ScaleFigure {
  const cpu = (pairs: Pair[], flavor: 'plain' | 'jsx') => pairs.map((pair) => pair.cpuMs[flavor]);
  // Small and large batches ran in different processes: Welch on the logs of CPU per conversation.
  const growth = (flavor: 'plain' | 'jsx') =>
    intervalOf(
      difference(meanOf(logs(cpu(large, flavor))), meanOf(logs(cpu(small, flavor)))),
      'Welch t on logs',
      (x) => (Math.exp(x) * turns[0]) / turns[1],
    );
  return {
    steps,
    turns,
    cpu: {
      plain: [spread(cpu(small, 'plain')), spread(cpu(large, 'plain'))],
      jsx: [spread(cpu(small, 'jsx')), spread(cpu(large, 'jsx'))],
    },
    ratio: [pairedRatio(cpu(small, 'plain'), cpu(small, 'jsx')), pairedRatio(cpu(large, 'plain'), cpu(large, 'jsx'))],
    perTurnGrowth: { plain: growth('plain'), jsx: growth('jsx') },
  };
}
