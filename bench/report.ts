/** The report as markdown: one table of figures, one of targets. */
import type { Report } from './bench.js';
import { type Spread, slope } from './stats.js';

const ms = (s: Spread, digits = 2) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
const kb = (s: Spread) => `${(s.median / 1024).toFixed(1)} (${(s.min / 1024).toFixed(1)}–${(s.max / 1024).toFixed(1)})`;
const latency = (pooled: number, runs: Spread) => `${pooled.toFixed(3)} (${ms(runs, 3)})`;
const ratioOf = (s: Spread) => `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const signed = (n: number, unit: string) => `${n >= 0 ? '+' : ''}${n.toFixed(3)} ${unit}`;

/** The heap slope once the first rounds' growth (both flavors show it, then it levels) is past. */
const lateSlope = (checkpoints: number[], perRound: number) => slope(checkpoints.slice(Math.floor(checkpoints.length / 2))) / perRound;

export function markdown(r: Report): string {
  const { sizes } = r;
  const survey = r.equalWork[0]!;
  const [smallSteps, largeSteps] = r.scale.steps;
  const rows: string[][] = [
    [
      `1. CPU per conversation, ms (${sizes.cpuRuns} runs × ${sizes.cpuConversations})`,
      ms(r.cpu.plain),
      ms(r.cpu.jsx),
      ratioOf(r.cpu.ratio),
    ],
    [
      `1b. Same, React development build (NODE_ENV=${r.devCpu.nodeEnv}; ${sizes.devCpuRuns} runs × ${sizes.devCpuConversations})`,
      ms(r.devCpu.plain),
      ms(r.devCpu.jsx),
      ratioOf(r.devCpu.ratio),
    ],
    [
      `2. Step change, complete() → next onEnter, p50, ms: pooled (per-run median, min–max)`,
      latency(r.stepChange.plain.pooled.p50, r.stepChange.plain.p50),
      latency(r.stepChange.jsx.pooled.p50, r.stepChange.jsx.p50),
      signed(r.stepChange.addedP50, 'ms'),
    ],
    [
      `2. Step change, p99, ms (${r.stepChange.plain.pooled.samples} samples, ${r.stepChange.plain.samplesPerRun} per run)`,
      latency(r.stepChange.plain.pooled.p99, r.stepChange.plain.p99),
      latency(r.stepChange.jsx.pooled.p99, r.stepChange.jsx.p99),
      signed(r.stepChange.addedP99, 'ms'),
    ],
    [
      `3. Heap per live session, KB (${r.heapPerSession.sessions} parked, ${sizes.heapRuns} runs)`,
      kb(r.heapPerSession.plain),
      kb(r.heapPerSession.jsx),
      r.heapPerSession.ratio.toFixed(2),
    ],
    [
      `4. Heap retained after ${r.retained.plain.conversations} sequential conversations, KB`,
      (r.retained.plain.retainedBytes / 1024).toFixed(1),
      (r.retained.jsx.retainedBytes / 1024).toFixed(1),
      '',
    ],
    [
      `4. Heap slope, bytes per conversation (${sizes.leakRounds} rounds after a warm-up of ${sizes.leakWarmup})`,
      r.retained.plain.slopeBytesPerConversation.toFixed(0),
      r.retained.jsx.slopeBytesPerConversation.toFixed(0),
      '',
    ],
    [
      `4. Same, over the second half of the rounds only, bytes per conversation`,
      lateSlope(r.retained.plain.heapCheckpoints, sizes.leakPerRound).toFixed(0),
      lateSlope(r.retained.jsx.heapCheckpoints, sizes.leakPerRound).toFixed(0),
      '',
    ],
    [
      '4. Closed sessions not garbage-collected at the end',
      String(r.retained.plain.sessionsAlive),
      String(r.retained.jsx.sessionsAlive),
      '',
    ],
    [
      `4. Heap growth per round of ${sizes.leakPerRound}, KB`,
      kb(r.retained.plain.roundGrowth),
      kb(r.retained.jsx.roundGrowth),
      '',
    ],
    [
      `5. CPU per conversation, ${smallSteps} steps / ${r.scale.turns[0]} turns, ms`,
      ms(r.scale.cpu.plain[0]),
      ms(r.scale.cpu.jsx[0]),
      ratioOf(r.scale.ratio[0]),
    ],
    [
      `5. CPU per conversation, ${largeSteps} steps / ${r.scale.turns[1]} turns, ms`,
      ms(r.scale.cpu.plain[1]),
      ms(r.scale.cpu.jsx[1]),
      ratioOf(r.scale.ratio[1]),
    ],
    [
      `5. CPU per turn, ${largeSteps} vs ${smallSteps} steps (1.00 = linear)`,
      `${r.scale.perTurnGrowth.plain.toFixed(2)}×`,
      `${r.scale.perTurnGrowth.jsx.toFixed(2)}×`,
      '',
    ],
  ];
  const table = (head: string[], body: string[][]) =>
    [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  return [
    `Run ${r.date} on ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}, ${r.machine.os}; ` +
      `@livekit/agents ${r.versions['@livekit/agents']}, react ${r.versions.react}, NODE_ENV=${r.nodeEnv}; sizes: ${sizes.label}; ${r.wallSeconds.toFixed(0)} s; load average ${r.load.start.map((n) => n.toFixed(1)).join('/')} at start, ${r.load.end.map((n) => n.toFixed(1)).join('/')} at end.`,
    '',
    `Equal work: ${r.equalWork.map((check) => `${check.workload} ${check.same ? 'same' : 'DIFFERENT'} (${check.toolCalls} tool calls)`).join(', ')}. ` +
      `Survey: ${survey.toolCalls} tool calls, 12 user turns, 2 corrections.`,
    '',
    'Median (min–max) over the runs. CPU ratios pair each JSX run with the plain run next to it; latency rows give the pooled percentile and the difference JSX − plain.',
    '',
    table(['Figure', 'plain LiveKit', 'react-agent-tasks', 'JSX / plain'], rows),
    '',
    table(
      ['Target', 'wanted', 'measured', 'met'],
      r.targets.map((t) => [t.name, t.target, t.value, t.met ? 'yes' : '**no**']),
    ),
  ].join('\n');
}
