import { mkdirSync, rmdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BindValues, Database, NormalQueryResult, SQLiteValue, Statement } from 'node-sqlite3-wasm';
import { misuse, ReactAgentTasksError } from '../errors.js';
import { checkpointStoreOver, type CheckpointStore, type CheckpointStoreOptions } from './checkpoint-store.js';
import { CheckpointCorruptError } from './errors.js';
import { ProcessLock } from './process-lock.js';
import type { RemoveOutcome, RevisionedTextStore, TextEntry, WriteOutcome } from './text-store.js';

export interface SqliteCheckpointStoreOptions extends CheckpointStoreOptions {
  /** The database file; created, with its folder, when missing. Every process of the machine may open the same file. */
  path: string;
  /**
   * `'process'` (default): a checkpoint survives the process being killed at any moment (each write
   * is handed to the OS before put() resolves). `'power'`: it also survives a power cut or an OS
   * crash (SQLite fsyncs every write: slower, see README).
   */
  durability?: 'process' | 'power';
  /** How long an operation waits for another process's write before failing, ms. Default 10,000. */
  lockTimeoutMs?: number;
  /** The clock expiry reads, epoch ms; tests pass one they move by hand. Default `Date.now`. */
  now?: () => number;
}

/** Where a killed process's lock can sit: SQLite (this build) locks with a directory beside the file. */
const sqliteLockDirectory = (file: string) => `${file}.lock`;

/** The table's layout, in `PRAGMA user_version`. */
const LAYOUT_VERSION = 1;

/**
 * The embedded default: SQLite (compiled to WebAssembly, no native build) in one file on this
 * machine. Writes are atomic (SQLite's rollback journal) and survive a killed process; several
 * processes (LiveKit's job processes) may share the file.
 */
export async function openSqliteCheckpointStore(options: SqliteCheckpointStoreOptions): Promise<CheckpointStore> {
  return checkpointStoreOver(await SqliteTextStore.open(options), options);
}

/** The text layer of {@link openSqliteCheckpointStore}. */
export class SqliteTextStore implements RevisionedTextStore {
  /** Prepared once; run only with `.run()` and `.all()` (this build's `.get()` leaves a read open and the file locked). */
  private readonly statements: ReturnType<typeof prepareStatements>;
  private writesSinceSweep = 0;

  private constructor(
    readonly path: string,
    private readonly db: Database,
    private readonly lock: ProcessLock,
    private readonly now: () => number,
    private readonly lockTimeoutMs: number,
  ) {
    this.statements = prepareStatements(db);
  }

  static async open(options: SqliteCheckpointStoreOptions): Promise<SqliteTextStore> {
    if (typeof options?.path !== 'string' || options.path === '') {
      throw misuse('openSqliteCheckpointStore()', 'needs a `path`', "Pass the database file, e.g. { path: './data/checkpoints.db' }.");
    }
    const path = resolve(options.path);
    const lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    const now = options.now ?? Date.now;
    // Loaded on first use: the WebAssembly module costs ~20 ms and 1.3 MB, which a Redis-only app never pays.
    const { default: sqlite } = await import('node-sqlite3-wasm');
    mkdirSync(dirname(path), { recursive: true });
    const lock = new ProcessLock(path);
    let db: Database | undefined;
    try {
      db = await lock.withLock(lockTimeoutMs, () => {
        removeKilledSqliteLock(path);
        const opened = new sqlite.Database(path);
        try {
          prepareFile(opened, options.durability ?? 'process', now());
        } catch (error) {
          opened.close();
          throw error;
        }
        return opened;
      });
      return new SqliteTextStore(path, db, lock, now, lockTimeoutMs);
    } catch (error) {
      if (db?.isOpen) db.close();
      lock.dispose();
      if (error instanceof ReactAgentTasksError) throw error;
      throw new ReactAgentTasksError(
        `react-agent-tasks: the checkpoint file "${path}" cannot be used: ${(error as Error).message}. Pass a path to a new file or to a file this store created.`,
        { cause: error },
      );
    }
  }

  async read(key: string): Promise<TextEntry | undefined> {
    return this.locked(() => {
      const row = firstRow(this.statements.read, [key]);
      if (!row) return undefined;
      if (isExpired(row.expires_at, this.now())) {
        this.statements.removeExpired.run([key, this.now()]);
        return undefined;
      }
      const { revision, document } = row;
      if (typeof document !== 'string') throw new CheckpointCorruptError(key, `its row holds ${describe(document)} where the document text belongs`);
      if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 1) {
        throw new CheckpointCorruptError(key, `its row holds ${describe(revision)} where the revision belongs`);
      }
      return { text: document, revision };
    });
  }

  async write(key: string, text: string, expectedRevision: number, ttlMs: number | null): Promise<WriteOutcome> {
    return this.locked(() => {
      const now = this.now();
      const expiresAt = ttlMs === null ? null : now + ttlMs;
      const written =
        expectedRevision === 0
          ? this.statements.create.run([key, text, expiresAt, now]).changes
          : this.statements.update.run([text, expiresAt, key, expectedRevision, now]).changes;
      if (written === 1) {
        this.sweepNowAndThen(now);
        return { written: true, revision: expectedRevision + 1 };
      }
      return { written: false, currentRevision: this.currentRevision(key, now) };
    });
  }

  async remove(key: string, expectedRevision: number | undefined): Promise<RemoveOutcome> {
    return this.locked(() => {
      const now = this.now();
      const removed = this.statements.remove.run([key, expectedRevision ?? null, now]).changes;
      return removed === 1 ? { removed: true } : { removed: false, currentRevision: this.currentRevision(key, now) };
    });
  }

  async close(): Promise<void> {
    for (const statement of Object.values(this.statements)) statement.finalize();
    this.db.close();
    this.lock.dispose();
  }

  private currentRevision(key: string, now: number): number {
    const row = firstRow(this.statements.revision, [key, now]);
    return typeof row?.revision === 'number' ? row.revision : 0;
  }

  /** Runs `operation` synchronously under the process lock: never across a turn of the event loop. */
  private locked<T>(operation: () => T): Promise<T> {
    return this.lock.withLock(this.lockTimeoutMs, () => {
      removeKilledSqliteLock(this.path);
      return operation();
    });
  }

  /** Expired rows of abandoned calls are never read again: delete them once per many writes. */
  private sweepNowAndThen(now: number): void {
    if (++this.writesSinceSweep < 256) return;
    this.writesSinceSweep = 0;
    this.statements.sweep.run([now]);
  }
}

function prepareFile(db: Database, durability: 'process' | 'power', now: number): void {
  const layout = db.all('PRAGMA user_version')[0]?.user_version;
  if (typeof layout === 'number' && layout > LAYOUT_VERSION) {
    throw new Error(`it was laid out by a newer react-agent-tasks (layout ${layout}; this version reads ${LAYOUT_VERSION})`);
  }
  // A persistent journal spares a file creation and deletion per write; WAL needs shared memory this build lacks.
  db.exec(`PRAGMA journal_mode = PERSIST; PRAGMA synchronous = ${durability === 'power' ? 'FULL' : 'OFF'};`);
  db.exec(`
    CREATE TABLE IF NOT EXISTS checkpoints (
      key TEXT PRIMARY KEY NOT NULL,
      revision INTEGER NOT NULL,
      document TEXT NOT NULL,
      expires_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS checkpoints_by_expiry ON checkpoints (expires_at) WHERE expires_at IS NOT NULL;
    PRAGMA user_version = ${LAYOUT_VERSION};
  `);
  db.run('DELETE FROM checkpoints WHERE expires_at <= ?', [now]);
}

function prepareStatements(db: Database) {
  const live = '(expires_at IS NULL OR expires_at > ?)';
  return {
    read: db.prepare('SELECT revision, document, expires_at FROM checkpoints WHERE key = ?'),
    revision: db.prepare(`SELECT revision FROM checkpoints WHERE key = ? AND ${live}`),
    // A new key, or one whose entry expired: starts again at revision 1.
    create: db.prepare(`
      INSERT INTO checkpoints (key, revision, document, expires_at) VALUES (?1, 1, ?2, ?3)
      ON CONFLICT (key) DO UPDATE SET revision = 1, document = excluded.document, expires_at = excluded.expires_at
      WHERE checkpoints.expires_at IS NOT NULL AND checkpoints.expires_at <= ?4`),
    update: db.prepare(`
      UPDATE checkpoints SET revision = revision + 1, document = ?1, expires_at = ?2
      WHERE key = ?3 AND revision = ?4 AND (expires_at IS NULL OR expires_at > ?5)`),
    remove: db.prepare(`DELETE FROM checkpoints WHERE key = ?1 AND (?2 IS NULL OR revision = ?2) AND (expires_at IS NULL OR expires_at > ?3)`),
    removeExpired: db.prepare('DELETE FROM checkpoints WHERE key = ? AND expires_at <= ?'),
    sweep: db.prepare('DELETE FROM checkpoints WHERE expires_at <= ?'),
  } satisfies Record<string, Statement>;
}

/**
 * Called holding the process lock, before any statement. SQLite's own lock directory can only be
 * there then if a process was killed inside a statement (no connection keeps it between
 * statements here): remove it, and SQLite rolls the killed write back from its journal. Removing
 * it first, rather than after a "database is locked" error, keeps prepared statements usable:
 * this build cannot reset a statement that failed.
 */
function removeKilledSqliteLock(file: string): void {
  try {
    rmdirSync(sqliteLockDirectory(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Rows come back flat (no `expand` option is ever passed). */
function firstRow(statement: Statement, values: BindValues): NormalQueryResult | undefined {
  return statement.all(values)[0] as NormalQueryResult | undefined;
}

function isExpired(expiresAt: SQLiteValue | undefined, now: number): boolean {
  return typeof expiresAt === 'number' && expiresAt <= now;
}

function describe(value: SQLiteValue | undefined): string {
  if (value === null || value === undefined) return 'nothing';
  if (value instanceof Uint8Array) return `${value.length} bytes of binary data`;
  return `a ${typeof value} (${String(value).slice(0, 40)})`;
}
