import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { afterEach, describe, expect, it } from 'vitest';
import { interviewCheckpoint } from '../../bench/checkpoint-document.js';
import { CheckpointCorruptError, openSqliteCheckpointStore, type CheckpointStore } from '../../src/durable/index.js';
import { describeCheckpointStore } from './conformance.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function scratch(): string {
  const folder = mkdtempSync(join(tmpdir(), 'rat-sqlite-'));
  folders.push(folder);
  return folder;
}

/** Runs SQL on the file directly, as another program would: how tests plant what the store would never write. */
function onFile<T>(path: string, run: (db: InstanceType<typeof sqlite.Database>) => T): T {
  const db = new sqlite.Database(path);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

describeCheckpointStore('sqlite', async (options) => {
  let now = 1_000_000;
  const path = join(scratch(), 'nested', 'checkpoints.db');
  const open = () => openSqliteCheckpointStore({ ...options, path, now: () => now });
  const store = await open();
  return {
    store,
    // A second connection to the file, as another job process of the worker opens it.
    openAnother: open,
    elapse: async (ms) => void (now += ms),
    plant: async (key, raw) =>
      void onFile(path, (db) => db.run('INSERT OR REPLACE INTO checkpoints (key, revision, document, expires_at) VALUES (?, 1, ?, NULL)', [key, raw])),
    close: () => store.close(),
  };
});

describe('openSqliteCheckpointStore', () => {
  const stores: CheckpointStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  const open = async (...args: Parameters<typeof openSqliteCheckpointStore>) => {
    const store = await openSqliteCheckpointStore(...args);
    stores.push(store);
    return store;
  };

  it('keeps checkpoints in the file across a close and a new open, and leaves no lock behind', async () => {
    const folder = scratch();
    const path = join(folder, 'c.db');
    const first = await openSqliteCheckpointStore({ path });
    await first.put('call', interviewCheckpoint(), { expectedRevision: 0 });
    await first.close();
    expect(readdirSync(folder).sort()).toEqual(['c.db', 'c.db-journal']);
    const again = await open({ path, durability: 'power' });
    expect(await again.get('call')).toEqual({ document: interviewCheckpoint(), revision: 1 });
  });

  it('refuses a file that is not a checkpoint database, naming it', async () => {
    const path = join(scratch(), 'notes.db');
    writeFileSync(path, 'These are my notes, not a database. '.repeat(200));
    await expect(openSqliteCheckpointStore({ path })).rejects.toThrow(
      new RegExp(`^react-agent-tasks: the checkpoint file "${path}" cannot be used: file is not a database`),
    );
    await expect(openSqliteCheckpointStore({ path: '' })).rejects.toThrow(/^react-agent-tasks: openSqliteCheckpointStore\(\) needs a `path`/);
  });

  it('refuses a file laid out by a newer version', async () => {
    const path = join(scratch(), 'c.db');
    onFile(path, (db) => db.exec('PRAGMA user_version = 9'));
    await expect(openSqliteCheckpointStore({ path })).rejects.toThrow(/laid out by a newer react-agent-tasks \(layout 9/);
  });

  it('reports a row holding binary data or a bad revision as a corrupted entry', async () => {
    const path = join(scratch(), 'c.db');
    const store = await open({ path });
    onFile(path, (db) => {
      db.run('INSERT INTO checkpoints VALUES (?, 1, ?, NULL)', ['binary', new Uint8Array([1, 2, 3])]);
      db.run('INSERT INTO checkpoints VALUES (?, ?, ?, NULL)', ['revision', 'three', '{}']);
    });
    await expect(store.get('binary')).rejects.toThrow(/checkpoint "binary" cannot be read: its row holds 3 bytes of binary data where the document text belongs/);
    await expect(store.get('revision')).rejects.toThrow(CheckpointCorruptError);
    await expect(store.get('revision')).rejects.toThrow(/its row holds a string \(three\) where the revision belongs/);
    expect(await store.delete('binary')).toBe(true);
  });

  it('deletes expired rows when a store opens', async () => {
    const path = join(scratch(), 'c.db');
    let now = 0;
    const first = await openSqliteCheckpointStore({ path, now: () => now, ttlMs: 1_000 });
    await first.put('old', interviewCheckpoint(), { expectedRevision: 0 });
    await first.put('kept', interviewCheckpoint(), { expectedRevision: 0, ttlMs: null });
    await first.close();
    now = 1_000;
    await open({ path, now: () => now });
    expect(onFile(path, (db) => db.all('SELECT key FROM checkpoints'))).toEqual([{ key: 'kept' }]);
  });

  describe('a process killed mid-write', () => {
    it("takes over the lock of a process that is gone, and SQLite's own lock it left", async () => {
      const path = join(scratch(), 'c.db');
      const store = await open({ path });
      await store.put('call', interviewCheckpoint(), { expectedRevision: 0 });
      // What SIGKILL inside a statement leaves: our lock owned by a dead pid, and SQLite's lock directory.
      const gone = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
      plantOwner(path, { pid: gone, started: '1', token: 'dead' });
      mkdirSync(`${path}.lock`);
      expect((await store.get('call'))?.revision).toBe(1);
      expect(await store.put('call', interviewCheckpoint(), { expectedRevision: 1 })).toBe(2);
      expect(existsSync(`${path}.lock`)).toBe(false);
      expect(readdirSync(join(path, '..')).filter((name) => name.includes('.dead'))).toEqual([]);
    });

    it('tells a reused pid from the process that held the lock by its start time', async () => {
      const path = join(scratch(), 'c.db');
      const store = await open({ path });
      plantOwner(path, { pid: process.pid, started: 'another start', token: 'earlier' });
      expect(await store.put('call', interviewCheckpoint(), { expectedRevision: 0 })).toBe(1);
    });

    it('waits for a live holder, and says who holds the file when it waited too long', async () => {
      const path = join(scratch(), 'c.db');
      const store = await open({ path, lockTimeoutMs: 30 });
      plantOwner(path, { pid: process.ppid, started: '', token: 'alive' });
      await expect(store.get('call')).rejects.toThrow(
        new RegExp(`^react-agent-tasks: the checkpoint file "${path}" stayed locked by process ${process.ppid} for 30 ms`),
      );
      rmSync(`${path}.owner`, { recursive: true });
      expect(await store.get('call')).toBeUndefined();
    });
  });
});

/** A lock directory as a holder would have left it. */
function plantOwner(path: string, owner: { pid: number; started: string; token: string }): void {
  mkdirSync(`${path}.owner`);
  writeFileSync(join(`${path}.owner`, 'owner'), JSON.stringify(owner));
}
