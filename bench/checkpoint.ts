/**
 * Checkpoint write cost per store: put latency p50/p99 over N writes of a realistic document
 * (bench/checkpoint-document.ts, ~5 KB), each a compare-and-set on one of 50 call keys, as a
 * worker saving after each step change would. Prints a markdown table.
 *
 *   npx tsx bench/checkpoint.ts [--writes 2000]
 *
 * Redis is measured when redis-server is installed (started on a free 127.0.0.1 port, stopped
 * after). Not part of `npm run bench` yet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from 'redis';
import { memoryCheckpointStore, openFileCheckpointStore, redisCheckpointStore, type CheckpointStore } from '../src/durable/index.js';
import { findRedisServer, startRedisServer } from '../test/durable/redis-server.js';
import { interviewCheckpoint } from './checkpoint-document.js';
import { ascending, percentile } from './stats.js';

export interface StoreFigure {
  store: string;
  writes: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** p99 target, ms, where one is set. */
  targetP99Ms?: number;
}

/** Times `writes` puts (after a warm-up of a tenth as many) on `store`. */
export async function measurePuts(store: CheckpointStore, writes: number): Promise<Omit<StoreFigure, 'store' | 'targetP99Ms'>> {
  const document = interviewCheckpoint();
  const revisions = new Map<string, number>();
  const put = async (i: number) => {
    const key = `bench-call-${i % 50}`;
    const revision = await store.put(key, document, { expectedRevision: revisions.get(key) ?? 0 });
    revisions.set(key, revision);
  };
  const warmUp = Math.ceil(writes / 10);
  for (let i = 0; i < warmUp; i++) await put(i);
  const samples: number[] = [];
  for (let i = warmUp; i < warmUp + writes; i++) {
    const start = performance.now();
    await put(i);
    samples.push(performance.now() - start);
  }
  for (const key of revisions.keys()) await store.delete(key);
  const sorted = ascending(samples);
  return { writes, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1]! };
}

export async function runCheckpointBench(writes: number, log: (line: string) => void = () => {}): Promise<StoreFigure[]> {
  const figures: StoreFigure[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'rat-bench-checkpoint-'));
  try {
    for (const durability of ['process', 'power'] as const) {
      log(`file store (durability: '${durability}')`);
      const store = await openFileCheckpointStore({ directory: join(folder, durability), durability });
      figures.push({ store: `file, durability '${durability}'`, ...(await measurePuts(store, writes)), ...(durability === 'process' && { targetP99Ms: 2 }) });
      await store.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const binary = findRedisServer();
  if (binary) {
    log('redis (local redis-server)');
    const server = await startRedisServer(binary);
    const client = await createClient({ url: server.url }).connect();
    try {
      figures.push({ store: 'redis, loopback', ...(await measurePuts(redisCheckpointStore({ client: client as never }), writes)), targetP99Ms: 5 });
    } finally {
      client.destroy();
      await server.stop();
    }
  } else {
    log('redis-server not found: Redis not measured (apt-get install -y redis-server)');
  }

  log('memory');
  figures.push({ store: 'memory (codec and checks only)', ...(await measurePuts(memoryCheckpointStore(), writes)) });
  return figures;
}

export function checkpointTable(figures: StoreFigure[]): string {
  const ms = (value: number) => value.toFixed(3);
  const rows = figures.map(
    (figure) =>
      `| ${figure.store} | ${figure.writes} | ${ms(figure.p50Ms)} | ${ms(figure.p99Ms)} | ${ms(figure.maxMs)} | ${
        figure.targetP99Ms === undefined ? '' : `≤ ${figure.targetP99Ms} ms: ${figure.p99Ms <= figure.targetP99Ms ? 'yes' : '**no**'}`
      } |`,
  );
  return ['| Store | writes | put p50, ms | put p99, ms | max, ms | p99 target |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.indexOf('--writes');
  const writes = flag > 0 ? Number(process.argv[flag + 1]) : 2000;
  const document = JSON.stringify(interviewCheckpoint());
  const load = () => loadavg().map((value) => value.toFixed(1)).join('/');
  console.error(`[checkpoint bench] ${writes} puts of a ${document.length}-character document per store, Node ${process.version}, ${cpus().length} cores`);
  const startLoad = load();
  const figures = await runCheckpointBench(writes, (line) => console.error(`[checkpoint bench] ${line}`));
  console.log(checkpointTable(figures));
  // p99 follows the machine's load: say what it was.
  console.log(`\nLoad average ${startLoad} at start, ${load()} at end.`);
}
