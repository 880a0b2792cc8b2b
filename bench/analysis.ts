/**
 * Raw runs in, figures out: spreads for reading, and for every comparison an estimate with its
 * 95 % interval (intervals.ts says how each is made).
 */
import type { Retained } from './figures.js';
import { type Interval, bootstrapInterval, difference, independentRatio, intervalOf, logs, meanOf, pairedRatio, slopeOf } from './intervals.js';
import type { Pair } from './pairs.js';
import { type Spread, ascending, percentile, spread } from './stats.js';

export interface CpuFigure {
  /** CPU ms per conversation, median (min–max) over the batches. */
  plain: Spread;
  jsx: Spread;
  /** JSX / plain over all pairs. */
  ratio: Interval;
  /** Geometric mean ratio of each worker pair's pairs: a process's luck (heap layout, JIT timing) shows here. */
  perWorkerPair: number[];
  pairs: Pair[];
}

const logMean = (values: number[]) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);

export function cpuFigure(workerPairs: Pair[][]): CpuFigure {
  const pairs = workerPairs.flat();
  const cpu = (flavor: 'plain' | 'jsx') => pairs.map((pair) => pair.cpuMs[flavor]);
  return {
    plain: spread(cpu('plain')),
    jsx: spread(cpu('jsx')),
    ratio: pairedRatio(cpu('plain'), cpu('jsx')),
    perWorkerPair: workerPairs.map((group) => logMean(group.map((pair) => pair.cpuMs.jsx / pair.cpuMs.plain))),
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
