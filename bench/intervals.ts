/**
 * 95 % confidence intervals for the figures, and the verdict they give against a target.
 *
 * Everything is built from one shape, an estimate with its standard error and degrees of
 * freedom, so each figure picks the estimate that fits how it was measured:
 * - paired runs (CPU): the mean of per-pair log-ratios (a ratio of costs is symmetric on logs);
 * - independent runs (heap per session, CPU at two sizes): the difference of two means of logs,
 *   Welch–Satterthwaite degrees of freedom;
 * - a trend (retained heap): a least-squares slope, and the difference of two slopes;
 * - percentiles (step-change p99): a bootstrap over the pairs, seeded, so a saved run re-prints
 *   the same interval.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A point estimate, its standard error, and the degrees of freedom of its t distribution. */
export interface Estimate {
  value: number;
  se: number;
  df: number;
}

/** A figure with its 95 % confidence interval. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
  /** How the interval was made, for the table's footnote. */
  method: string;
}

export type Verdict = 'met' | 'not met' | 'undecided';

const LEVEL = 0.95;

export function meanOf(values: number[]): Estimate {
  const n = values.length;
  if (n < 2) throw new Error(`an interval needs at least 2 values, got ${n}`);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  return { value: mean, se: Math.sqrt(variance / n), df: n - 1 };
}

/** Least-squares slope of `values` against x = 0, step, 2·step, …; se from the residuals (n − 2 df). */
export function slopeOf(values: number[], step = 1): Estimate {
  const n = values.length;
  if (n < 3) throw new Error(`a slope with an interval needs at least 3 points, got ${n}`);
  const xs = values.map((_, i) => i * step);
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  values.forEach((y, i) => {
    sxy += (xs[i]! - meanX) * (y - meanY);
    sxx += (xs[i]! - meanX) ** 2;
  });
  const slope = sxy / sxx;
  const residuals = values.reduce((sum, y, i) => sum + (y - meanY - slope * (xs[i]! - meanX)) ** 2, 0);
  return { value: slope, se: Math.sqrt(residuals / (n - 2) / sxx), df: n - 2 };
}

/** a − b for independent estimates, with Welch–Satterthwaite degrees of freedom. */
export function difference(a: Estimate, b: Estimate): Estimate {
  const va = a.se ** 2;
  const vb = b.se ** 2;
  const se = Math.sqrt(va + vb);
  // Both exact (zero variance): nothing to be uncertain about; any df gives the same interval.
  const df = se === 0 ? a.df + b.df : (va + vb) ** 2 / (va ** 2 / a.df + vb ** 2 / b.df);
  return { value: a.value - b.value, se, df };
}

/** estimate ± t(0.975, df) · se, optionally mapped (exp for figures estimated on logs). */
export function intervalOf(estimate: Estimate, method: string, map: (x: number) => number = (x) => x): Interval {
  const half = tQuantile(1 - (1 - LEVEL) / 2, estimate.df) * estimate.se;
  return { estimate: map(estimate.value), low: map(estimate.value - half), high: map(estimate.value + half), method };
}

/** JSX / plain from paired runs: geometric mean of the per-pair ratios, t interval on their logs. */
export function pairedRatio(plain: number[], jsx: number[]): Interval {
  if (plain.length !== jsx.length) throw new Error('pairedRatio() needs as many plain runs as JSX runs');
  return intervalOf(meanOf(logs(jsx.map((j, i) => j / plain[i]!))), 'paired t on log-ratios', Math.exp);
}

/** b / a for independent runs: the geometric means' ratio, Welch t interval of the log difference. */
export function independentRatio(a: number[], b: number[]): Interval {
  return intervalOf(difference(meanOf(logs(b)), meanOf(logs(a))), 'Welch t on logs', Math.exp);
}

export function logs(values: number[]): number[] {
  const bad = values.find((v) => !(v > 0));
  if (bad !== undefined) throw new Error(`a ratio needs positive measurements, got ${bad}`);
  return values.map(Math.log);
}

/**
 * Percentile bootstrap of `statistic` over resamples of `clusters` (whole pairs are resampled,
 * so what two runs of a pair share stays together). Seeded: the same data give the same interval.
 */
export function bootstrapInterval<T>(clusters: T[], statistic: (sample: T[]) => number, resamples = 2000, seed = 20261124): Interval {
  if (clusters.length < 2) throw new Error(`a bootstrap needs at least 2 clusters, got ${clusters.length}`);
  const rng = xoroshiro128plus(seed);
  const last = clusters.length - 1;
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    values.push(statistic(clusters.map(() => clusters[uniformInt(rng, 0, last)]!)));
  }
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.round(q * (resamples - 1))]!;
  return { estimate: statistic(clusters), low: at((1 - LEVEL) / 2), high: at(1 - (1 - LEVEL) / 2), method: `bootstrap over pairs (${resamples} resamples)` };
}

/**
 * Against a target "at most `bound`": met when the whole interval is at or below it, not met
 * when the whole interval is above it, undecided when the interval straddles it (more runs, or
 * a quieter machine, would decide).
 */
export function verdictAtMost(interval: Pick<Interval, 'low' | 'high'>, bound: number): Verdict {
  if (interval.high <= bound) return 'met';
  if (interval.low > bound) return 'not met';
  return 'undecided';
}

/**
 * Against a target "at most `bound`" on a quantity known only to be a weighted mean of several
 * ratios, each with its interval (weights positive, unknown): the mean lies between the
 * smallest and the largest ratio, so the target is met when every interval is at or below the
 * bound, not met when every interval is above it, undecided otherwise — verdictAtMost of the
 * intervals' hull. Each interval is 95 %; all of them hold together with at least
 * 1 − (number of intervals) × 5 % (Bonferroni).
 */
export function verdictAllAtMost(intervals: Pick<Interval, 'low' | 'high'>[], bound: number): Verdict {
  if (intervals.length === 0) throw new Error('verdictAllAtMost() needs at least one interval');
  return verdictAtMost({ low: Math.min(...intervals.map((i) => i.low)), high: Math.max(...intervals.map((i) => i.high)) }, bound);
}
