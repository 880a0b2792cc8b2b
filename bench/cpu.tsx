/**
 * Figure 1 alone, for working on the JSX layer's CPU cost: paired batches of the survey in one
 * worker process per flavor, then JSX / plain with its 95 % interval. A few minutes, not nine.
 *   npm run bench:cpu -- 40 [warmup]  (pairs; 4 conversations each, over worker pairs of 40 pairs;
 *                                    warmup: conversations per flavor before measuring, default 300)
 */
process.env.NODE_ENV ??= 'production';
const { initializeLogger } = await import('@livekit/agents');
const { cpuFigure } = await import('./analysis.js');
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
const ms = (spread: { median: number }) => spread.median.toFixed(1);
console.log(
  `CPU ms/conversation plain ${ms(figure.plain)}, jsx ${ms(figure.jsx)}; ` +
    `JSX/plain ${figure.ratio.estimate.toFixed(3)} [${figure.ratio.low.toFixed(3)}, ${figure.ratio.high.toFixed(3)}] over ${figure.pairs.length} pairs`,
);
process.exit(0);
