/**
 * What a parked session holds, by constructor, JSX against plain: parks `sessions` survey
 * sessions mid-workflow per flavor and diffs the heap's objects (counts and bytes per session).
 *   NODE_ENV=production node --conditions=source --import tsx --expose-gc bench/heap-diff.tsx 50 plain
 *   NODE_ENV=production node --conditions=source --import tsx --expose-gc bench/heap-diff.tsx 50 jsx
 *   npx tsx --conditions=source bench/heap-diff.tsx 50 compare
 */
import { writeHeapSnapshot } from 'node:v8';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { initializeLogger } from '@livekit/agents';
import { Conversation, type Flavor } from './conversation.js';
import { parkAfter } from './figures.js';
import { settledHeap } from './stats.js';
import { surveyWorkload } from './workloads.js';

initializeLogger({ pretty: false, level: 'error' });
const sessions = Number(process.argv[2] ?? 50);
const work = surveyWorkload();

type Summary = Map<string, { count: number; bytes: number }>;

function summarize(file: string): Summary {
  const snapshot = JSON.parse(readFileSync(file, 'utf8'));
  const fields: string[] = snapshot.snapshot.meta.node_fields;
  const types: string[] = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const summary: Summary = new Map();
  const nodes: number[] = snapshot.nodes;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]!]!;
    const name = type === 'object' || type === 'closure' ? `${type}:${snapshot.strings[nodes[i + nameAt]!]}` : type;
    const entry = summary.get(name) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += nodes[i + sizeAt]!;
    summary.set(name, entry);
  }
  return summary;
}

/** The heap objects that `sessions` parked sessions of `flavor` add, per session. */
async function parked(flavor: Flavor): Promise<Summary> {
  // One unmeasured session first: compiled code and lazily built caches land there.
  const warm = new Conversation(flavor, work, false);
  await warm.start();
  await warm.play(parkAfter(work));
  await settledHeap();
  const base = snapshot(`/tmp/heap-${flavor}-base.heapsnapshot`);
  const conversations: Conversation[] = [warm];
  for (let i = 0; i < sessions; i++) {
    const conversation = new Conversation(flavor, work, false);
    await conversation.start();
    await conversation.play(parkAfter(work));
    conversations.push(conversation);
  }
  await settledHeap();
  const after = snapshot(`/tmp/heap-${flavor}.heapsnapshot`);
  const added: Summary = new Map();
  for (const name of new Set([...base.keys(), ...after.keys()])) {
    const a = base.get(name) ?? { count: 0, bytes: 0 };
    const b = after.get(name) ?? { count: 0, bytes: 0 };
    added.set(name, { count: (b.count - a.count) / sessions, bytes: (b.bytes - a.bytes) / sessions });
  }
  return added;
}

function snapshot(path: string): Summary {
  const file = writeHeapSnapshot(path);
  const summary = summarize(file);
  rmSync(file);
  return summary;
}

const flavor = (process.argv[3] ?? 'plain') as Flavor;
if (process.argv[3] === 'compare') {
  const read = (f: string) => new Map<string, { count: number; bytes: number }>(JSON.parse(readFileSync(`/tmp/heap-diff-${f}.json`, 'utf8')));
  const plain = read('plain');
  const jsx = read('jsx');
  const total = (s: Summary) => [...s.values()].reduce((sum, e) => sum + e.bytes, 0);
  console.log(`per session: plain ${(total(plain) / 1024).toFixed(1)} KiB, jsx ${(total(jsx) / 1024).toFixed(1)} KiB`);
  const rows = [...new Set([...plain.keys(), ...jsx.keys()])].map((name) => {
    const a = plain.get(name) ?? { count: 0, bytes: 0 };
    const b = jsx.get(name) ?? { count: 0, bytes: 0 };
    return { name, count: b.count - a.count, bytes: b.bytes - a.bytes };
  });
  for (const row of rows.sort((x, y) => y.bytes - x.bytes).slice(0, 45)) {
    console.log(`${(row.bytes / 1024).toFixed(2).padStart(8)} KiB ${row.count.toFixed(1).padStart(8)}  ${row.name}`);
  }
} else {
  writeFileSync(`/tmp/heap-diff-${flavor}.json`, JSON.stringify([...(await parked(flavor))]));
}
process.exit(0);
