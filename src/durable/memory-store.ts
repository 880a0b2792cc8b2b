import { checkpointStoreOver, type CheckpointStore, type CheckpointStoreOptions } from './checkpoint-store.js';
import type { RemoveOutcome, RevisionedTextStore, TextEntry, WriteOutcome } from './text-store.js';

export interface MemoryCheckpointStoreOptions extends CheckpointStoreOptions {
  /** The clock expiry reads, epoch ms; tests pass one they move by hand. Default `Date.now`. */
  now?: () => number;
}

/**
 * A checkpoint store in this process's memory, for tests: it keeps documents as text, so a
 * round trip through it is the same JSON round trip a real store makes. Lost when the process ends.
 */
export function memoryCheckpointStore(options: MemoryCheckpointStoreOptions = {}): CheckpointStore {
  return checkpointStoreOver(new MemoryTextStore(options.now), options);
}

interface MemoryEntry extends TextEntry {
  expiresAt: number | null;
}

/** The text layer of {@link memoryCheckpointStore}; tests reach it to plant unreadable entries. */
export class MemoryTextStore implements RevisionedTextStore {
  private readonly entries = new Map<string, MemoryEntry>();
  private writesSinceSweep = 0;
  private sizeAfterSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async read(key: string): Promise<TextEntry | undefined> {
    const entry = this.live(key);
    return entry && { text: entry.text, revision: entry.revision };
  }

  async write(key: string, text: string, expectedRevision: number, ttlMs: number | null): Promise<WriteOutcome> {
    const current = this.live(key)?.revision ?? 0;
    if (current !== expectedRevision) return { written: false, currentRevision: current };
    const revision = current + 1;
    this.entries.set(key, { text, revision, expiresAt: ttlMs === null ? null : this.now() + ttlMs });
    this.sweepNowAndThen();
    return { written: true, revision };
  }

  async remove(key: string, expectedRevision: number | undefined): Promise<RemoveOutcome> {
    const current = this.live(key)?.revision ?? 0;
    if (current === 0 || (expectedRevision !== undefined && current !== expectedRevision)) {
      return { removed: false, currentRevision: current };
    }
    this.entries.delete(key);
    return { removed: true };
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  /** Entries held, expired ones not yet swept included. */
  get size(): number {
    return this.entries.size;
  }

  /** Replaces the stored text as it is, bypassing every check: how a test makes an entry unreadable. */
  plant(key: string, text: string, revision = 1): void {
    this.entries.set(key, { text, revision, expiresAt: null });
  }

  private live(key: string): MemoryEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /**
   * Abandoned keys are never read again: drop expired ones once the writes since the last sweep
   * reach the entries it left (at least 64), so sweeping costs O(1) per write on average.
   */
  private sweepNowAndThen(): void {
    if (++this.writesSinceSweep < Math.max(64, this.sizeAfterSweep)) return;
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt !== null && entry.expiresAt <= now) this.entries.delete(key);
    this.writesSinceSweep = 0;
    this.sizeAfterSweep = this.entries.size;
  }
}
