/**
 * The fuzz property: random workflows (flat and nested groups, conditional steps, tools that
 * follow state, throwing tools, collectors) and random conversations (corrections, invalid
 * arguments, two calls in one reply, closes at random points, speech during transitions) run on
 * JSX, checked against the reference model:
 * - never a hang: every turn settles, and the workflow settles once the session closed (the
 *   deadline only detects a failure; it never measures speed);
 * - never an unhandled rejection;
 * - results equal to the model's (the tasks entered, in order, and the outcome, `endedBy` included);
 * - what a sensitive step's user said and its tool calls show in no model call made outside that
 *   visit of it (later steps, a later visit of it, group summaries);
 * - nothing left running: every component's effect cleanup ran, the session's listeners are back
 *   to what they were before it started, the model has no listener left, and no timer or
 *   immediate created by the case is pending.
 */
import { WorkflowClosedError } from 'react-agent-tasks';
import fc from 'fast-check';
import { describeScenario } from './compare.js';
import { expectedRun, ids } from './differential.js';
import { type GenerateOptions, scenarioArbitrary } from './generate.js';
import { HandleTracker, listenerCounts } from './leaks.js';
import { type ModelOutcome, PrivacyModel, ReferenceModel } from './model.js';
import { type CallTag, type Flavor, type RunLog, StuckError, asData, normalizeOutcome, play } from './driver.js';
import { PARENT_INSTRUCTIONS, type Scenario } from './spec.js';

export interface FuzzCase {
  scenario: Scenario;
  /** The turn the user says before the previous one settled (speech during a transition). */
  early?: number;
  /** Close as a user hanging up does, with LiveKit's half-second wait (see driver.ts, fastClose). */
  cleanClose?: boolean;
}

export const FUZZ_GENERATION: GenerateOptions = { nested: true, conditional: true, endsGroups: true, sensitive: true, closes: 'anywhere', maxTurns: 30 };

export function fuzzCaseArbitrary(options: GenerateOptions = FUZZ_GENERATION): fc.Arbitrary<FuzzCase> {
  // One case in five has a turn said before the previous one settled.
  const early = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat({ max: 30 }) });
  // One case in four closes the slow way, as a user hanging up does.
  const cleanClose = fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
  return fc.tuple(scenarioArbitrary(options), early, cleanClose).map(([scenario, early, cleanClose]) => {
    const index = early === undefined || scenario.turns.length < 2 ? undefined : 1 + (early % (scenario.turns.length - 1));
    return { scenario, ...(index === undefined ? {} : { early: index }), ...(cleanClose ? { cleanClose } : {}) };
  });
}

export class PropertyViolation extends Error {}

/** Runs one case and throws a PropertyViolation naming what broke, with the case described. */
export async function checkFuzzCase({ scenario, early, cleanClose }: FuzzCase, { deadlineMs = 10_000, flavor = 'jsx' }: { deadlineMs?: number; flavor?: Flavor } = {}): Promise<void> {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  const handles = new HandleTracker().start();
  let baseline: Record<string, number> = {};
  let log: RunLog | undefined;
  const problems: string[] = [];
  try {
    log = await play(flavor, scenario, { early, cleanClose, deadlineMs, afterwards: false, beforeStart: (session) => (baseline = listenerCounts(session)) });
    await withDeadline(log.closing, deadlineMs, 'the session to close');
    await withDeadline(settled(log), deadlineMs, 'the workflow to settle after the session closed');
    // Lets rejections nobody handled surface, and Node report the handles that ended.
    await handles.flush();
    problems.push(...resultProblems({ scenario, early }, log));
    problems.push(...privacyProblems({ scenario, early }, log));
    const listeners = listenerCounts(log.session);
    if (JSON.stringify(listeners) !== JSON.stringify(baseline)) problems.push(`session listeners after close ${JSON.stringify(listeners)}, before start ${JSON.stringify(baseline)}`);
    if (log.probe.mounted !== 0) problems.push(`${log.probe.mounted} component(s) still mounted after close: their cleanups did not run`);
    const modelListeners = listenerCounts(log.model);
    if (Object.keys(modelListeners).length > 0) problems.push(`the model still has listeners after close: ${JSON.stringify(modelListeners)}`);
  } catch (error) {
    problems.push(error instanceof Error ? (error instanceof StuckError ? error.message : (error.stack ?? error.message)) : String(error));
  } finally {
    process.off('unhandledRejection', onRejection);
    const leftovers = handles.stop();
    if (log) {
      for (const handle of leftovers) problems.push(`a ${handle.type} created by the case is still pending after close, created at:\n${handle.stack}`);
    }
    for (const reason of rejections) problems.push(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  }
  if (problems.length > 0) {
    const busy = log?.earlyWhileBusy === undefined ? '' : log.earlyWhileBusy ? ', while the workflow was busy' : ', but the workflow had settled by then';
    const what = `${describeScenario(scenario)}${early !== undefined ? `\nturn ${early + 1} is said before the previous one settled${busy}` : ''}${cleanClose ? '\nthe session closes as a user hanging up (session.close())' : ''}`;
    throw new PropertyViolation(`${problems.join('\n')}\n${what}\ntasks entered: ${JSON.stringify(log?.entries)}\noutcome: ${JSON.stringify(normalizeOutcome(log?.probe.outcome))}`);
  }
}

function resultProblems({ scenario, early }: FuzzCase, log: RunLog): string[] {
  const problems: string[] = [];
  const outcome = log.probe.outcome;
  if (!outcome) return ['the workflow never settled'];
  // Read now: the run's log was taken before the session closed.
  const result = normalizeOutcome(outcome);
  if (log.errors.length) problems.push(`workflow errors: ${log.errors.join('; ')}`);
  const expected = expectedRun(scenario);
  if (!log.closedEarly && expected.outcome !== undefined) {
    if (JSON.stringify(log.entries) !== JSON.stringify(expected.entries)) problems.push(`tasks entered ${JSON.stringify(log.entries)}, the model expects ${JSON.stringify(expected.entries)}`);
    if (JSON.stringify(result) !== JSON.stringify(expected.outcome)) problems.push(`outcome ${JSON.stringify(result)}, the model expects ${JSON.stringify(expected.outcome)}`);
    return problems;
  }
  // Closed mid-conversation (or the conversation ran out of turns first and the session closed
  // after the last one settled). What the workflow had reached when the close came lies between
  // the last settled turn and the closing one (with an early turn, the turn before it never
  // settled). It settles with the result if every step had one by then (README, runTask), else
  // rejects with a WorkflowClosedError.
  const closeTurn = early ?? scenario.turns.findIndex((turn) => turn.closeAfter);
  const closing = closeTurn >= 0 ? closeTurn : scenario.turns.length - 1;
  const settledTurns = early !== undefined ? early - 1 : closeTurn >= 0 ? closing : scenario.turns.length;
  const states = [settledTurns, settledTurns + 1, closing + 1].map((count) => modelAfter(scenario, Math.min(count, scenario.turns.length)));
  const before = states[0]!;
  const after = states[states.length - 1]!;
  const ifClosed = states.map((state) => state.ifClosed);
  if (!outcome.ok && outcome.error instanceof WorkflowClosedError) {
    if (!ifClosed.includes(undefined)) problems.push(`after close the workflow rejected, but every step had a result: the model expects ${JSON.stringify(asData(ifClosed[0]))}`);
  } else if (!ifClosed.some((candidate) => candidate !== undefined && JSON.stringify(result) === JSON.stringify(asData(candidate)))) {
    problems.push(`after close the workflow ended with ${JSON.stringify(result)}; the model expects a WorkflowClosedError or one of ${JSON.stringify(ifClosed.filter(Boolean).map(asData))}`);
  }
  const entered = JSON.stringify(log.entries);
  if (early === undefined) {
    const allowed = after.entries.slice(before.entries.length - 1).map((_, i) => JSON.stringify(after.entries.slice(0, before.entries.length + i)));
    if (!allowed.includes(entered)) problems.push(`tasks entered ${entered}, the model expects ${JSON.stringify(before.entries)} or more of ${JSON.stringify(after.entries)}`);
  } else if (JSON.stringify(log.entries.slice(0, before.entries.length)) !== JSON.stringify(before.entries)) {
    problems.push(`tasks entered ${entered}, the model expects them to start with ${JSON.stringify(before.entries)}`);
  }
  return problems;
}

const SUMMARY_PROMPT = 'Conversation to summarize:';

/**
 * Sensitive steps (model.ts, PrivacyModel): no model call made outside a sensitive step's visit
 * shows what the user said during it (each user turn is unique text) or its tool calls (named
 * after its tasks). A turn said before the previous one settled is not checked, nor are tool
 * calls once one was: where it lands is not predictable (during a transition the group's own
 * agent, which has no tools, may answer it with a call named after the next task).
 */
export function privacyProblems({ scenario, early }: Pick<FuzzCase, 'scenario' | 'early'>, log: RunLog): string[] {
  const privacy = new PrivacyModel(scenario.workflow);
  if (!privacy.any) return [];
  const visits = privacy.regionVisits(log.entries);
  const secrets = scenario.turns.flatMap((turn, index) => {
    const entry = early !== undefined && index >= early ? undefined : log.turnEntries[index];
    const saidIn = entry === undefined ? null : (visits[entry] ?? null);
    return saidIn ? [{ text: turn.user, saidIn }] : [];
  });
  const problems: string[] = [];
  const toolsKnown = early === undefined;
  log.calls.forEach((call, index) => {
    const where = callVisit(call.items, log.callTags[index]!, log);
    if (where === undefined) return;
    const visit = where.entry === null ? null : (visits[where.entry] ?? null);
    const label = `model call ${index + 1} (${where.what}${visit ? `, in sensitive visit ${visit}` : ''})`;
    const shows = (region: string) => toolsKnown && !visit?.startsWith(`${region}#`);
    for (const item of call.items) {
      const texts = item.type === 'message' ? [item.text] : [];
      for (const text of texts) {
        for (const secret of secrets) {
          if (!PrivacyModel.mayShow(secret.saidIn, visit) && text.includes(secret.text)) problems.push(`${label} shows ${JSON.stringify(secret.text)}, said in sensitive visit ${secret.saidIn}`);
        }
        // A summary request lists tool calls as <function_call name="…">.
        for (const [, name] of text.matchAll(/name="(\w+)"/g)) {
          const region = privacy.toolRegion(name!);
          if (region !== undefined && shows(region)) problems.push(`${label} shows a call of ${name}, a tool of sensitive step ${region}`);
        }
      }
      if (item.type === 'function_call' || item.type === 'function_call_output') {
        const region = privacy.toolRegion(item.name);
        if (region !== undefined && shows(region)) problems.push(`${label} shows a ${item.type} of ${item.name}, a tool of sensitive step ${region}`);
      }
    }
  });
  return [...new Set(problems)];
}

/**
 * Which task visit made a model call: the task its instructions name, in the visit of the
 * session's agent then, or else its latest visit that had entered by then (a reply after a tool
 * that completed the task can come once the next one is the session's agent). Summaries and the
 * parent agent's calls are outside every task (`entry: null`); undefined when it cannot be told
 * (a group's own agent).
 */
function callVisit(items: RunLog['calls'][number]['items'], tag: CallTag, log: RunLog): { entry: number | null; what: string } | undefined {
  const first = items[0];
  const text = first?.type === 'message' ? first.text : '';
  if (items.some((item) => item.type === 'message' && item.role === 'user' && item.text.startsWith(SUMMARY_PROMPT))) return { entry: null, what: 'a group summary' };
  const id = /^Collect the (\w+)\./.exec(text)?.[1];
  // A group's own agent answers a turn said during a transition: which group (inside a sensitive one or not) is not told.
  if (!id) return text === PARENT_INSTRUCTIONS ? { entry: null, what: 'the parent agent' } : undefined;
  const own = tag.agent ? log.probe.entryOf(tag.agent) : undefined;
  if (own !== undefined && log.entries[own] === id) return { entry: own, what: `task ${id}` };
  const latest = log.entries.slice(0, tag.entered).lastIndexOf(id);
  return latest >= 0 ? { entry: latest, what: `task ${id}` } : undefined;
}

/** The model after the first `count` turns: tasks entered, and what a close would settle with. */
function modelAfter(scenario: Scenario, count: number): { entries: string[]; ifClosed: ModelOutcome | undefined } {
  const model = new ReferenceModel(scenario.workflow);
  for (const turn of scenario.turns.slice(0, count)) model.apply(turn.reply);
  return { entries: ids(model.entries), ifClosed: model.resultIfClosedNow() };
}

function settled(log: RunLog): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!log.probe.outcome) return;
      stop();
      resolve();
    };
    const stop = log.probe.listen(check);
    check();
  });
}

async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`hang: nothing happened within ${ms} ms while waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every timer or immediate a scenario leaves pending after its session closed, LiveKit's own included. */
export async function leftoversAfterClose(flavor: Flavor, scenario: Scenario, { cleanClose = false } = {}): Promise<string[]> {
  const handles = new HandleTracker().start();
  let leftovers: string[] = [];
  try {
    const log = await play(flavor, scenario, { afterwards: false, cleanClose });
    await log.closing;
    await handles.flush();
  } finally {
    leftovers = handles.stop({ all: true }).map((handle) => handle.stack);
  }
  return leftovers;
}
