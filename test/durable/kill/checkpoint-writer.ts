/**
 * Child process for the kill tests: opens a checkpoint store and writes to it until killed.
 *
 *   node --import tsx checkpoint-writer.ts <store> <key> <mode> [count]
 *
 * <store> is `file:<directory>` or `redis:<url>`. Modes:
 * - `sequence`: continues from what the key holds, saving `documentAfter(n)` for n = 1, 2, …;
 *   after each put resolves it prints `ack <n> <revision>`. The parent kills it at a random point.
 * - `increment`: adds 1 to a counter `count` times, re-reading on every conflict; prints `done <conflicts>`.
 * - `die-mid-write`: saves n = 1, prints `ack 1 1`, then SIGKILLs itself at the `count`-th file
 *   system call (open, read, write, fsync, close, rename, unlink) the store makes while saving
 *   n = 2: a kill at a chosen step of the write. Prints `completed` if the save needed fewer calls.
 * The first line is always `ready`.
 */
import fs, { writeSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { CheckpointConflictError, type CheckpointStore } from '../../../src/durable/index.js';
import { documentAfter } from './writer-documents.js';

const [spec, key, mode, countArg] = process.argv.slice(2);
if (!spec || !key || !['sequence', 'increment', 'die-mid-write'].includes(mode!)) {
  throw new Error('usage: checkpoint-writer.ts <file:dir|redis:url> <key> <sequence|increment|die-mid-write> [count]');
}

async function openStore(): Promise<CheckpointStore> {
  if (spec!.startsWith('file:')) {
    const { openFileCheckpointStore } = await import('../../../src/durable/index.js');
    return openFileCheckpointStore({ directory: spec!.slice('file:'.length), ttlMs: null });
  }
  const { createClient } = await import('redis');
  const { redisCheckpointStore } = await import('../../../src/durable/index.js');
  const client = await createClient({ url: spec!.slice('redis:'.length) }).connect();
  return redisCheckpointStore({ client: client as never, ttlMs: null, prefix: 'kill:' });
}

/** A line straight to stdout, unbuffered: printed means the put before it had resolved. */
const say = (line: string) => writeSync(1, `${line}\n`);

/** Makes the `at`-th call to the file system (stdio aside) kill this process before it runs. */
function dieAtFileSystemCall(at: number): void {
  let calls = 0;
  const targets = ['openSync', 'readSync', 'writeSync', 'fsyncSync', 'closeSync', 'renameSync', 'unlinkSync'] as const;
  for (const name of targets) {
    const original = fs[name] as (...args: unknown[]) => unknown;
    (fs as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const stdio = (name === 'writeSync' || name === 'readSync') && typeof args[0] === 'number' && args[0] <= 2;
      if (!stdio && ++calls === at) process.kill(process.pid, 'SIGKILL');
      return original(...args);
    };
  }
  // The store imports these by name: make the named exports follow.
  syncBuiltinESMExports();
}

const store = await openStore();
say('ready');
if (mode === 'sequence') {
  const current = await store.get(key);
  let revision = current?.revision ?? 0;
  for (let n = revision + 1; ; n++) {
    revision = await store.put(key, documentAfter(n), { expectedRevision: revision });
    say(`ack ${n} ${revision}`);
  }
} else if (mode === 'die-mid-write') {
  const revision = await store.put(key, documentAfter(1), { expectedRevision: 0 });
  say(`ack 1 ${revision}`);
  dieAtFileSystemCall(Number(countArg));
  await store.put(key, documentAfter(2), { expectedRevision: revision });
  say('completed');
  process.exit(0);
} else {
  let conflicts = 0;
  for (let done = 0; done < Number(countArg); ) {
    const current = await store.get(key);
    const n = ((current?.document.userData as { n?: number } | undefined)?.n ?? 0) + 1;
    try {
      await store.put(key, documentAfter(n), { expectedRevision: current?.revision ?? 0 });
      done++;
    } catch (error) {
      if (!(error instanceof CheckpointConflictError)) throw error;
      conflicts++;
    }
  }
  say(`done ${conflicts}`);
  await store.close();
  process.exit(0);
}
