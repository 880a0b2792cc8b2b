/** Keeps `npm run differential` and `npm run fuzz` working: they report failing seeds and cases with how to replay them. */
import { describe, expect, it } from 'vitest';
import { scenarioForSeed } from './generate.js';
import { ALL_KNOWN } from './known-differences.js';
import { differentialRun, fuzzRun } from './long-runs.js';
import { call, group, task, turns } from './scenario-parts.js';
import type { Scenario } from './spec.js';

const plainText = (lines: string[]) => lines.join('\n').replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Where this library does better than LiveKit on purpose (README, Errors), the two differ: an
 * `out_of_scope` naming a step twice visits it once here, twice in LiveKit's TaskGroup.
 */
const idGivenTwice: Scenario = {
  name: 'an id given twice',
  workflow: group([task('name'), task('email')]),
  turns: turns(
    [call('finish_name', { value: 'Eve' })],
    [call('out_of_scope', { task_ids: ['name', 'name'] })],
    [call('finish_name', { value: 'Eva' })],
    [call('finish_name', { value: 'Eva' })],
    [call('finish_email', { value: 'eve@example.com' })],
  ),
};

describe('npm run differential', () => {
  it('prints the seeds that differ, their reports and how to replay them', async () => {
    const lines: string[] = [];
    const failed = await differentialRun(
      {
        seeds: [1, 2],
        // Seed 2 plays a shape the seeded test leaves out on purpose; seed 1 is what it runs.
        scenario: (seed) => (seed === 2 ? idGivenTwice : scenarioForSeed(seed, { likeLiveKit: true, avoid: ALL_KNOWN })),
      },
      (line) => lines.push(line),
    );
    const output = plainText(lines);
    expect(failed).toEqual([2]);
    expect(output).toContain('2 seed(s): 1 agree, 1 differ: 2');
    expect(output).toContain('an id given twice\nworkflow: group{}[name(greets), email(greets)]');
    expect(output).toContain('    - {"type":"function_call","name":"finish_name","args":"{\\"value\\":\\"Eva\\"}"');
    expect(output).toContain('Replay one with: npm run differential -- --seed <n>');
  }, 30_000);
});

describe('npm run fuzz', () => {
  it('prints the seed and path of a failing case, and how to replay it', async () => {
    const lines: string[] = [];
    let cases = 0;
    const passed = await fuzzRun(
      {
        runs: 50,
        seed: 42,
        shrink: false,
        check: async () => {
          if (++cases === 3) throw new Error('the property broke');
        },
      },
      (line) => lines.push(line),
    );
    expect(passed).toBe(false);
    const output = plainText(lines);
    expect(output).toContain('Failed after 3 case(s) (0 shrinks): seed 42, path 2');
    expect(output).toContain('the property broke');
    expect(output).toContain('Replay it with: npm run fuzz -- --seed 42 --path 2 --runs 1');
  });

  it('runs real cases and says they passed', async () => {
    const lines: string[] = [];
    expect(await fuzzRun({ runs: 2, seed: 42 }, (line) => lines.push(line))).toBe(true);
    expect(plainText(lines)).toContain('2 case(s) passed (seed 42).');
  }, 60_000);
});
