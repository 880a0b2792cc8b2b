import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ReactAgentTasksError } from '../model/errors.js';

/** Who holds a lock: a process, told apart from a later one that reuses its pid by its start time. */
interface Owner {
  pid: number;
  /** The process's start time as the OS tells it (Linux: /proc/<pid>/stat), '' where unknown. */
  started: string;
  token: string;
}

/**
 * A lock between the processes of one machine, on a file, that a killed holder cannot leave
 * behind: the lock is a directory holding its owner's pid, and a waiter that finds the owner dead
 * takes it over. Node has no flock(); this is the portable alternative.
 *
 * Taking and releasing are one rename each: every holder prepares its own directory once (with
 * its owner file) and renames it onto the lock path, which fails while another holder's directory
 * is there. Breaking a dead owner's lock happens under a second lock of the same kind, so two
 * waiters never both break it and one of them a fresh lock.
 */
export class ProcessLock {
  private readonly main: DirLock;
  private readonly breaker: DirLock;

  /** `file` names the lock (its directories are `<file>.owner…`); `subject` names what it guards in errors. */
  constructor(
    readonly file: string,
    private readonly subject = `the checkpoint file "${file}"`,
  ) {
    removeLeftovers(file);
    this.main = new DirLock(`${file}.owner`);
    this.breaker = new DirLock(`${file}.owner-break`);
  }

  /**
   * Runs `operation` holding the lock, waiting (without blocking the event loop) while a live
   * process holds it. The lock is taken, used and released in one synchronous stretch: it is
   * never held across a turn of the event loop, so a holder keeps it for microseconds.
   */
  async withLock<T>(timeoutMs: number, operation: () => T): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      if (this.tryAcquire()) {
        try {
          return operation();
        } finally {
          this.release();
        }
      }
      if (Date.now() >= deadline) {
        const holder = readOwner(this.main.path);
        throw new ReactAgentTasksError(
          `react-agent-tasks: ${this.subject} stayed locked${
            holder ? ` by process ${holder.pid}` : ''
          } for ${timeoutMs} ms. Another process is using it; raise lockTimeoutMs if it is busy, or stop that process.`,
        );
      }
      await delay(Math.min(1 + attempt, 20) * (0.5 + Math.random()));
    }
  }

  /** One attempt, synchronous: true when this process now holds the lock. */
  tryAcquire(): boolean {
    if (this.main.tryAcquire()) return true;
    const holder = readOwner(this.main.path);
    if (!holder || isAlive(holder)) return false;
    this.breakDeadLock(holder);
    return this.main.tryAcquire();
  }

  release(): void {
    this.main.release();
  }

  /** Removes this holder's prepared directories; the lock must not be held. */
  dispose(): void {
    this.main.dispose();
    this.breaker.dispose();
  }

  private breakDeadLock(dead: Owner): void {
    if (!this.breaker.tryAcquire()) {
      // A breaker killed within its few microseconds leaves its lock too: remove that one directly
      // (two waiters doing so at that same moment is the one race left, and needs two crashes).
      const breakerOwner = readOwner(this.breaker.path);
      if (!breakerOwner || isAlive(breakerOwner)) return;
      discard(this.breaker.path, this.breaker.token);
      if (!this.breaker.tryAcquire()) return;
    }
    try {
      // Still the dead owner's directory? Only breakers remove a lock they do not hold, and we are the only breaker.
      if (readOwner(this.main.path)?.token === dead.token) discard(this.main.path, this.main.token);
    } finally {
      this.breaker.release();
    }
  }
}

/** One lock directory and this holder's prepared directory, which is renamed onto it to take it. */
class DirLock {
  readonly token = `${process.pid}-${randomBytes(6).toString('hex')}`;
  private readonly prepared: string;
  private held = false;

  constructor(readonly path: string) {
    this.prepared = `${path}.${this.token}.idle`;
    mkdirSync(this.prepared);
    const owner: Owner = { pid: process.pid, started: startTime(process.pid) ?? '', token: this.token };
    writeFileSync(join(this.prepared, 'owner'), JSON.stringify(owner));
  }

  tryAcquire(): boolean {
    if (this.held) return false;
    try {
      // rename(2) onto an existing non-empty directory fails: exactly one holder at a time.
      renameSync(this.prepared, this.path);
      this.held = true;
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
      throw error;
    }
  }

  release(): void {
    if (!this.held) return;
    renameSync(this.path, this.prepared);
    this.held = false;
  }

  dispose(): void {
    this.release();
    rmSync(this.prepared, { recursive: true, force: true });
  }
}

function readOwner(lockPath: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(lockPath, 'owner'), 'utf8')) as Owner;
    return Number.isSafeInteger(owner.pid) && typeof owner.token === 'string' ? owner : undefined;
  } catch {
    // Gone (released between the two calls) or not ours: treat as held by someone alive.
    return undefined;
  }
}

/** Renames a directory away first (atomic), then deletes it at leisure. */
function discard(path: string, token: string): void {
  const away = `${path}.${token}.dead`;
  try {
    renameSync(path, away);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  rmSync(away, { recursive: true, force: true });
}

/** Whether a process with this pid exists (EPERM: it does, under another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function isAlive(owner: Owner): boolean {
  if (!isProcessAlive(owner.pid)) return false;
  const started = startTime(owner.pid);
  return owner.started === '' || started === undefined || started === owner.started;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined off Linux. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Prepared and discarded directories of processes that died before cleaning up. */
function removeLeftovers(file: string): void {
  const folder = dirname(file);
  const prefix = `${basename(file)}.owner`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !(name.endsWith('.idle') || name.endsWith('.dead'))) continue;
    const path = join(folder, name);
    const owner = readOwner(path);
    if (name.endsWith('.dead') || (owner && !isAlive(owner))) rmSync(path, { recursive: true, force: true });
  }
}
