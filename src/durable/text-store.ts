/**
 * What a storage engine provides under a {@link CheckpointStore}: text under a key with a revision,
 * compare-and-set writes, and expiry. `checkpointStoreOver` adds the document codec on top, so a
 * new backend implements only this. Each method is atomic for its key.
 */
export interface RevisionedTextStore {
  /** The live (not expired) entry, or undefined. Throws `CheckpointCorruptError` for an entry it cannot read as text. */
  read(key: string): Promise<TextEntry | undefined>;
  /**
   * Stores `text` when the key's current revision is `expectedRevision` (0: no live entry), as
   * revision `expectedRevision + 1`, expiring `ttlMs` after this write (null: never).
   */
  write(key: string, text: string, expectedRevision: number, ttlMs: number | null): Promise<WriteOutcome>;
  /** Removes the live entry when its revision is `expectedRevision` (undefined: whatever it is). */
  remove(key: string, expectedRevision: number | undefined): Promise<RemoveOutcome>;
  close(): Promise<void>;
}

export interface TextEntry {
  text: string;
  revision: number;
}

/** `currentRevision` is 0 when the key holds no live entry. */
export type WriteOutcome = { written: true; revision: number } | { written: false; currentRevision: number };

/** `removed: false` with `currentRevision` 0: there was nothing to remove. */
export type RemoveOutcome = { removed: true } | { removed: false; currentRevision: number };
