import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { misuse } from '../model/errors.js';
import { checkpointStoreOver, type CheckpointStore, type CheckpointStoreOptions } from './checkpoint-store.js';
import { CheckpointCorruptError } from './errors.js';
import { isProcessAlive, ProcessLock } from './process-lock.js';
import type { RemoveOutcome, RevisionedTextStore, TextEntry, WriteOutcome } from './text-store.js';

export interface FileCheckpointStoreOptions extends CheckpointStoreOptions {
  /** The folder holding the checkpoints, one file per call; created when missing. Every process of the machine may share it. */
  directory: string;
  /**
   * `'process'` (default): a checkpoint survives the process being killed at any moment (the
   * new file is complete before it replaces the old one). `'power'`: it also survives a power cut
   * or an OS crash (each write is fsynced, file and folder: slower, see README).
   */
  durability?: 'process' | 'power';
  /** How long a write waits for another process's write before failing, ms. Default 10,000. */
  lockTimeoutMs?: number;
  /** The clock expiry reads, epoch ms; tests pass one they move by hand. Default `Date.now`. */
  now?: () => number;
}

/** The first line of every checkpoint file; the document text follows it. */
interface Header {
  key: string;
  revision: number;
  expiresAt: number | null;
}

/** How much of a file holds its header at most (a 1,024-character key, escaped). */
const HEADER_LIMIT = 8192;
const SUFFIX = '.checkpoint';

/**
 * The embedded default: checkpoints as files in a folder on this machine, no server and no
 * native code. A write builds the new file beside the old one and renames it over it (rename(2)
 * is atomic), so a killed process leaves the previous checkpoint or the new one, never part of
 * one; compare-and-set runs under a lock the processes of the machine share (LiveKit's job
 * processes), which a killed holder cannot leave behind. README "Durable workflows" says why not SQLite.
 */
export async function openFileCheckpointStore(options: FileCheckpointStoreOptions): Promise<CheckpointStore> {
  return checkpointStoreOver(await FileTextStore.open(options), options);
}

/** The text layer of {@link openFileCheckpointStore}. */
export class FileTextStore implements RevisionedTextStore {
  private writesSinceSweep = 0;
  private filesAfterSweep = 0;
  private sweeping: Promise<void> | undefined;

  private constructor(
    readonly directory: string,
    private readonly lock: ProcessLock,
    private readonly now: () => number,
    private readonly lockTimeoutMs: number,
    private readonly fsync: boolean,
  ) {}

  static async open(options: FileCheckpointStoreOptions): Promise<FileTextStore> {
    if (typeof options?.directory !== 'string' || options.directory === '') {
      throw misuse('openFileCheckpointStore()', 'needs a `directory`', "Pass the folder for checkpoints, e.g. { directory: './data/checkpoints' }.");
    }
    const directory = resolve(options.directory);
    mkdirSync(directory, { recursive: true });
    removeDeadWritersFiles(directory);
    const store = new FileTextStore(
      directory,
      // Dot-named, so the lock's directories stay out of a listing of the checkpoints.
      new ProcessLock(join(directory, '.writer'), `the checkpoint folder "${directory}"`),
      options.now ?? Date.now,
      options.lockTimeoutMs ?? 10_000,
      options.durability === 'power',
    );
    await store.sweep();
    return store;
  }

  async read(key: string): Promise<TextEntry | undefined> {
    // No lock: a file is replaced by rename, so a reader opens the old one or the new one, whole.
    const text = readText(this.fileOf(key));
    if (text === undefined) return undefined;
    const newline = text.indexOf('\n');
    const header = newline === -1 ? undefined : parseHeader(text.slice(0, newline));
    if (!header || header.key !== key) throw new CheckpointCorruptError(key, 'its file has no readable header line');
    if (isExpired(header, this.now())) return undefined;
    return { text: text.slice(newline + 1), revision: header.revision };
  }

  async write(key: string, text: string, expectedRevision: number, ttlMs: number | null): Promise<WriteOutcome> {
    const file = this.fileOf(key);
    const outcome = await this.lock.withLock(this.lockTimeoutMs, (): WriteOutcome => {
      const now = this.now();
      const current = this.liveRevision(key, file, now);
      if (current !== expectedRevision) return { written: false, currentRevision: current };
      const header: Header = { key, revision: current + 1, expiresAt: ttlMs === null ? null : now + ttlMs };
      this.replace(file, `${JSON.stringify(header)}\n${text}`);
      return { written: true, revision: header.revision };
    });
    if (outcome.written) this.sweepNowAndThen();
    return outcome;
  }

  async remove(key: string, expectedRevision: number | undefined): Promise<RemoveOutcome> {
    const file = this.fileOf(key);
    return this.lock.withLock(this.lockTimeoutMs, (): RemoveOutcome => {
      const now = this.now();
      if (expectedRevision === undefined) {
        // Whatever is there goes, an unreadable file included; an expired one was gone already.
        const header = readHeaderOf(file);
        if (header === undefined) return { removed: false, currentRevision: 0 };
        unlinkSync(file);
        return header !== 'unreadable' && isExpired(header, now) ? { removed: false, currentRevision: 0 } : { removed: true };
      }
      const current = this.liveRevision(key, file, now);
      if (current !== expectedRevision) return { removed: false, currentRevision: current };
      unlinkSync(file);
      return { removed: true };
    });
  }

  async close(): Promise<void> {
    await this.sweeping;
    this.lock.dispose();
  }

  /** Deletes expired files (under the lock, a batch at a time, so writers wait microseconds, not the whole sweep). */
  async sweep(): Promise<void> {
    const names = readdirSync(this.directory).filter((name) => name.endsWith(SUFFIX));
    let left = names.length;
    for (let start = 0; start < names.length; start += 64) {
      const batch = names.slice(start, start + 64);
      left -= await this.lock.withLock(this.lockTimeoutMs, () => {
        const now = this.now();
        let removed = 0;
        for (const name of batch) {
          const header = readHeaderOf(join(this.directory, name));
          if (header !== undefined && header !== 'unreadable' && isExpired(header, now)) {
            unlinkSync(join(this.directory, name));
            removed++;
          }
        }
        return removed;
      });
    }
    this.filesAfterSweep = left;
  }

  /** The revision a writer must name: 0 for no file or an expired one. */
  private liveRevision(key: string, file: string, now: number): number {
    const header = readHeaderOf(file);
    if (header === undefined) return 0;
    if (header === 'unreadable' || header.key !== key) throw new CheckpointCorruptError(key, 'its file has no readable header line');
    return isExpired(header, now) ? 0 : header.revision;
  }

  /** Writes the whole new file under a name of its own, then renames it over the old one. */
  private replace(file: string, contents: string): void {
    const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      const bytes = Buffer.from(contents);
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
      if (this.fsync) fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(temporary, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(temporary, file);
    if (this.fsync) syncDirectory(this.directory);
  }

  private fileOf(key: string): string {
    return join(this.directory, createHash('sha256').update(key).digest('hex') + SUFFIX);
  }

  /** Expired files of abandoned calls are never read again: sweep in the background once per as many writes as files. */
  private sweepNowAndThen(): void {
    if (this.sweeping || ++this.writesSinceSweep < Math.max(256, this.filesAfterSweep)) return;
    this.writesSinceSweep = 0;
    this.sweeping = this.sweep()
      // Best effort: what this sweep missed, the next one removes.
      .catch(() => {})
      .finally(() => (this.sweeping = undefined));
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The header of a file, reading only its start; undefined when there is no file. */
function readHeaderOf(file: string): Header | 'unreadable' | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const start = Buffer.alloc(HEADER_LIMIT);
    const length = readSync(fd, start, 0, HEADER_LIMIT, 0);
    const newline = start.subarray(0, length).indexOf(0x0a);
    return (newline !== -1 && parseHeader(start.subarray(0, newline).toString('utf8'))) || 'unreadable';
  } finally {
    closeSync(fd);
  }
}

function parseHeader(line: string): Header | undefined {
  try {
    const header = JSON.parse(line) as Header;
    const valid =
      typeof header?.key === 'string' &&
      Number.isSafeInteger(header.revision) &&
      header.revision > 0 &&
      (header.expiresAt === null || Number.isSafeInteger(header.expiresAt));
    return valid ? header : undefined;
  } catch {
    return undefined;
  }
}

function isExpired(header: Header, now: number): boolean {
  return header.expiresAt !== null && header.expiresAt <= now;
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Half-written temporary files of processes killed before their rename. */
function removeDeadWritersFiles(directory: string): void {
  for (const name of readdirSync(directory)) {
    const writer = /\.(\d+)-[0-9a-f]+\.tmp$/.exec(name);
    if (writer && !isProcessAlive(Number(writer[1]))) rmSync(join(directory, name), { force: true });
  }
}
