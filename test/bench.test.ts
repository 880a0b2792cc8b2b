/**
 * Keeps the benchmark's code working: it runs at tiny sizes and the equal-work check holds.
 * No time is asserted here; `npm run bench` measures.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from '../bench/bench.js';
import { equalWork } from '../bench/figures.js';
import { TINY } from '../bench/sizes.js';
import { surveyWorkload } from '../bench/workloads.js';

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

  it('runs every figure at tiny sizes', async () => {
    const report = await runBench(TINY, { isolate: false });
    expect(report.equalWork.map((check) => [check.workload, check.same])).toEqual([
      ['survey', true],
      ['generated-3', true],
      ['generated-6', true],
    ]);
    // Six step changes per survey conversation end in another task's onEnter (the last completes the group).
    expect(report.stepChange.plain.samplesPerRun).toBe(6);
    expect(report.stepChange.jsx.samplesPerRun).toBe(6);
    expect(report.retained.jsx.conversations).toBe(TINY.leakRounds * TINY.leakPerRound);
    expect(report.scale.turns).toEqual([7, 10]);
    expect(report.targets).toHaveLength(5);
  }, 60_000);
});
