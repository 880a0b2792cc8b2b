/** Number formats shared by the tables. */
import type { PairSample } from './analysis.js';
import type { Interval } from './intervals.js';
import type { Spread } from './stats.js';

const sign = (n: number, digits: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(digits)}`;

/** "1.02 [0.99, 1.05]": the estimate and its 95 % interval; `signed` puts + or − on each. */
export function withInterval(i: Interval, digits = 2, signed = false): string {
  const f = (n: number) => (signed ? sign(n, digits) : n.toFixed(digits));
  return `${f(i.estimate)} [${f(i.low)}, ${f(i.high)}]`;
}

/** "45.59 (40.75–70.64)": the median and the range of the runs; `scale` divides first (bytes → KB). */
export function medianRange(s: Spread, digits = 2, scale = 1): string {
  const f = (n: number) => (n / scale).toFixed(digits);
  return `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
}

/** "228 of 240 pairs, 12 with a major GC left out": which pairs a CPU figure's ratios are over. */
export function pairSample(s: PairSample): string {
  return s.fallback
    ? `fewer than 2 of ${s.total} pairs free of major GCs: all pairs used`
    : `${s.total - s.withMajorGc} of ${s.total} pairs, ${s.withMajorGc} with a major GC left out`;
}
