/**
 * Figure 1c: machine instructions per conversation, counted by valgrind's callgrind — a figure
 * that other work on the machine cannot move. CPU time on a shared machine swings with the
 * neighbours; an instruction count of the same code path does not: with V8's
 * `--single-threaded` (garbage collection and compilation on the main thread, no race between
 * threads) two runs agree to ~0.01 %. `perf stat -e instructions` would be cheaper, but virtual
 * machines like the one the bench was written on have no hardware counters ("<not supported>").
 *
 * Each flavor runs in a process of its own under callgrind: a warm-up, then the measured batch
 * between two markers (instructions-worker.ts). The worker is bundled with esbuild first (the
 * tsx loader thread would multiply the start-up cost under valgrind, ~50× slower than native).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FLAVORS, type Flavor } from './conversation.js';
import type { PerFlavor } from './figures.js';
import type { InstructionsJob } from './instructions-worker.js';
import type { WorkloadSpec } from './workloads.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const START_MARKER = 'uv_os_getpriority';
const END_MARKER = 'uv_os_setpriority';

export type Instructions =
  | { counted: true; perConversation: PerFlavor<number>; ratio: number; warmup: number; conversations: number }
  | { counted: false; reason: string };

/** Whether callgrind can run here; the reason when it cannot. */
export function valgrindMissing(): string | undefined {
  const probe = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  return probe.error || probe.status !== 0 ? 'valgrind is not installed (apt-get install valgrind)' : undefined;
}

/**
 * Bundles instructions-worker.ts with this package's sources (resolved through the "source"
 * export condition) into node_modules/.cache, where its imports of dependencies still resolve.
 */
export async function buildInstructionsWorker(): Promise<string> {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const external = ['dependencies', 'peerDependencies', 'devDependencies'].flatMap((field) => Object.keys(manifest[field] ?? {}));
  const outfile = path.join(root, 'node_modules/.cache/react-agent-tasks-bench/instructions-worker.mjs');
  await build({
    entryPoints: [path.join(root, 'bench/instructions-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    external,
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Runs the bundled worker once under callgrind and returns the instructions of its measured batch. */
async function countOne(bundle: string, job: InstructionsJob, nodeEnv: string): Promise<number[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-callgrind-'));
  try {
    const args = [
      '--tool=callgrind',
      `--dump-before=${START_MARKER}`,
      `--dump-before=${END_MARKER}`,
      `--callgrind-out-file=${path.join(dir, 'callgrind.out')}`,
      process.execPath,
      '--single-threaded',
      bundle,
      JSON.stringify(job),
    ];
    const child = spawn('valgrind', args, { env: { ...process.env, NODE_ENV: nodeEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const code = await new Promise<number | null>((resolve, reject) => child.on('error', reject).on('exit', resolve));
    if (code !== 0) throw new Error(`callgrind run of ${job.flavor} exited with ${code}:\n${stderr}`);
    const files = await readdir(dir);
    return windowInstructions(await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8'))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The instructions of each measured batch, in order, from the texts of one run's callgrind
 * dumps: a part dumped at the end marker holds exactly what ran since the dump at the start
 * marker before it.
 */
export function windowInstructions(dumps: string[]): number[] {
  const field = (text: string, name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(text)?.[1];
  const windows = dumps
    .filter((text) => field(text, 'desc: Trigger') === `--dump-before=${END_MARKER}`)
    .map((text) => ({ part: Number(field(text, 'part')), instructions: Number(field(text, 'summary')?.split(' ')[0]) }))
    .sort((a, b) => a.part - b.part);
  for (const window of windows) {
    if (!Number.isFinite(window.part) || !Number.isFinite(window.instructions)) throw new Error('callgrind dump without a part or summary line');
  }
  return windows.map((window) => window.instructions);
}

/** Figure 1c for `spec`: both flavors side by side (the count does not care what else runs). */
export async function instructionCounts(spec: WorkloadSpec, warmup: number, conversations: number, nodeEnv: string): Promise<Instructions> {
  const missing = valgrindMissing();
  if (missing) return { counted: false, reason: missing };
  const bundle = await buildInstructionsWorker();
  const counts = await Promise.all(FLAVORS.map((flavor: Flavor) => countOne(bundle, { flavor, workload: spec, warmup, windows: 1, conversations }, nodeEnv)));
  const [plain, jsx] = counts.map((windows) => windows[0]!);
  const perConversation = { plain: plain! / conversations, jsx: jsx! / conversations };
  return { counted: true, perConversation, ratio: perConversation.jsx / perConversation.plain, warmup, conversations };
}
