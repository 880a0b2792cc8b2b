import { misuse } from '../model/errors.js';
import { decodeCheckpoint, encodeCheckpoint } from './codec.js';
import type { CheckpointDocument } from './document.js';
import { CheckpointConflictError } from './errors.js';
import type { RevisionedTextStore } from './text-store.js';

/**
 * Where a workflow keeps its checkpoints. Writers never overwrite each other blindly: every `put`
 * says which revision it read (0 for a new key) and is rejected with `CheckpointConflictError`
 * when another writer saved since (compare-and-set; the first writer wins, the stale one learns it).
 */
export interface CheckpointStore {
  /** The live checkpoint under `key`, or undefined (never written, deleted or expired). */
  get(key: string): Promise<StoredCheckpoint | undefined>;
  /** Saves atomically as the next revision and returns it; the TTL restarts with every put. */
  put(key: string, document: CheckpointDocument, options: PutOptions): Promise<number>;
  /**
   * Removes the checkpoint; true when one was there. With `expectedRevision`, a checkpoint at
   * another revision is left alone and `CheckpointConflictError` thrown. Removes unreadable entries too.
   */
  delete(key: string, options?: { expectedRevision?: number }): Promise<boolean>;
  /** Releases what the store opened (a Redis client passed in stays open: it is yours). */
  close(): Promise<void>;
}

export interface StoredCheckpoint {
  document: CheckpointDocument;
  /** Pass it as `expectedRevision` to the next `put` or `delete`. */
  revision: number;
}

export interface PutOptions {
  /** The revision this writer last read or wrote; 0 when it expects no checkpoint under the key. */
  expectedRevision: number;
  /** Milliseconds until an untouched checkpoint expires; null: never. Defaults to the store's `ttlMs`. */
  ttlMs?: number | null;
}

export interface CheckpointStoreOptions {
  /** Default time to live of a checkpoint after its last put, ms; null: never expires. Default 24 hours. */
  ttlMs?: number | null;
}

/** The default TTL: a call abandoned for a day is not coming back. */
export const DEFAULT_CHECKPOINT_TTL_MS = 24 * 60 * 60 * 1000;

/** Longest accepted key, in characters (a Redis key or an SQLite primary key, prefix excluded). */
export const MAX_CHECKPOINT_KEY_LENGTH = 1024;

/** A {@link CheckpointStore} over any {@link RevisionedTextStore}: the JSON codec, zod checks and argument checks live here. */
export function checkpointStoreOver(text: RevisionedTextStore, options: CheckpointStoreOptions = {}): CheckpointStore {
  const defaultTtl = checkTtl('checkpoint store options', options.ttlMs === undefined ? DEFAULT_CHECKPOINT_TTL_MS : options.ttlMs);
  let closed = false;
  const usable = (method: string, key: string) => {
    if (closed) throw misuse(`CheckpointStore.${method}("${key}")`, 'was called after close()', 'Open a new store.');
    checkKey(method, key);
  };
  return {
    async get(key) {
      usable('get', key);
      const entry = await text.read(key);
      return entry && { document: decodeCheckpoint(key, entry.text), revision: entry.revision };
    },
    async put(key, document, putOptions) {
      usable('put', key);
      const expected = checkRevision(`put("${key}")`, putOptions?.expectedRevision, true);
      const ttl = putOptions.ttlMs === undefined ? defaultTtl : checkTtl(`CheckpointStore.put("${key}")`, putOptions.ttlMs);
      const outcome = await text.write(key, encodeCheckpoint(key, document), expected, ttl);
      if (!outcome.written) throw new CheckpointConflictError(key, expected, outcome.currentRevision);
      return outcome.revision;
    },
    async delete(key, deleteOptions) {
      usable('delete', key);
      const expected = checkRevision(`delete("${key}")`, deleteOptions?.expectedRevision, false);
      const outcome = await text.remove(key, expected);
      if (outcome.removed) return true;
      if (expected !== undefined && outcome.currentRevision !== 0) {
        throw new CheckpointConflictError(key, expected, outcome.currentRevision);
      }
      return false;
    },
    async close() {
      if (closed) return;
      closed = true;
      await text.close();
    },
  };
}

function checkKey(method: string, key: unknown): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_CHECKPOINT_KEY_LENGTH) {
    throw misuse(
      `CheckpointStore.${method}()`,
      `got the key ${typeof key === 'string' ? `of ${key.length} characters` : String(key)}`,
      `Pass a non-empty string of at most ${MAX_CHECKPOINT_KEY_LENGTH} characters, e.g. callerKey(...).`,
    );
  }
}

function checkRevision(call: string, revision: unknown, required: true): number;
function checkRevision(call: string, revision: unknown, required: false): number | undefined;
function checkRevision(call: string, revision: unknown, required: boolean): number | undefined {
  if (revision === undefined && !required) return undefined;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) {
    throw misuse(
      `CheckpointStore.${call}`,
      `got expectedRevision ${String(revision)}`,
      'Pass the revision the last get() or put() returned, or 0 when no checkpoint is expected.',
    );
  }
  return revision;
}

function checkTtl(subject: string, ttlMs: unknown): number | null {
  if (ttlMs === null) return null;
  if (typeof ttlMs !== 'number' || !Number.isSafeInteger(ttlMs) || ttlMs < 1) {
    throw misuse(subject, `got ttlMs ${String(ttlMs)}`, 'Pass a whole number of milliseconds ≥ 1, or null for no expiry.');
  }
  return ttlMs;
}
