import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { interviewCheckpoint } from '../../bench/checkpoint-document.js';
import { CheckpointCorruptError, openFileCheckpointStore, type CheckpointStore } from '../../src/durable/index.js';
import { describeCheckpointStore } from './conformance.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function scratch(): string {
  const folder = mkdtempSync(join(tmpdir(), 'rat-files-'));
  folders.push(folder);
  return folder;
}

/** Where the store keeps `key`: a file named by the key's SHA-256. */
/** The folder's entries, without the lock's dot-named directories. */
const listing = (directory: string) => readdirSync(directory).filter((name) => !name.startsWith('.'));
const fileOf = (directory: string, key: string) => join(directory, `${createHash('sha256').update(key).digest('hex')}.checkpoint`);

describeCheckpointStore('file', async (options) => {
  let now = 1_000_000;
  const directory = join(scratch(), 'nested', 'checkpoints');
  const open = () => openFileCheckpointStore({ ...options, directory, now: () => now });
  const store = await open();
  return {
    store,
    // A second store on the folder, as another job process of the worker opens it.
    openAnother: open,
    elapse: async (ms) => void (now += ms),
    plant: async (key, raw) => writeFileSync(fileOf(directory, key), `${JSON.stringify({ key, revision: 1, expiresAt: null })}\n${raw}`),
    close: () => store.close(),
  };
});

describe('openFileCheckpointStore', () => {
  const stores: CheckpointStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  const open = async (...args: Parameters<typeof openFileCheckpointStore>) => {
    const store = await openFileCheckpointStore(...args);
    stores.push(store);
    return store;
  };

  it('keeps checkpoints across a close and a new open, one file per key, and leaves nothing else behind', async () => {
    const directory = scratch();
    const first = await openFileCheckpointStore({ directory });
    await first.put('call', interviewCheckpoint(), { expectedRevision: 0 });
    await first.close();
    expect(listing(directory)).toEqual([fileOf(directory, 'call').slice(directory.length + 1)]);
    const [header, document] = readFileSync(fileOf(directory, 'call'), 'utf8').split('\n');
    expect(JSON.parse(header!)).toMatchObject({ key: 'call', revision: 1 });
    expect(JSON.parse(document!)).toEqual(interviewCheckpoint());
    const again = await open({ directory, durability: 'power' });
    expect(await again.get('call')).toEqual({ document: interviewCheckpoint(), revision: 1 });
    expect(await again.put('call', interviewCheckpoint(), { expectedRevision: 1 })).toBe(2);
  });

  it('needs a directory', async () => {
    await expect(openFileCheckpointStore({ directory: '' })).rejects.toThrow(/^react-agent-tasks: openFileCheckpointStore\(\) needs a `directory`/);
  });

  it('reports a file without a readable header as a corrupted entry, refuses to write over it, and deletes it', async () => {
    const directory = scratch();
    const store = await open({ directory });
    writeFileSync(fileOf(directory, 'noheader'), 'just some text');
    writeFileSync(fileOf(directory, 'badrev'), `${JSON.stringify({ key: 'badrev', revision: 'three', expiresAt: null })}\n{}`);
    await expect(store.get('noheader')).rejects.toThrow(/^react-agent-tasks: checkpoint "noheader" cannot be read: its file has no readable header line/);
    await expect(store.get('badrev')).rejects.toThrow(CheckpointCorruptError);
    await expect(store.put('badrev', interviewCheckpoint(), { expectedRevision: 0 })).rejects.toThrow(/checkpoint "badrev" cannot be read/);
    expect(await store.delete('noheader')).toBe(true);
    expect(await store.delete('badrev')).toBe(true);
    expect(listing(directory)).toEqual([]);
  });

  it('deletes expired files when a store opens, and in the background as writes go on', async () => {
    const directory = scratch();
    let now = 0;
    const first = await openFileCheckpointStore({ directory, now: () => now, ttlMs: 1_000 });
    await first.put('old', interviewCheckpoint(), { expectedRevision: 0 });
    await first.put('kept', interviewCheckpoint(), { expectedRevision: 0, ttlMs: null });
    await first.close();
    now = 1_000;
    const store = await open({ directory, now: () => now, ttlMs: 1_000 });
    expect(listing(directory)).toEqual([fileOf(directory, 'kept').slice(directory.length + 1)]);

    for (let i = 0; i < 300; i++) await store.put(`abandoned-${i}`, interviewCheckpoint(), { expectedRevision: 0 });
    now = 2_000;
    // A sweep starts once the writes since the last one reach the files it left (at least 256).
    for (let i = 0; i < 301; i++) await store.put(`live-${i}`, interviewCheckpoint(), { expectedRevision: 0, ttlMs: null });
    await store.close();
    expect(listing(directory)).toHaveLength(302);
  });

  describe('a process killed mid-write', () => {
    it('removes temporary files of writers that are gone, and keeps those of live ones', async () => {
      const directory = scratch();
      const gone = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
      writeFileSync(join(directory, `abc.checkpoint.${gone}-00ff.tmp`), 'half');
      writeFileSync(join(directory, `abc.checkpoint.${process.ppid}-00ff.tmp`), 'in progress');
      await open({ directory });
      expect(listing(directory)).toEqual([`abc.checkpoint.${process.ppid}-00ff.tmp`]);
    });

    it('takes over the lock of a process that is gone', async () => {
      const directory = scratch();
      const store = await open({ directory });
      const gone = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
      plantOwner(directory, { pid: gone, started: '1', token: 'dead' });
      expect(await store.put('call', interviewCheckpoint(), { expectedRevision: 0 })).toBe(1);
      expect(existsSync(join(directory, '.writer.owner'))).toBe(false);
      expect(listing(directory).filter((name) => name.endsWith('.dead'))).toEqual([]);
    });

    it('tells a reused pid from the process that held the lock by its start time', async () => {
      const directory = scratch();
      const store = await open({ directory });
      plantOwner(directory, { pid: process.pid, started: 'another start', token: 'earlier' });
      expect(await store.put('call', interviewCheckpoint(), { expectedRevision: 0 })).toBe(1);
    });

    it('waits for a live holder, and says who holds the folder when it waited too long', async () => {
      const directory = scratch();
      const store = await open({ directory, lockTimeoutMs: 30 });
      plantOwner(directory, { pid: process.ppid, started: '', token: 'alive' });
      await expect(store.put('call', interviewCheckpoint(), { expectedRevision: 0 })).rejects.toThrow(
        new RegExp(`^react-agent-tasks: the checkpoint folder "${directory}" stayed locked by process ${process.ppid} for 30 ms`),
      );
      // Reads take no lock: they go on meanwhile.
      expect(await store.get('call')).toBeUndefined();
      rmSync(join(directory, '.writer.owner'), { recursive: true });
      expect(await store.put('call', interviewCheckpoint(), { expectedRevision: 0 })).toBe(1);
    });
  });
});

/** A lock directory as a holder would have left it. */
function plantOwner(directory: string, owner: { pid: number; started: string; token: string }): void {
  mkdirSync(join(directory, '.writer.owner'));
  writeFileSync(join(directory, '.writer.owner', 'owner'), JSON.stringify(owner));
}
