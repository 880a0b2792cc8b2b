/**
 * SIGKILL while writing checkpoints to the embedded store: at random points (two writers on one
 * folder, rounds that resume from what is there) and at every file system call of one save. The
 * folder stays readable and holds the last acknowledged write, or the one in flight, whole; other
 * processes go on. Also: processes racing on one key never lose an update.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileCheckpointStore, type CheckpointStore } from '../../../src/durable/index.js';
import { killAfter, seededRandom, startWriter } from './kill-harness.js';
import { documentAfter } from './writer-documents.js';

const folder = mkdtempSync(join(tmpdir(), 'rat-kill-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const seed = Number(process.env.KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(seed);
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

/** What a reader finds: the step count of the document, checked to be that step's whole document. */
async function stored(store: CheckpointStore, key: string) {
  const entry = await store.get(key);
  const n = (entry?.document.userData as { n: number } | undefined)?.n ?? 0;
  if (entry) expect(entry.document, `the document of step ${n}, whole`).toEqual(documentAfter(n));
  return { n, revision: entry?.revision ?? 0 };
}

describe(`embedded store under SIGKILL (KILL_SEED=${seed})`, () => {
  it('keeps the last acknowledged write across 6 rounds of two writers killed at random points', async () => {
    const directory = join(folder, 'rounds');
    const keys = ['caller-a', 'caller-b'];
    const acknowledged = new Map<string, number>();
    for (let round = 1; round <= 6; round++) {
      // Both write to the same folder at once; each resumes from what it holds.
      const writers = keys.map((key) => startWriter('./checkpoint-writer.ts', [`file:${directory}`, key, 'sequence']));
      await Promise.all(writers.map((writer) => writer.waitFor(/^ready$/)));
      const lasts = await Promise.all(
        writers.map((writer, i) => killAfter(writer, (acknowledged.get(keys[i]!) ?? 0) + between(1, 40), between(0, 30))),
      );

      const store = await openFileCheckpointStore({ directory, ttlMs: null });
      for (const [i, key] of keys.entries()) {
        const { n, revision } = await stored(store, key);
        // Atomic: the last acknowledged write, or the one in flight when killed.
        expect([lasts[i], lasts[i]! + 1], `round ${round}, ${key}`).toContain(n);
        expect(revision).toBe(n);
        acknowledged.set(key, n);
      }
      await store.close();
    }
  }, 120_000);

  it('keeps step 1 or step 2 whole when killed at each file system call of saving step 2', async () => {
    let killedHoldingTheLock = 0;
    for (let call = 1; ; call++) {
      const directory = join(folder, `call-${call}`);
      const writer = startWriter('./checkpoint-writer.ts', [`file:${directory}`, 'call', 'die-mid-write', String(call)]);
      const { signal } = await writer.exited;
      if (signal === null) {
        // The save made fewer calls than `call`: every point inside it was covered.
        expect(writer.lines).toEqual(['ready', 'ack 1 1', 'completed']);
        expect(call).toBeGreaterThan(5);
        break;
      }
      expect(signal).toBe('SIGKILL');
      expect(writer.lines).toEqual(['ready', 'ack 1 1']);
      if (existsSync(join(directory, '.writer.owner'))) killedHoldingTheLock++;
      const store = await openFileCheckpointStore({ directory });
      const { n, revision } = await stored(store, 'call');
      expect([1, 2], `killed at call ${call}`).toContain(n);
      expect(revision).toBe(n);
      // And the next writer goes on from there.
      expect(await store.put('call', documentAfter(n + 1), { expectedRevision: n })).toBe(n + 1);
      await store.close();
    }
    expect(killedHoldingTheLock).toBeGreaterThan(3);
  }, 120_000);

  it('never loses an update when processes race on one key', async () => {
    const directory = join(folder, 'race');
    const writers = [0, 1, 2].map(() => startWriter('./checkpoint-writer.ts', [`file:${directory}`, 'shared', 'increment', '40']));
    const done = await Promise.all(writers.map((writer) => writer.waitFor(/^done /)));
    await Promise.all(writers.map((writer) => writer.exited));
    const store = await openFileCheckpointStore({ directory });
    // 3 × 40 increments, each a read-modify-write: a lost update would leave fewer.
    expect(await stored(store, 'shared')).toEqual({ n: 120, revision: 120 });
    await store.close();
    expect(done.every((line) => /^done \d+$/.test(line))).toBe(true);
  }, 120_000);
});
