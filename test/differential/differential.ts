/**
 * One differential check: a scenario played on plain LiveKit classes and on JSX, side by side in
 * two sessions, compared call by call; LiveKit's run is also checked against the reference model,
 * which keeps the model honest for the fuzz tests that rely on it.
 */
import { installMonotonicClock } from './clock.js';
import { compareRuns, describeScenario } from './compare.js';
import { type RunLog, type RunOptions, asData, play } from './driver.js';
import { ReferenceModel } from './model.js';
import type { Scenario } from './spec.js';

export interface DifferentialResult {
  /** The first difference between the two runs, as a printable report; null when they agree. */
  mismatch: string | null;
  /** Where LiveKit's own run disagrees with the reference model; null when it agrees. */
  modelMismatch: string | null;
  plain: RunLog;
  jsx: RunLog;
}

export async function differential(scenario: Scenario, options: RunOptions = {}): Promise<DifferentialResult> {
  const restoreClock = installMonotonicClock();
  try {
    const [plain, jsx] = await Promise.all([play('plain', scenario, options), play('jsx', scenario, options)]);
    return { mismatch: compareRuns(scenario, plain, jsx), modelMismatch: checkModel(scenario, plain), plain, jsx };
  } finally {
    restoreClock();
  }
}

/** Closes both sessions (they close slowly: run many checks, then close them together). */
export const closeBoth = ({ plain, jsx }: DifferentialResult): Promise<unknown> => Promise.all([plain.closing, jsx.closing]);

export function checkModel(scenario: Scenario, run: RunLog): string | null {
  const expected = expectedRun(scenario);
  const facts: Array<[string, unknown, unknown]> = [['tasks entered', expected.entries, run.entries]];
  if (!run.closedEarly) facts.push(['result', expected.outcome, run.outcome]);
  for (const [what, want, got] of facts) {
    if (JSON.stringify(want) !== JSON.stringify(got)) {
      return `${scenario.name}\n${describeScenario(scenario)}\n${what} (${run.flavor}) differ from the reference model:\n  model: ${JSON.stringify(want)}\n  ${run.flavor}: ${JSON.stringify(got)}`;
    }
  }
  return null;
}

/** What the reference model expects of a scenario: tasks entered (ids) and the normalised result. */
export function expectedRun(scenario: Scenario): { entries: string[]; outcome: unknown } {
  const model = new ReferenceModel(scenario.workflow);
  for (const turn of scenario.turns) {
    if (!model.active) break;
    model.apply(turn.reply);
    if (turn.closeAfter) return { entries: ids(model.entries), outcome: undefined };
  }
  return { entries: ids(model.entries), outcome: asData(model.outcome) };
}

/** Task ids of task paths, as the probe records them (ids are unique in generated workflows). */
export const ids = (paths: string[]): string[] => paths.map((path) => path.slice(path.lastIndexOf('/') + 1));
