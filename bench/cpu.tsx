/**
 * Figure 1 alone, for working on the JSX layer's CPU cost: paired batches of the survey in one
 * worker process per flavor, then JSX / plain with its 95 % interval — CPU between major GCs
 * (1), old-generation growth (1d), and CPU over all batches. A few minutes, not thirteen.
 *   npm run bench:cpu -- 40 [warmup]  (pairs; 4 conversations each, over worker pairs of 40 pairs;
 *                                    warmup: conversations per flavor before measuring, default 300)
 */
import type { PairedFigure } from './analysis.js';

process.env.NODE_ENV ??= 'production';
const { initializeLogger } = await import('@livekit/agents');
const { cpuFigure } = await import('./analysis.js');
const { medianRange, pairSample, withInterval } = await import('./format.js');
const { pairedBatches, withWorkerPair } = await import('./pairs.js');
const { FULL, PAIRS_PER_WORKER_PAIR } = await import('./sizes.js');

initializeLogger({ pretty: false, level: 'error' });
const pairs = Number(process.argv[2] ?? 40);
const warmup = Number(process.argv[3] ?? FULL.warmup);
const groups = [];
for (let done = 0; done < pairs; done += PAIRS_PER_WORKER_PAIR) {
  groups.push(
    await withWorkerPair({ kind: 'survey' }, {}, (run) => pairedBatches(run, Math.min(PAIRS_PER_WORKER_PAIR, pairs - done), FULL.cpuConversations, warmup)),
  );
}
const figure = cpuFigure(groups);
console.log(`1 and 1d over ${pairSample(figure.sample)}`);
const row = (label: string, f: PairedFigure, digits = 1, scale = 1) =>
  console.log(`${label}: plain ${medianRange(f.plain, digits, scale)}, jsx ${medianRange(f.jsx, digits, scale)}; JSX/plain ${withInterval(f.ratio, 3)}`);
row('1.  CPU ms/conversation between major GCs', figure.betweenMajorGcs);
if (figure.oldGenGrowth) row('1d. old-generation growth KB/conversation', figure.oldGenGrowth, 0, 1024);
row('    CPU ms/conversation, all batches', figure.allBatches);
process.exit(0);
