/**
 * Keeps the benchmark's code working: the equal-work check holds, every figure runs at tiny
 * sizes, and the intervals and verdicts compute what they claim. No time is asserted here;
 * `npm run bench` measures.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cpuFigure } from '../bench/analysis.js';
import { runBench } from '../bench/bench.js';
import { equalWork } from '../bench/figures.js';
import { openGcWindow } from '../bench/gc.js';
import { bootstrapInterval, difference, meanOf, pairedRatio, slopeOf, verdictAllAtMost, verdictAtMost } from '../bench/intervals.js';
import type { Pair } from '../bench/pairs.js';
import { markdown } from '../bench/report.js';
import { TINY } from '../bench/sizes.js';
import { cpuTarget } from '../bench/targets.js';
import { surveyWorkload } from '../bench/workloads.js';

// The heap figures read the heap after a forced GC (npm run bench passes --expose-gc); without
// one, a tiny run's "bytes per session" can come out negative.
v8.setFlagsFromString('--expose-gc');
(globalThis as { gc?: unknown }).gc ??= vm.runInNewContext('gc');

describe('bench', () => {
  it('plain LiveKit classes and react-agent-tasks do the same work on the survey', async () => {
    const check = await equalWork(surveyWorkload());
    expect(check.difference).toBeUndefined();
    expect(check.same).toBe(true);
    expect(check.toolCalls).toBe(12);
    expect(check.taskResults).toEqual({
      intro: { name: 'Ada Lovelace', intro: 'compiler engineer' },
      email: { email: 'ada.l@example.com' },
      commute: { canCommute: true, commuteMethod: 'bike' },
      experience: { years: 8, summary: 'compilers and runtimes' },
      behavioral: { strengths: 'patience', weaknesses: 'impatience with flaky tests', workStyle: 'small, focused teams' },
    });
  }, 30_000);

  it('runs every figure at tiny sizes and judges each target by its interval', async () => {
    const report = await runBench(TINY, { isolate: false });
    expect(report.equalWork.map((check) => [check.workload, check.same])).toEqual([
      ['survey', true],
      ['generated-3', true],
      ['generated-6', true],
    ]);
    // ABBA: the pairs alternate which flavor goes first.
    expect(report.cpu.pairs.map((pair) => pair.first)).toEqual(['plain', 'jsx']);
    // Figure 1c: one pair per fresh pair of processes, still alternating which flavor goes first.
    expect(report.coldCpu.pairs.map((pair) => pair.first)).toEqual(['plain', 'jsx']);
    // Six step changes per survey conversation end in another task's onEnter (the last completes the group).
    expect(report.stepChange.samples).toBe(TINY.cpuPairs * TINY.cpuConversations * 6);
    expect(report.retained.jsx.conversations).toBe(TINY.leakRounds * TINY.leakPerRound);
    expect(report.retained.jsx.heapCheckpoints).toHaveLength(TINY.leakRounds + 1);
    expect(report.scale.turns).toEqual([7, 10]);
    // Figures 1 and 1d leave out exactly the pairs with a major GC in either batch, and every
    // batch without one grew the old generation (promotions only; a major GC is what shrinks it).
    for (const figure of [report.cpu, report.coldCpu, report.devCpu]) {
      const withMajorGc = figure.pairs.filter((pair) => pair.majorGcs.plain > 0 || pair.majorGcs.jsx > 0);
      expect(figure.sample).toEqual({ total: figure.pairs.length, withMajorGc: withMajorGc.length, fallback: figure.pairs.length - withMajorGc.length < 2 });
      expect(figure.oldGenGrowth === undefined).toBe(figure.sample.fallback);
      for (const pair of figure.pairs) {
        for (const flavor of ['plain', 'jsx'] as const) {
          expect(Number.isInteger(pair.majorGcs[flavor]) && pair.majorGcs[flavor] >= 0).toBe(true);
          if (pair.majorGcs[flavor] === 0) expect(pair.oldGenBytes[flavor]).toBeGreaterThan(0);
        }
      }
    }
    const cpuIntervals = [report.cpu, report.coldCpu, report.devCpu].flatMap((figure) => [
      figure.betweenMajorGcs.ratio,
      figure.allBatches.ratio,
      ...(figure.oldGenGrowth ? [figure.oldGenGrowth.ratio] : []),
    ]);
    for (const interval of [...cpuIntervals, report.heapPerSession.ratio, report.retained.slopeDifference, report.stepChange.addedP99]) {
      expect(interval.low).toBeLessThanOrEqual(interval.estimate);
      expect(interval.high).toBeGreaterThanOrEqual(interval.estimate);
    }
    expect(report.targets).toHaveLength(6);
    for (const target of report.targets) expect(['met', 'not met', 'undecided']).toContain(target.verdict);
    const table = markdown(report);
    expect(table).toContain('| Figure | Target | Measured [95 % CI] | Verdict | Date | Machine |');
    expect(table).toContain('| CPU per conversation, JSX / plain (production build): between major GCs (1) and old-generation growth (1d) | ≤ 1.05 both | 1');
    expect(table).toContain('| 1. CPU per conversation between major GCs, ms (');
    expect(table).toContain('| 1d. Old-generation growth per conversation');
    expect(table).toContain('| 1. CPU per conversation, all batches (major GCs included), ms (');
    expect(table).toContain("1c. CPU of a fresh process's first conversation");
    // Most of the wall time is LiveKit's close timers and the forced GCs of the heap figures.
  }, 180_000);
});

describe('bench intervals', () => {
  it('gives the paired ratio as the geometric mean with a t interval on the log-ratios', () => {
    // Log-ratios 0 and ln 1.2: mean ln(1.2)/2, se ln(1.2)/2, t(0.975, 1) = 12.706.
    const interval = pairedRatio([10, 10], [10, 12]);
    const half = 12.7062 * (Math.log(1.2) / 2);
    expect(interval.estimate).toBeCloseTo(Math.sqrt(1.2), 6);
    expect(interval.low).toBeCloseTo(Math.exp(Math.log(1.2) / 2 - half), 3);
    expect(interval.high).toBeCloseTo(Math.exp(Math.log(1.2) / 2 + half), 3);
  });

  it('says met, not met or undecided by where the whole interval lies', () => {
    expect(verdictAtMost(pairedRatio([10, 20, 40], [10, 20, 40]), 1.05)).toBe('met');
    expect(verdictAtMost(pairedRatio([10, 20, 40], [11, 22, 44]), 1.05)).toBe('not met');
    expect(verdictAtMost(pairedRatio([10, 10, 10], [9, 10.5, 11.5]), 1.05)).toBe('undecided');
  });

  it('judges a weighted mean of ratios met only when every interval is, not met only when every interval is above', () => {
    const at = (low: number, high: number) => ({ low, high });
    expect(verdictAllAtMost([at(1.0, 1.04), at(1.02, 1.05)], 1.05)).toBe('met');
    expect(verdictAllAtMost([at(1.0, 1.04), at(1.03, 1.06)], 1.05)).toBe('undecided');
    // One surely above and one surely below: the weights decide, and they are not measured.
    expect(verdictAllAtMost([at(1.0, 1.04), at(1.06, 1.08)], 1.05)).toBe('undecided');
    expect(verdictAllAtMost([at(1.051, 1.1), at(1.06, 1.08)], 1.05)).toBe('not met');
    expect(verdictAllAtMost([at(1.0, 1.04)], 1.05)).toBe('met');
    expect(() => verdictAllAtMost([], 1.05)).toThrow();
  });

  it('fits a slope with its standard error, and takes the Welch difference of two', () => {
    const line = slopeOf([5, 35, 65, 95], 10);
    expect(line).toEqual({ value: 3, se: 0, df: 2 });
    // Fitted line y = 10.2x; residuals 0, 1.8, −2.4, −0.6, 1.2 (sum of squares 10.8); Sxx = 10.
    const noisy = slopeOf([0, 12, 18, 30, 42], 1);
    expect(noisy.value).toBeCloseTo(10.2, 9);
    expect(noisy.se).toBeCloseTo(Math.sqrt(10.8 / 3 / 10), 9);
    expect(noisy.df).toBe(3);
    const a = meanOf([1, 2, 3, 4]);
    const b = meanOf([2, 4, 6, 8, 10, 12]);
    const d = difference(a, b);
    expect(d.value).toBeCloseTo(2.5 - 7, 9);
    expect(d.se).toBeCloseTo(Math.sqrt(a.se ** 2 + b.se ** 2), 9);
    expect(d.df).toBeCloseTo((a.se ** 2 + b.se ** 2) ** 2 / (a.se ** 4 / 3 + b.se ** 4 / 5), 9);
  });

  it('bootstraps the same interval from the same data (seeded), around the estimate', () => {
    const pairs = Array.from({ length: 30 }, (_, i) => ({ jsx: 10 + (i % 5), plain: 10 + ((i * 7) % 5) }));
    const statistic = (sample: typeof pairs) => sample.reduce((s, p) => s + p.jsx - p.plain, 0) / sample.length;
    const first = bootstrapInterval(pairs, statistic, 500);
    expect(bootstrapInterval(pairs, statistic, 500)).toEqual(first);
    expect(first.low).toBeLessThan(first.estimate);
    expect(first.high).toBeGreaterThan(first.estimate);
  });
});

describe('bench: figure 1 split by major GCs', () => {
  /** A hand-made pair: CPU ms and old-generation growth per conversation, plain then JSX. */
  const pair = (cpu: [number, number], oldGen: [number, number], majorGcs: [number, number] = [0, 0]): Pair => ({
    first: 'plain',
    cpuMs: { plain: cpu[0], jsx: cpu[1] },
    oldGenBytes: { plain: oldGen[0], jsx: oldGen[1] },
    majorGcs: { plain: majorGcs[0], jsx: majorGcs[1] },
  });
  const clean = [pair([40, 41], [4.0e6, 4.4e6]), pair([50, 50.5], [4.1e6, 4.5e6]), pair([45, 46], [4.2e6, 4.6e6])];
  // A major GC: ~250 ms in the batch, and the old generation shrank.
  const dirty = pair([45, 110], [4.1e6, -2e6], [0, 2]);

  it('leaves out the pairs with a major GC from 1 and 1d, and keeps them in the all-batches ratio', () => {
    const figure = cpuFigure([[...clean, dirty]]);
    expect(figure.sample).toEqual({ total: 4, withMajorGc: 1, fallback: false });
    expect(figure.betweenMajorGcs.ratio).toEqual(pairedRatio([40, 50, 45], [41, 50.5, 46]));
    expect(figure.oldGenGrowth?.ratio).toEqual(pairedRatio([4.0e6, 4.1e6, 4.2e6], [4.4e6, 4.5e6, 4.6e6]));
    expect(figure.allBatches.ratio).toEqual(pairedRatio([40, 50, 45, 45], [41, 50.5, 46, 110]));
    expect(figure.allBatches.jsx.max).toBe(110);
    expect(figure.betweenMajorGcs.jsx.max).toBe(50.5);
  });

  it('uses every pair when all are clean, and falls back to all pairs (no 1d) when fewer than 2 are', () => {
    const all = cpuFigure([clean]);
    expect(all.sample).toEqual({ total: 3, withMajorGc: 0, fallback: false });
    expect(all.betweenMajorGcs).toEqual(all.allBatches);
    const none = cpuFigure([[dirty, pair([40, 100], [-1e6, 4e6], [1, 0])]]);
    expect(none.sample).toEqual({ total: 2, withMajorGc: 2, fallback: true });
    expect(none.oldGenGrowth).toBeUndefined();
    expect(none.betweenMajorGcs).toEqual(none.allBatches);
    expect(cpuTarget(none).measured).toMatch(/^1 \(all pairs\): /);
  });

  it('gives each worker pair the geometric mean of its clean pairs, null when it has none', () => {
    const figure = cpuFigure([clean, [dirty]]);
    expect(figure.perWorkerPair[0]).toBeCloseTo(Math.cbrt((41 / 40) * (50.5 / 50) * (46 / 45)), 9);
    expect(figure.perWorkerPair[1]).toBeNull();
  });

  it('judges the CPU target on both 1 and 1d', () => {
    // CPU between major GCs ~1.02 (its interval within 1.05), old-generation growth ~1.10 (above): undecided.
    const target = cpuTarget(cpuFigure([[...clean, dirty]]));
    expect(target.measured).toMatch(/^1: 1\.\d{3} \[.*\]; 1d: 1\.0\d{2} \[.*\]$/);
    expect(target.verdict).toBe('undecided');
    const same = [pair([40, 40.4], [4.0e6, 4.02e6]), pair([50, 50.4], [4.1e6, 4.14e6]), pair([45, 45.6], [4.2e6, 4.23e6])];
    expect(cpuTarget(cpuFigure([same])).verdict).toBe('met');
    const costly = [pair([40, 48], [4.0e6, 4.8e6]), pair([50, 60.5], [4.1e6, 4.9e6]), pair([45, 54], [4.2e6, 5.0e6])];
    expect(cpuTarget(cpuFigure([costly])).verdict).toBe('not met');
  });

  it('counts a major GC in the windows open while it ran, and not in a window opened after it', async () => {
    const during = openGcWindow();
    (globalThis as unknown as { gc: () => void }).gc();
    const after = openGcWindow();
    expect(await after.close()).toBe(0);
    expect(await during.close()).toBeGreaterThanOrEqual(1);
  });
});
