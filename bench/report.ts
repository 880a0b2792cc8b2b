/** The report as markdown: the targets with their verdicts, then every figure. */
import type { Report } from './bench.js';
import { medianRange, pairSample, withInterval } from './format.js';
import type { Interval } from './intervals.js';

const table = (head: string[], body: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((row) => `| ${row.join(' | ')} |`)].join('\n');

export function markdown(r: Report): string {
  const { sizes } = r;
  const date = `${r.date.slice(0, 16).replace('T', ' ')} UTC`;
  const machine = `${r.machine.cores}-core ${r.machine.cpu}, Node ${r.machine.node}`;
  const load = `${r.load.start.map((n) => n.toFixed(1)).join('/')} → ${r.load.end.map((n) => n.toFixed(1)).join('/')}`;
  const targets = table(
    ['Figure', 'Target', 'Measured [95 % CI]', 'Verdict', 'Date', 'Machine'],
    r.targets.map((t) => [t.figure, t.target, t.measured, t.verdict === 'met' ? 'met' : `**${t.verdict}**`, date, machine]),
  );
  const [smallSteps, largeSteps] = r.scale.steps;
  const slope = (i: Interval) => withInterval(i, 0, true);
  const figures: string[][] = [
    [
      `1. CPU per conversation between major GCs, ms (${pairSample(r.cpu.sample)}; ${sizes.cpuConversations} conversations per batch after ${sizes.warmup} per process; ` +
        `per worker pair: ${r.cpu.perWorkerPair.map((n) => (n === null ? '–' : n.toFixed(3))).join(', ')})`,
      medianRange(r.cpu.betweenMajorGcs.plain),
      medianRange(r.cpu.betweenMajorGcs.jsx),
      withInterval(r.cpu.betweenMajorGcs.ratio, 3),
    ],
    r.cpu.oldGenGrowth
      ? [
          '1d. Old-generation growth per conversation, KB (the same pairs): sets how often major GCs come',
          medianRange(r.cpu.oldGenGrowth.plain, 1, 1024),
          medianRange(r.cpu.oldGenGrowth.jsx, 1, 1024),
          withInterval(r.cpu.oldGenGrowth.ratio, 3),
        ]
      : ['1d. Old-generation growth per conversation: not measured (fewer than 2 pairs free of major GCs)', '', '', ''],
    [
      `1. CPU per conversation, all batches (major GCs included), ms (${r.cpu.sample.total} pairs; for reading, not judged)`,
      medianRange(r.cpu.allBatches.plain),
      medianRange(r.cpu.allBatches.jsx),
      withInterval(r.cpu.allBatches.ratio, 3),
    ],
    // All pairs: a fresh process often runs a major GC in its first conversation (8 of 12
    // batches in one check), so there it is part of the cold cost, not a rare event to set apart.
    [
      `1c. CPU of a fresh process's first conversation, ms (${r.coldCpu.sample.total} pairs of fresh processes, all kept; ${r.coldCpu.sample.withMajorGc} with a major GC)`,
      medianRange(r.coldCpu.allBatches.plain),
      medianRange(r.coldCpu.allBatches.jsx),
      withInterval(r.coldCpu.allBatches.ratio, 3),
    ],
    [
      `1b. Same as 1, React development build (NODE_ENV=${r.devCpu.nodeEnv}; ${sizes.devCpuConversations} conversations per batch: ${pairSample(r.devCpu.sample)})`,
      medianRange(r.devCpu.betweenMajorGcs.plain),
      medianRange(r.devCpu.betweenMajorGcs.jsx),
      withInterval(r.devCpu.betweenMajorGcs.ratio, 3),
    ],
    [
      `2. Step change, complete() → next onEnter, p50, ms (pooled, ${r.stepChange.samples} samples each)`,
      r.stepChange.plain.p50.toFixed(3),
      r.stepChange.jsx.p50.toFixed(3),
      `${withInterval(r.stepChange.addedP50, 3, true)} ms`,
    ],
    ['2. Step change, p99, ms', r.stepChange.plain.p99.toFixed(3), r.stepChange.jsx.p99.toFixed(3), `${withInterval(r.stepChange.addedP99, 3, true)} ms`],
    [
      `3. Heap per live session, KB (${r.heapPerSession.sessions} parked, ${sizes.heapRuns} runs)`,
      medianRange(r.heapPerSession.plain, 1, 1024),
      medianRange(r.heapPerSession.jsx, 1, 1024),
      withInterval(r.heapPerSession.ratio, 3),
    ],
    [
      `4. Heap retained after ${r.retained.plain.conversations} sequential conversations (after ${sizes.leakWarmup}), KB`,
      (r.retained.plain.retainedBytes / 1024).toFixed(1),
      (r.retained.jsx.retainedBytes / 1024).toFixed(1),
      '',
    ],
    [
      `4. Heap slope, bytes per conversation (${sizes.leakRounds} rounds of ${sizes.leakPerRound}); last column JSX − plain`,
      slope(r.retained.plain.slope),
      slope(r.retained.jsx.slope),
      slope(r.retained.slopeDifference),
    ],
    ['4. Closed sessions not garbage-collected at the end', String(r.retained.plain.sessionsAlive), String(r.retained.jsx.sessionsAlive), ''],
    [
      `5. CPU per conversation, ${smallSteps} steps / ${r.scale.turns[0]} turns, ms (${sizes.scalePairs} pairs × ${sizes.scaleConversations})`,
      medianRange(r.scale.cpu.plain[0]),
      medianRange(r.scale.cpu.jsx[0]),
      withInterval(r.scale.ratio[0], 3),
    ],
    [
      `5. CPU per conversation, ${largeSteps} steps / ${r.scale.turns[1]} turns, ms`,
      medianRange(r.scale.cpu.plain[1]),
      medianRange(r.scale.cpu.jsx[1]),
      withInterval(r.scale.ratio[1], 3),
    ],
    [
      `5. CPU per turn, ${largeSteps} vs ${smallSteps} steps (1.00 = linear)`,
      `${withInterval(r.scale.perTurnGrowth.plain)}×`,
      `${withInterval(r.scale.perTurnGrowth.jsx)}×`,
      '',
    ],
  ];
  const survey = r.equalWork[0]!;
  return [
    `Run ${date} on ${machine}, ${r.machine.os}; @livekit/agents ${r.versions['@livekit/agents']}, react ${r.versions.react}, ` +
      `NODE_ENV=${r.nodeEnv}; sizes: ${sizes.label}; ${r.wallSeconds.toFixed(0)} s; load average (1/5/15 min) ${load}.`,
    '',
    `Equal work: ${r.equalWork.map((check) => `${check.workload} ${check.same ? 'same' : 'DIFFERENT'} (${check.toolCalls} tool calls)`).join(', ')}. ` +
      `Survey: ${survey.toolCalls} tool calls, 12 user turns, 2 corrections.`,
    '',
    targets,
    '',
    'Plain and JSX columns: median (min–max) over the batches or runs (step change: pooled percentiles; slopes: estimate [95 % CI]). ' +
      'Last column: the estimate and its 95 % interval in brackets — ' +
      'CPU and old-generation growth: geometric mean of the per-pair JSX / plain ratios, t on their logs, over the pairs in which neither batch saw a major GC ' +
      '(the all-batches row and 1c: over every pair); heap per session: Welch t on logs; ' +
      'slopes: least squares, difference by Welch–Satterthwaite; step change: JSX − plain of the pooled percentile, bootstrap over the pairs.',
    '',
    table(['Figure', 'plain LiveKit', 'react-agent-tasks', 'JSX / plain [95 % CI]'], figures),
  ].join('\n');
}
