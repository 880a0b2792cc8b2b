/**
 * The resume contract under SIGKILL. A child process runs a call (real AgentSession, scripted
 * model, offline) on the embedded file store and is killed at a seeded random point: between
 * steps, inside a tool, mid-step, mid-turn, mid-write. A fresh process resumes from the folder,
 * again and again, until one finishes the call. Checked for every resumed process:
 * - it restored exactly the last checkpoint acknowledged, or the one being written when killed
 *   (nothing completed is lost, nothing is invented), and started at its interrupted step;
 * - no restored step is asked again, unless it was the interrupted one or the caller went back to it;
 * - no `onTaskCompleted` runs for a step that did not run in that process;
 * and at the end: the result equals the uninterrupted call's, and the checkpoint is gone.
 *
 * `npx vitest run test/durable/resume/kill` runs 3 seeds; `npm run test:kill` runs 40.
 * Replay one with KILL_SEED=<seed> RESUME_KILL_SEEDS=1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../kill/kill-harness.js';
import { FINAL_RESULT } from '../application.js';
import { type ChildRun, type KillPlan, runChild } from './call-harness.js';

const folder = mkdtempSync(join(tmpdir(), 'rat-resume-kill-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const seeds = Number(process.env.RESUME_KILL_SEEDS ?? 3);
const firstSeed = Number(process.env.KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Saved {
  completed: string[];
  inProgress: string | null;
}
/** What the store holds for the key: a checkpoint, or nothing (never written, or deleted). */
type Stored = Saved | 'none';

function payload(line: string): string {
  return line.slice(line.indexOf(' ') + 1);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** Follows the child's writes: what the store may hold after each line (two states while a write is in flight). */
class StoreModel {
  acknowledged: Stored = 'none';
  inFlight: Stored | undefined;

  get possible(): Stored[] {
    return this.inFlight === undefined ? [this.acknowledged] : [this.acknowledged, this.inFlight];
  }

  follow(line: string): void {
    if (line.startsWith('saving ')) this.inFlight = JSON.parse(payload(line)) as Saved;
    else if (line.startsWith('saved ')) [this.acknowledged, this.inFlight] = [JSON.parse(payload(line)) as Saved, undefined];
    else if (line === 'deleting') this.inFlight = 'none';
    else if (line === 'deleted') [this.acknowledged, this.inFlight] = ['none', undefined];
  }
}

/** The checks of one process's lines, given what the store could hold when it started. */
function checkResumedRun(run: ChildRun, couldHold: Stored[], where: string): void {
  const started = run.lines.find((line) => line.startsWith('started '));
  if (!started) return; // killed before its first task was ready: the next process checks the store
  const resumed = JSON.parse(payload(started)) as { restored: string[]; askAgain: string[]; interrupted: string | null } | null;
  if (resumed === null) {
    expect(couldHold, `${where}: started afresh, so the store held no checkpoint`).toContain('none');
    return;
  }
  const match = couldHold.find(
    (stored) => stored !== 'none' && sameSet([...resumed.restored, ...resumed.askAgain], stored.completed) && resumed.interrupted === stored.inProgress,
  );
  expect(match, `${where}: restored ${JSON.stringify(resumed)}, the store held one of ${JSON.stringify(couldHold)}`).toBeDefined();

  const restored = new Set(resumed.restored);
  const mayRunAgain = new Set([resumed.interrupted]);
  const enteredCount = new Map<string, number>();
  const completedCount = new Map<string, number>();
  let welcomes = 0;
  for (const line of run.lines) {
    if (line === 'said address/city Wait, change my email.') mayRunAgain.add('email');
    if (line.startsWith('entered ')) {
      const path = payload(line);
      expect(!restored.has(path) || mayRunAgain.has(path), `${where}: ${path} was restored and asked again`).toBe(true);
      enteredCount.set(path, (enteredCount.get(path) ?? 0) + 1);
    }
    if (line.startsWith('completed ')) completedCount.set(payload(line), (completedCount.get(payload(line)) ?? 0) + 1);
    if (line.startsWith('welcome-back ')) {
      welcomes++;
      const first = run.lines.find((candidate) => candidate.startsWith('entered '));
      expect(line.startsWith(`welcome-back ${first ? payload(first) : ''} `), `${where}: the welcome comes from the first task`).toBe(true);
    }
  }
  expect(welcomes, `${where}: one welcome back at most`).toBeLessThanOrEqual(1);
  for (const [id, count] of completedCount) {
    if (id === 'address') continue; // a group: its tasks are entered, not it
    expect(count, `${where}: onTaskCompleted of ${id} ran without the step running`).toBeLessThanOrEqual(enteredCount.get(id) ?? 0);
  }
}

/** Kills and resumes one call until a process finishes it; returns the finishing process's lines. */
async function dropAndResume(seed: number): Promise<{ kills: number; last: ChildRun }> {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const kinds: KillPlan['at'][] = ['saved', 'tool', 'entered', 'said', 'saving'];
  const directory = join(folder, `seed-${seed}`);
  const key = `caller-${seed}`;
  const store = new StoreModel();
  const maxKills = between(1, 3);
  let kills = 0;
  for (let attempt = 1; attempt <= 12; attempt++) {
    const plan: KillPlan | null =
      kills < maxKills ? { at: kinds[between(0, kinds.length - 1)]!, nth: between(1, 5), immediately: random() < 0.5, turns: between(0, 25) } : null;
    const couldHold = store.possible;
    const run = await runChild(directory, key, plan);
    const where = `seed ${seed}, process ${attempt} (plan ${JSON.stringify(plan)})`;
    if (!run.killed && run.code !== 0) throw new Error(`${where} failed (exit ${run.code}):\n${run.stderr}\n${run.lines.join('\n')}`);
    if (attempt > 1) checkResumedRun(run, couldHold, where);
    for (const line of run.lines) store.follow(line);
    if (!run.killed) return { kills, last: run };
    kills++;
  }
  throw new Error(`seed ${seed}: no process finished the call`);
}

describe(`a call SIGKILLed at random points resumes in a fresh process (KILL_SEED=${firstSeed}, ${seeds} seeds)`, () => {
  it('loses no completed step, asks none again, and ends with the uninterrupted result', async () => {
    let kills = 0;
    for (let i = 0; i < seeds; i++) {
      const seed = firstSeed + i;
      const { kills: killed, last } = await dropAndResume(seed);
      kills += killed;
      const result = last.lines.find((line) => line.startsWith('result '));
      expect(result && JSON.parse(payload(result)), `seed ${seed}: the final result`).toEqual(FINAL_RESULT);
      expect(last.lines.at(-1), `seed ${seed}: the finished call's checkpoint is deleted`).toBe('stored none');
    }
    expect(kills).toBeGreaterThanOrEqual(seeds);
  }, 60_000 + seeds * 60_000);
});
