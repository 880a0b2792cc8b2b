/**
 * Runs call-child.tsx and kills it with SIGKILL at a planned point: between steps (after a
 * checkpoint was stored, before the next step starts), inside a tool, while a step waits for the
 * caller, while the caller's words are handled, or while a checkpoint is written. Every line the
 * child printed is kept, in order, for the checks.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const tsxLoader = import.meta.resolve('tsx');
const child = fileURLToPath(new URL('./call-child.tsx', import.meta.url));

/** Where to kill: the `nth` line of that kind; at once (a paused child) or after `turns` turns of the parent's event loop. */
export interface KillPlan {
  at: 'saved' | 'tool' | 'entered' | 'said' | 'saving';
  nth: number;
  /** Kill while the child is paused at the line (`saved`, `tool` only). */
  immediately: boolean;
  turns: number;
}

/** Lines after which the child waits for `go`. */
const PAUSES = new Set(['saved', 'tool']);

export interface ChildRun {
  lines: string[];
  killed: boolean;
  code: number | null;
  stderr: string;
}

/** Runs one child to its end, or until the plan kills it. */
export function runChild(directory: string, key: string, plan: KillPlan | null): Promise<ChildRun> {
  const process_ = spawn(process.execPath, ['--conditions=source', '--import', tsxLoader, child, directory, key], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // Not a vitest worker: the testing kit must not look for vitest's hooks.
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST'))),
  });
  const lines: string[] = [];
  let stderr = '';
  let seen = 0;
  let killed = false;
  const kill = () => {
    killed = true;
    process_.kill('SIGKILL');
  };
  const go = () => {
    if (!killed) process_.stdin!.write('go\n');
  };
  process_.stdin!.on('error', () => {}); // the child may be gone when the last `go` is written
  process_.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: process_.stdout! }).on('line', (line) => {
    lines.push(line);
    if (killed) return;
    const kind = line.slice(0, line.indexOf(' ') < 0 ? undefined : line.indexOf(' '));
    const paused = PAUSES.has(kind);
    if (plan && kind === plan.at && ++seen === plan.nth) {
      if (paused && plan.immediately) return kill();
      if (paused) go();
      void afterTurns(plan.turns).then(kill);
      return;
    }
    if (paused) go();
  });
  // 'close' comes once the pipes are drained too, so every line printed is in `lines`.
  return new Promise((resolve) => {
    process_.once('close', (code, signal) => resolve({ lines, killed: signal === 'SIGKILL', code, stderr }));
  });
}

async function afterTurns(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}
