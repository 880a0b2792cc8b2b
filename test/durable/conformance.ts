/**
 * The conformance suite every CheckpointStore passes: round trip, two writers on one key, TTL
 * expiry (time moved by the harness, never slept), corrupted entries, large documents and
 * concurrent keys. Each store's test file calls `describeCheckpointStore` with its harness.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interviewCheckpoint } from '../../bench/checkpoint-document.js';
import {
  CheckpointConflictError,
  CheckpointCorruptError,
  createCheckpoint,
  type CheckpointDocument,
  type CheckpointStore,
  type CheckpointStoreOptions,
} from '../../src/durable/index.js';

export interface StoreHarness {
  store: CheckpointStore;
  /** Another store on the same data, as a second worker or process would open it. */
  openAnother(): Promise<CheckpointStore>;
  /** Makes `ms` pass for expiry: an injected clock moves, or (Redis) every TTL shortens. */
  elapse(ms: number): Promise<void>;
  /** Stores `raw` under `key` as the backend holds text, bypassing every check. */
  plant(key: string, raw: string): Promise<void>;
  close(): Promise<void>;
}

export type OpenHarness = (options: CheckpointStoreOptions) => Promise<StoreHarness>;

const HOUR = 60 * 60 * 1000;

function documentSaying(text: string): CheckpointDocument {
  return createCheckpoint({ workflowVersion: '1', completed: [{ path: 'note', result: { text } }] }, { now: () => 1 });
}

export function describeCheckpointStore(name: string, open: OpenHarness): void {
  describe(`${name}: CheckpointStore conformance`, () => {
    let harness: StoreHarness;
    let store: CheckpointStore;
    const others: CheckpointStore[] = [];
    beforeEach(async () => {
      harness = await open({ ttlMs: HOUR });
      store = harness.store;
    });
    afterEach(async () => {
      for (const other of others.splice(0)) await other.close();
      await harness.close();
    });
    const another = async () => {
      const other = await harness.openAnother();
      others.push(other);
      return other;
    };

    describe('round trip', () => {
      it('stores, reads, replaces and deletes a document, counting revisions from 1', async () => {
        const document = interviewCheckpoint();
        expect(await store.get('call-1')).toBeUndefined();
        expect(await store.put('call-1', document, { expectedRevision: 0 })).toBe(1);
        expect(await store.get('call-1')).toEqual({ document, revision: 1 });

        const later = { ...document, inProgress: { path: 'behavioral/work_style', sensitive: false } };
        expect(await store.put('call-1', later, { expectedRevision: 1 })).toBe(2);
        expect(await store.get('call-1')).toEqual({ document: later, revision: 2 });

        expect(await store.delete('call-1', { expectedRevision: 2 })).toBe(true);
        expect(await store.get('call-1')).toBeUndefined();
        expect(await store.delete('call-1')).toBe(false);
        // A deleted key starts again from nothing.
        expect(await store.put('call-1', document, { expectedRevision: 0 })).toBe(1);
      });

      it('keeps every character and number exactly, and a result of undefined as undefined', async () => {
        const text = 'naïve café — 東京 🚲 "quoted" \\ back\u0000slash\n\ttab \u2028';
        const document = createCheckpoint(
          {
            workflowVersion: 'v-ü',
            completed: [
              { path: 'consent', result: undefined },
              { path: 'numbers', result: { big: Number.MAX_SAFE_INTEGER, small: -1e-300, zero: 0, list: [1.5, null, true, false] } },
              { path: 'text', result: text },
            ],
            userData: { [text]: text },
            turns: [{ role: 'user', text }],
          },
          { now: () => 5 },
        );
        await store.put('unicode: 東京 🚲', document, { expectedRevision: 0 });
        const read = await (await another()).get('unicode: 🚲'.replace('unicode: ', 'unicode: 東京 '));
        expect(read?.document).toEqual(document);
        expect(read?.document.completed[0]!.result).toEqual({ kind: 'clear' });
      });

      it('keeps keys apart', async () => {
        await store.put('a', documentSaying('A'), { expectedRevision: 0 });
        await store.put('b', documentSaying('B'), { expectedRevision: 0 });
        await store.put('b', documentSaying('B2'), { expectedRevision: 1 });
        expect(await store.get('a')).toEqual({ document: documentSaying('A'), revision: 1 });
        expect(await store.get('b')).toEqual({ document: documentSaying('B2'), revision: 2 });
        await store.delete('a');
        expect((await store.get('b'))?.revision).toBe(2);
      });
    });

    describe('two writers on one key', () => {
      it('rejects the stale writer and keeps the first one’s document', async () => {
        const workerB = await another();
        await store.put('call', documentSaying('start'), { expectedRevision: 0 });
        const readByA = await store.get('call');
        const readByB = await workerB.get('call');
        expect(readByA?.revision).toBe(1);
        expect(readByB?.revision).toBe(1);

        expect(await workerB.put('call', documentSaying('B resumed'), { expectedRevision: 1 })).toBe(2);
        const stale = store.put('call', documentSaying('A, still running'), { expectedRevision: 1 });
        await expect(stale).rejects.toBeInstanceOf(CheckpointConflictError);
        await expect(stale).rejects.toMatchObject({ key: 'call', expectedRevision: 1, currentRevision: 2 });
        await expect(stale).rejects.toThrow(/^react-agent-tasks: checkpoint "call" is at revision 2, not 1/);
        expect((await store.get('call'))?.document).toEqual(documentSaying('B resumed'));
      });

      it('lets exactly one of many simultaneous writers win, whatever the revision', async () => {
        const stores = [store, await another(), await another()];
        const creates = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) => stores[i % 3]!.put('race', documentSaying(`create ${i}`), { expectedRevision: 0 })),
        );
        expect(creates.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of creates) {
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(CheckpointConflictError);
        }
        const winner = creates.findIndex((outcome) => outcome.status === 'fulfilled');
        expect((await store.get('race'))?.document).toEqual(documentSaying(`create ${winner}`));

        const updates = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) => stores[i % 3]!.put('race', documentSaying(`update ${i}`), { expectedRevision: 1 })),
        );
        expect(updates.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect((await store.get('race'))?.revision).toBe(2);
      });

      it('refuses to create over an existing checkpoint, and to write a revision ahead', async () => {
        await store.put('call', documentSaying('first'), { expectedRevision: 0 });
        await expect(store.put('call', documentSaying('second'), { expectedRevision: 0 })).rejects.toMatchObject({
          expectedRevision: 0,
          currentRevision: 1,
        });
        await expect(store.put('call', documentSaying('ahead'), { expectedRevision: 7 })).rejects.toMatchObject({ currentRevision: 1 });
        await expect(store.put('nothing', documentSaying('ahead'), { expectedRevision: 1 })).rejects.toMatchObject({
          currentRevision: 0,
          message: expect.stringContaining('revision 0 (no checkpoint), not 1'),
        });
        expect((await store.get('call'))?.document).toEqual(documentSaying('first'));
      });

      it('leaves a checkpoint alone when a delete names an older revision', async () => {
        await store.put('call', documentSaying('one'), { expectedRevision: 0 });
        await store.put('call', documentSaying('two'), { expectedRevision: 1 });
        await expect(store.delete('call', { expectedRevision: 1 })).rejects.toMatchObject({ key: 'call', currentRevision: 2 });
        expect((await store.get('call'))?.revision).toBe(2);
        expect(await store.delete('gone', { expectedRevision: 3 })).toBe(false);
      });
    });

    describe('TTL', () => {
      it('expires a checkpoint its TTL after the last put, and then counts it as absent', async () => {
        await store.put('call', documentSaying('x'), { expectedRevision: 0, ttlMs: 60_000 });
        await harness.elapse(59_000);
        expect((await store.get('call'))?.revision).toBe(1);
        await harness.elapse(1_000);
        expect(await store.get('call')).toBeUndefined();
        expect(await store.delete('call', { expectedRevision: 1 })).toBe(false);
        await expect(store.put('call', documentSaying('y'), { expectedRevision: 1 })).rejects.toMatchObject({ currentRevision: 0 });
        expect(await store.put('call', documentSaying('y'), { expectedRevision: 0 })).toBe(1);
      });

      it('restarts the TTL with every put', async () => {
        await store.put('call', documentSaying('x'), { expectedRevision: 0, ttlMs: 60_000 });
        await harness.elapse(40_000);
        await store.put('call', documentSaying('x2'), { expectedRevision: 1, ttlMs: 60_000 });
        await harness.elapse(40_000);
        expect((await store.get('call'))?.document).toEqual(documentSaying('x2'));
        await harness.elapse(20_000);
        expect(await store.get('call')).toBeUndefined();
      });

      it("uses the store's ttlMs by default, and never expires with ttlMs: null", async () => {
        await store.put('default', documentSaying('d'), { expectedRevision: 0 });
        await store.put('forever', documentSaying('f'), { expectedRevision: 0, ttlMs: null });
        await store.put('expiring', documentSaying('e'), { expectedRevision: 0, ttlMs: 2 * HOUR });
        await store.put('expiring', documentSaying('e'), { expectedRevision: 1, ttlMs: null });
        await harness.elapse(HOUR - 1_000);
        expect(await store.get('default')).toBeDefined();
        await harness.elapse(1_000);
        expect(await store.get('default')).toBeUndefined();
        await harness.elapse(365 * 24 * HOUR);
        expect((await store.get('forever'))?.document).toEqual(documentSaying('f'));
        expect((await store.get('expiring'))?.revision).toBe(2);
      });

      it('expires only the keys whose time is up', async () => {
        await store.put('short', documentSaying('s'), { expectedRevision: 0, ttlMs: 10_000 });
        await store.put('long', documentSaying('l'), { expectedRevision: 0, ttlMs: 100_000 });
        await harness.elapse(50_000);
        expect(await store.get('short')).toBeUndefined();
        expect((await store.get('long'))?.document).toEqual(documentSaying('l'));
      });
    });

    describe('a corrupted entry', () => {
      it('is a clear error naming the key, for text that is not JSON', async () => {
        await harness.plant('broken', '{"schemaVersion": 1, "completed": [');
        const read = store.get('broken');
        await expect(read).rejects.toBeInstanceOf(CheckpointCorruptError);
        await expect(read).rejects.toMatchObject({ key: 'broken' });
        await expect(read).rejects.toThrow(/^react-agent-tasks: checkpoint "broken" cannot be read: its text is not JSON/);
      });

      it('is a clear error naming the key and the bad field, for JSON that is not a checkpoint', async () => {
        const document = interviewCheckpoint();
        const tampered = { ...document, completed: [{ path: 'email', sensitive: false, result: { kind: 'plain', value: 1 } }] };
        await harness.plant('tampered', JSON.stringify(tampered));
        await expect(store.get('tampered')).rejects.toThrow(/checkpoint "tampered" cannot be read: it is not a checkpoint document \(completed\[0\]\.result/);
        await harness.plant('empty', '');
        await expect(store.get('empty')).rejects.toThrow(/checkpoint "empty" cannot be read: its text is not JSON/);
        await harness.plant('null', 'null');
        await expect(store.get('null')).rejects.toThrow(CheckpointCorruptError);
      });

      it('says a newer schema is newer rather than corrupt', async () => {
        await harness.plant('future', JSON.stringify({ ...interviewCheckpoint(), schemaVersion: 2 }));
        await expect(store.get('future')).rejects.toThrow(/checkpoint "future" cannot be read: it was written by a newer react-agent-tasks \(checkpoint schema 2/);
      });

      it('does not disturb other keys, and goes with delete(key)', async () => {
        await store.put('fine', documentSaying('ok'), { expectedRevision: 0 });
        await harness.plant('broken', 'garbage');
        await expect(store.get('broken')).rejects.toThrow(CheckpointCorruptError);
        expect((await store.get('fine'))?.document).toEqual(documentSaying('ok'));
        expect(await store.delete('broken')).toBe(true);
        expect(await store.get('broken')).toBeUndefined();
        expect(await store.put('broken', documentSaying('fresh'), { expectedRevision: 0 })).toBe(1);
      });
    });

    it('stores large documents (about 3 MB) intact', async () => {
      const big = 'x'.repeat(1_000_000);
      const document = createCheckpoint(
        {
          workflowVersion: 'big',
          completed: Array.from({ length: 500 }, (_, i) => ({ path: `step_${i}`, result: { index: i, notes: `note ${i} `.repeat(200) } })),
          userData: { transcript: big, more: [big, big.slice(1)] },
        },
        { now: () => 1 },
      );
      expect(JSON.stringify(document).length).toBeGreaterThan(3_000_000);
      await store.put('big', document, { expectedRevision: 0 });
      const read = await (await another()).get('big');
      expect(read?.revision).toBe(1);
      expect(read?.document).toEqual(document);
    });

    it('keeps 200 keys written at once apart, each at its own revision', async () => {
      const stores = [store, await another()];
      const keys = Array.from({ length: 200 }, (_, i) => `caller:${i}`);
      await Promise.all(keys.map((key, i) => stores[i % 2]!.put(key, documentSaying(key), { expectedRevision: 0 })));
      await Promise.all(keys.filter((_, i) => i % 3 === 0).map((key, i) => stores[i % 2]!.put(key, documentSaying(`${key}+`), { expectedRevision: 1 })));
      const read = await Promise.all(keys.map((key) => store.get(key)));
      read.forEach((entry, i) => {
        expect(entry).toEqual(i % 3 === 0 ? { document: documentSaying(`${keys[i]}+`), revision: 2 } : { document: documentSaying(keys[i]!), revision: 1 });
      });
    });

    describe('misuse', () => {
      it('throws at once for a bad key, revision, TTL or document, naming the method', async () => {
        const document = documentSaying('x');
        await expect(store.put('', document, { expectedRevision: 0 })).rejects.toThrow(/^react-agent-tasks: CheckpointStore\.put\(\) got the key of 0 characters/);
        await expect(store.put('k'.repeat(1025), document, { expectedRevision: 0 })).rejects.toThrow(/at most 1024 characters/);
        await expect(store.put('k', document, { expectedRevision: -1 })).rejects.toThrow(/^react-agent-tasks: CheckpointStore\.put\("k"\) got expectedRevision -1/);
        await expect(store.put('k', document, { expectedRevision: 1.5 })).rejects.toThrow(/expectedRevision 1\.5/);
        await expect(store.put('k', document, { expectedRevision: 0, ttlMs: 0 })).rejects.toThrow(/got ttlMs 0/);
        await expect(store.put('k', { ...document, completed: 'none' } as never, { expectedRevision: 0 })).rejects.toThrow(
          /^react-agent-tasks: CheckpointStore\.put\("k"\) got a document that is not a checkpoint \(completed: /,
        );
        expect(await store.get('k')).toBeUndefined();
      });

      it('refuses calls after close()', async () => {
        const other = await harness.openAnother();
        await other.close();
        await expect(other.get('k')).rejects.toThrow(/^react-agent-tasks: CheckpointStore\.get\("k"\) was called after close\(\)/);
        await other.close();
      });
    });
  });
}
