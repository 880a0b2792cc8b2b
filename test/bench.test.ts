/**
 * Keeps the benchmark's code working: the equal-work check holds, every figure runs at tiny
 * sizes, and the intervals and verdicts compute what they claim. No time is asserted here;
 * `npm run bench` measures.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { runBench } from '../bench/bench.js';
import { equalWork } from '../bench/figures.js';
import { bootstrapInterval, difference, meanOf, pairedRatio, slopeOf, verdictAtMost } from '../bench/intervals.js';
import { markdown } from '../bench/report.js';
import { TINY } from '../bench/sizes.js';
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
    for (const interval of [report.cpu.ratio, report.coldCpu.ratio, report.devCpu.ratio, report.heapPerSession.ratio, report.retained.slopeDifference, report.stepChange.addedP99]) {
      expect(interval.low).toBeLessThanOrEqual(interval.estimate);
      expect(interval.high).toBeGreaterThanOrEqual(interval.estimate);
    }
    expect(report.targets).toHaveLength(6);
    for (const target of report.targets) expect(['met', 'not met', 'undecided']).toContain(target.verdict);
    const table = markdown(report);
    expect(table).toContain('| Figure | Target | Measured [95 % CI] | Verdict | Date | Machine |');
    expect(table).toContain('CPU per conversation, JSX / plain (production build) | ≤ 1.05 |');
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
