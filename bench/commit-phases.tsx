/**
 * Where a step change's React commit spends its time, per commit: the engine's update (the step
 * model changing inside the flush), React's render phase (up to the host config's
 * prepareForCommit), its mutation phase (to resetAfterCommit) and what follows (layout effects,
 * where hooks register tools, and passive effects). Mounting a visit and unmounting it apart.
 *   NODE_ENV=production node --conditions=source --import tsx bench/commit-phases.tsx 300 300
 * (conversations measured, after that many unmeasured ones).
 */
// The host config is read once, when the reconciler is created: wrap it before anything imports the renderer.
const { hostConfig } = await import('../src/renderer/host-config.js');
let renderedAt = 0n;
let mutatedAt = 0n;
const config = hostConfig as { prepareForCommit: (container: unknown) => unknown; resetAfterCommit: (container: unknown) => void };
const { prepareForCommit, resetAfterCommit } = config;
config.prepareForCommit = (container) => {
  renderedAt = process.hrtime.bigint();
  return prepareForCommit(container);
};
config.resetAfterCommit = (container) => {
  resetAfterCommit(container);
  mutatedAt = process.hrtime.bigint();
};

const { initializeLogger } = await import('@livekit/agents');
const { TaskStep } = await import('../src/model/task-step.js');
const { reconciler } = await import('../src/renderer/renderer.js');
const { converse } = await import('./conversation.js');
const { surveyWorkload } = await import('./workloads.js');

type Phases = { update: number; render: number; mutation: number; after: number; commits: number };
const empty = (): Phases => ({ update: 0, render: 0, mutation: 0, after: 0, commits: 0 });
const phases = { mount: empty(), unmount: empty() };
let change: keyof typeof phases | null = null;
let flushing = false;
for (const [method, kind] of [['beginVisit', 'mount'], ['endVisit', 'unmount']] as const) {
  const original = TaskStep.prototype[method] as (...args: unknown[]) => unknown;
  (TaskStep.prototype as unknown as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
    // Outside a flush (a closed workflow) the step changes without a commit: nothing to time.
    if (flushing) change = kind;
    return original.apply(this, args);
  };
}
const flushSync = reconciler.flushSyncFromReconciler;
reconciler.flushSyncFromReconciler = ((update: () => unknown) => {
  let updatedAt = 0n;
  const start = process.hrtime.bigint();
  renderedAt = mutatedAt = 0n;
  flushing = true;
  let value: unknown;
  try {
    value = flushSync(() => {
      const result = update();
      updatedAt = process.hrtime.bigint();
      return result;
    });
  } finally {
    flushing = false;
  }
  const end = process.hrtime.bigint();
  if (change && renderedAt && mutatedAt) {
    const sums = phases[change];
    sums.update += Number(updatedAt - start);
    sums.render += Number(renderedAt - updatedAt);
    sums.mutation += Number(mutatedAt - renderedAt);
    sums.after += Number(end - mutatedAt);
    sums.commits++;
  }
  change = null;
  return value;
}) as typeof flushSync;

initializeLogger({ pretty: false, level: 'error' });
const conversations = Number(process.argv[2] ?? 300);
const warmup = Number(process.argv[3] ?? 300);
const work = surveyWorkload();
for (let i = 0; i < warmup; i++) await converse('jsx', work, { close: 'now' });
Object.assign(phases, { mount: empty(), unmount: empty() });
for (let i = 0; i < conversations; i++) await converse('jsx', work, { close: 'now' });
for (const [kind, { commits, ...sums }] of Object.entries(phases)) {
  const perCommit = Object.entries(sums).map(([phase, ns]) => `${phase} ${(ns / commits / 1000).toFixed(1)}`);
  const total = Object.values(sums).reduce((a, b) => a + b, 0);
  console.log(`${kind}: ${commits / conversations} commits per conversation, µs per commit: ${perCommit.join(', ')}; ${(total / conversations / 1e6).toFixed(3)} ms per conversation`);
}
process.exit(0);
