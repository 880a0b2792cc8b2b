/**
 * Summarizes a .cpuprofile: the top functions by self time, and the total time spent in (or
 * under) code from src/ and from react-reconciler, so the JSX layer's share is one number.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}
const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { nodes: Node[]; startTime: number; endTime: number; samples: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const total = profile.samples.length;
const where = (node: Node) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/(node_modules\/|src\/)/, '$1')}:${node.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
for (const node of profile.nodes) self.set(where(node), (self.get(where(node)) ?? 0) + node.hitCount);
const top = Number(process.argv[3] ?? 40);
console.log(`samples: ${total}, ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`);
console.log('\nself time, top functions:');
for (const [name, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((hits / total) * 100).toFixed(2).padStart(6)}%  ${name}`);

// Inclusive time under the first frame of a category on the stack (counted once per sample).
const categories: Record<string, (node: Node) => boolean> = {
  'src/ (react-agent-tasks)': (n) => n.callFrame.url.includes('/work/main/src/'),
  'react-reconciler': (n) => n.callFrame.url.includes('react-reconciler'),
  'bench/jsx.tsx': (n) => n.callFrame.url.includes('/bench/jsx.tsx'),
  'bench/plain.ts': (n) => n.callFrame.url.includes('/bench/plain.ts'),
};
const inclusive: Record<string, number> = {};
const inclusiveByFn = new Map<string, number>();
for (const sample of profile.samples) {
  const seen = new Set<string>();
  const seenFn = new Set<string>();
  for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
    const node = byId.get(id)!;
    for (const [name, test] of Object.entries(categories)) if (test(node)) seen.add(name);
    if (node.callFrame.url.includes('/work/main/src/')) seenFn.add(where(node));
  }
  for (const name of seen) inclusive[name] = (inclusive[name] ?? 0) + 1;
  for (const name of seenFn) inclusiveByFn.set(name, (inclusiveByFn.get(name) ?? 0) + 1);
}
console.log('\ninclusive time (stack contains):');
for (const [name, hits] of Object.entries(inclusive)) console.log(`${((hits / total) * 100).toFixed(2).padStart(6)}%  ${name}`);
console.log('\ninclusive time of src/ functions:');
for (const [name, hits] of [...inclusiveByFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((hits / total) * 100).toFixed(2).padStart(6)}%  ${name}`);

// Each sample charged to the innermost frame that belongs to a package (node internals and
// anonymous frames are charged to their caller): who really spends the time.
const owner = (url: string): string | undefined => {
  if (url.includes('/work/main/src/')) return 'react-agent-tasks src/';
  if (url.includes('react-reconciler')) return 'react-reconciler';
  if (url.includes('node_modules/react/')) return 'react';
  if (url.includes('scheduler')) return 'scheduler';
  if (url.includes('/bench/')) return 'bench (workflow code)';
  if (url.includes('@livekit')) return '@livekit';
  if (url.includes('node_modules/zod')) return 'zod';
  if (url.includes('node_modules/')) return 'other node_modules';
  return undefined;
};
const charged = new Map<string, number>();
for (const sample of profile.samples) {
  let name: string | undefined;
  const leaf = byId.get(sample)!;
  if (!leaf.callFrame.url && leaf.callFrame.functionName.startsWith('(')) name = leaf.callFrame.functionName;
  for (let id: number | undefined = sample; id !== undefined && !name; id = parent.get(id)) name = owner(byId.get(id)!.callFrame.url);
  name ??= 'node internals / unattributed';
  charged.set(name, (charged.get(name) ?? 0) + 1);
}
const msPerSample = (profile.endTime - profile.startTime) / 1000 / total;
console.log('\nsamples charged to the innermost package frame:');
for (const [name, hits] of [...charged].sort((a, b) => b[1] - a[1])) {
  console.log(`${((hits / total) * 100).toFixed(2).padStart(6)}%  ${(hits * msPerSample).toFixed(0).padStart(6)} ms  ${name}`);
}
