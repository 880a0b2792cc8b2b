/**
 * The targets the JSX layer is held to ("the redesign must not cost"), each judged by its 95 %
 * interval: met when the whole interval is within the target, not met when the whole interval
 * is outside it, undecided when it straddles the target.
 */
import type { Report } from './bench.js';
import { withInterval } from './format.js';
import { type Verdict, verdictAtMost } from './intervals.js';

export const TARGETS = {
  /** CPU per conversation, JSX / plain, production build. */
  cpuRatio: 1.05,
  /** Heap per live session, JSX / plain. */
  heapRatio: 1.05,
  /**
   * "Retained-heap slope no worse than plain LiveKit's" as a margin an interval can be held
   * against: JSX may keep at most this many bytes per conversation more than plain (64 MB over a
   * million conversations in one process; a live session is ~900 KB). Zero would leave every
   * run with equal slopes undecided.
   */
  slopeMarginBytes: 64,
  /** Step-change latency JSX adds at p99, ms. */
  addedP99Ms: 1,
  /** CPU per user turn at 50 steps over the same at 5 steps (JSX): 1 is linear. */
  perTurnGrowth: 1.5,
};

export interface TargetRow {
  figure: string;
  target: string;
  /** The estimate with its 95 % interval, or an exact count. */
  measured: string;
  verdict: Verdict;
}

export function targets(r: Report): TargetRow[] {
  return [
    {
      figure: 'CPU per conversation, JSX / plain (production build)',
      target: `≤ ${TARGETS.cpuRatio.toFixed(2)}`,
      measured: withInterval(r.cpu.ratio, 3),
      verdict: verdictAtMost(r.cpu.ratio, TARGETS.cpuRatio),
    },
    {
      figure: 'Heap per live session, JSX / plain',
      target: `≤ ${TARGETS.heapRatio.toFixed(2)}`,
      measured: withInterval(r.heapPerSession.ratio, 3),
      verdict: verdictAtMost(r.heapPerSession.ratio, TARGETS.heapRatio),
    },
    {
      figure: `Retained-heap slope, JSX − plain, bytes per conversation (${r.retained.jsx.conversations} sequential)`,
      target: `no worse than plain: ≤ +${TARGETS.slopeMarginBytes}`,
      measured: withInterval(r.retained.slopeDifference, 0, true),
      verdict: verdictAtMost(r.retained.slopeDifference, TARGETS.slopeMarginBytes),
    },
    {
      figure: 'Closed sessions not garbage-collected (plain / JSX)',
      target: '0 for JSX',
      measured: `${r.retained.plain.sessionsAlive} / ${r.retained.jsx.sessionsAlive} (exact)`,
      verdict: r.retained.jsx.sessionsAlive === 0 ? 'met' : 'not met',
    },
    {
      figure: 'Step-change latency added by JSX, p99, ms',
      target: `< ${TARGETS.addedP99Ms}`,
      measured: withInterval(r.stepChange.addedP99, 3, true),
      verdict: verdictAtMost(r.stepChange.addedP99, TARGETS.addedP99Ms),
    },
    {
      figure: `CPU per turn, ${r.scale.steps[1]} vs ${r.scale.steps[0]} steps (JSX; plain: ${r.scale.perTurnGrowth.plain.estimate.toFixed(2)}×)`,
      target: `linear: ≤ ${TARGETS.perTurnGrowth.toFixed(1)}×`,
      measured: withInterval(r.scale.perTurnGrowth.jsx),
      verdict: verdictAtMost(r.scale.perTurnGrowth.jsx, TARGETS.perTurnGrowth),
    },
  ];
}
