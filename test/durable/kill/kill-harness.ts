/**
 * Runs writer processes (TypeScript, through tsx) and SIGKILLs them at random points: after a
 * random number of acknowledged writes, plus a random number of event-loop turns, so the kill
 * lands anywhere in the next write. Seeded, so a failing round can be replayed (KILL_SEED).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const tsxLoader = import.meta.resolve('tsx');

export interface Writer {
  child: ChildProcess;
  /** Every line the child printed so far. */
  lines: string[];
  /** Resolves with the first line matching `pattern` (rejects if the child exits first). */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves when the child has exited, with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `script` (a .ts file, relative to this folder or absolute) with `args` under node + tsx. */
export function startWriter(script: string, args: string[]): Writer {
  const path = script.startsWith('/') ? script : fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', tsxLoader, path, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const listener of listeners) listener();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const listener of listeners) listener();
    }),
  );
  return {
    child,
    lines,
    exited,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find((candidate) => pattern.test(candidate));
          if (line !== undefined) {
            listeners.delete(check);
            resolve(line);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            listeners.delete(check);
            reject(new Error(`the writer exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${stderr}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** A small seeded generator (mulberry32): the same seed kills at the same points. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Lets `writer` acknowledge `acks` writes, waits `turns` more turns of the event loop (the
 * writer keeps writing meanwhile), then SIGKILLs it. Resolves with the last write it acknowledged.
 */
export async function killAfter(writer: Writer, acks: number, turns: number): Promise<number> {
  await writer.waitFor(new RegExp(`^ack ${acks} `));
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
  writer.child.kill('SIGKILL');
  const { signal } = await writer.exited;
  if (signal !== 'SIGKILL') throw new Error(`the writer ended before it was killed (${signal})`);
  return lastAcknowledged(writer);
}

/** The highest `n` of the `ack <n> <revision>` lines printed. */
export function lastAcknowledged(writer: Writer): number {
  let last = 0;
  for (const line of writer.lines) {
    const match = /^ack (\d+) (\d+)$/.exec(line);
    if (match) last = Math.max(last, Number(match[1]));
  }
  return last;
}
