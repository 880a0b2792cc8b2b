/**
 * The one place a step runs — a top-level step, a group's step, a nested group — so every step
 * runs the same way: start its visit and AgentTask → await it → record the result and end the
 * visit in one commit → callbacks, each once. The group loop (LiveKit's TaskGroup.onEnter, with
 * steps read from the rendered tree before each step) lives here too, because it runs steps.
 */
import { llm } from '@livekit/agents';
import { asError, misuse } from '../model/errors.js';
import { type AnyStep, type GroupStep, type QueueEntry, StepRemovedError, planTargets } from '../model/group-step.js';
import { OutOfScopeError, outOfScopeTool, regressionTargets } from '../model/regression.js';
import { staticToolsOf } from '../model/visit.js';
import { keepOnly, itemIds } from './context-items.js';
import { StepAgentTask, type StepTaskOptions } from './step-agent-task.js';
import { summarizeGroup } from './summarize.js';
import type { Workflow } from './workflow.js';

/** A step's result, and whether its visit ended its group (`useEndGroup`). */
export interface StepRun {
  result: unknown;
  endsGroup: boolean;
}

/** An error thrown by a step's `onComplete` or its group's `onTaskCompleted`: the result was recorded. */
export class CallbackError extends Error {
  constructor(
    readonly callback: string,
    override readonly cause: Error,
  ) {
    super(`${callback} threw: ${cause.message}`);
  }
}

/**
 * Runs one visit of a step. `locate` names the step; for the top-level step it renders the tree,
 * which can only happen once `run()` has told the workflow its session. `parent` is the group's
 * AgentTask (null at the top, where the parent is the agent that called runTask).
 */
export async function runStep(
  workflow: Workflow,
  locate: () => AnyStep,
  entry: QueueEntry,
  seed: llm.ChatContext,
  parent: StepAgentTask | null,
): Promise<StepRun> {
  const agentTask = new StepAgentTask();
  const running = agentTask.run();
  running.catch(() => {});
  workflow.adopt(agentTask);
  if (!agentTask.caller) {
    // LiveKit refused to run the task: runTask was not awaited inside an onEnter/onExit or a tool.
    const reason = await running.then(() => 'unknown', (error: unknown) => asError(error).message);
    throw misuse('runTask()', `was called where LiveKit cannot run a task (${reason})`, "Await it inside an Agent's onEnter/onExit or inside a tool's execute.");
  }
  const parentCtx = (parent ?? agentTask.caller)._chatCtx;

  let step: AnyStep;
  try {
    step = locate();
    start(workflow, step, entry, seed, agentTask);
  } catch (error) {
    if (!agentTask.done) agentTask.complete(asError(error));
    await running.catch(() => {});
    throw error;
  }
  const group = step.group as GroupStep | null;
  // Inside a sensitive group the steps share their context; it is cut where it would leave.
  const leavesPrivacy = step.sensitive && !group?.sensitive;
  // Only a step whose conversation must not leave it needs to know what was there before it ran.
  const before = leavesPrivacy ? itemIds(parentCtx) : undefined;

  let result: unknown;
  try {
    result = await workflow.untilSettled(running);
  } catch (error) {
    if (before) keepOnly(parentCtx, before);
    const status = error instanceof OutOfScopeError ? 'pending' : error instanceof StepRemovedError ? 'skipped' : 'failed';
    workflow.endStep(step, status);
    // A task the workflow stopped waiting for (the session is closing) may still exit: kept until the end.
    if (agentTask.done) workflow.letGo(agentTask);
    throw error;
  }

  if (before) keepOnly(parentCtx, before);
  // AgentTask merges omit function calls: merge again so summarizing sees tool results (as LiveKit does).
  else if (parent) parent._chatCtx.merge(agentTask.chatCtx.copy(), { excludeInstructions: true });
  // One commit records the result and unmounts the step (each flush costs; see the benchmark).
  workflow.endStep(step, 'done', () => group?.setResult(step.id, result));
  const endsGroup = agentTask.visit?.endsGroup ?? false;
  workflow.letGo(agentTask);

  const { onComplete } = step.props as { onComplete?: (result: unknown) => unknown };
  if (onComplete) await callback('onComplete', () => onComplete(result));
  if (group?.props.onTaskCompleted) {
    const onTaskCompleted = group.props.onTaskCompleted;
    await callback('onTaskCompleted', () => onTaskCompleted({ agentTask, taskId: step.id, result, signal: workflow.signal }));
  }
  return { result, endsGroup };
}

async function callback(name: string, run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw new CallbackError(name, asError(error));
  }
}

/** Starts the step's visit in one commit and gives its AgentTask the options LiveKit's TaskGroup would. */
function start(workflow: Workflow, step: AnyStep, entry: QueueEntry, seed: llm.ChatContext, agentTask: StepAgentTask): void {
  agentTask.step = step;
  if (step.kind === 'group') {
    const queue = workflow.batch(() => step.beginVisit(entry));
    workflow.throwIfUncaught();
    agentTask.groupWork = () => finishGroup(workflow, step, agentTask, queue);
    const { id, preserveFunctionCallHistory, chatCtx } = step.props;
    // LiveKit's TaskGroup also offers a nested group `out_of_scope`, after seeding it with an empty
    // tool set; a group never answers, so only that seeding shows and the tool is left out.
    agentTask.configure({ agentOptions: { id: id ?? 'task_group', instructions: '*empty*', preserveFunctionCallHistory }, seed: chatCtx ?? seed, extraTools: [] });
    return;
  }
  const targets = regressionTargets(step);
  const visit = workflow.batch(() => step.beginVisit());
  workflow.throwIfUncaught();
  agentTask.visit = visit;
  const { id, instructions, preserveFunctionCallHistory, chatCtx, llm: model, tts, stt, vad, turnHandling, toolHandling } = step.props;
  const own = [...staticToolsOf(step.props.tools), ...visit.declaredTools()];
  visit.extraTools = targets.size > 0 ? [outOfScopeTool(visit.handle, targets)] : [];
  visit.pushedTools = [...own, ...visit.extraTools];
  const options: StepTaskOptions = {
    agentOptions: { id: id ?? 'task', instructions: instructions ?? '', tools: own, preserveFunctionCallHistory, llm: model, tts, stt, vad, turnHandling, toolHandling },
    seed: chatCtx ?? seed,
    extraTools: visit.extraTools,
  };
  agentTask.configure(options);
  visit.attach(agentTask);
}

/** A group's visit: its steps in order, going back, then the summary and the group's result. */
async function finishGroup(workflow: Workflow, group: GroupStep, agentTask: StepAgentTask, queue: QueueEntry[]): Promise<void> {
  try {
    const result = await runGroup(workflow, group, agentTask, queue);
    if (!agentTask.done) agentTask.complete(result);
  } catch (error) {
    if (!agentTask.done) agentTask.complete(asError(error));
  }
}

async function runGroup(workflow: Workflow, group: GroupStep, agentTask: StepAgentTask, queue: QueueEntry[]): Promise<unknown> {
  // A call with a checkpoint takes it back before its top-level group's first step (engine/checkpointing.ts).
  if (!group.group) queue.unshift(...(await workflow.resumeInto(group, agentTask._chatCtx)));
  for (;;) {
    if (group.removed) throw new StepRemovedError(group.path);
    const entry = queue.shift() ?? nextPending(group);
    if (!entry) break;
    const step = group.stepById(entry.id);
    if (!step) continue;

    group.visited.add(step.id);
    // Progress is saved before each task starts (a nested group saves before its own tasks).
    const saving = step.kind === 'task' ? workflow.saveProgress(group, step, agentTask._chatCtx) : undefined;
    if (saving) await saving;
    try {
      const { endsGroup } = await runStep(workflow, () => step, entry, agentTask._chatCtx.copy(), agentTask);
      if (endsGroup) {
        group.endedBy = step.path;
        break;
      }
    } catch (error) {
      if (error instanceof OutOfScopeError) {
        const targets = relativeTargets(group, error.targetTaskIds);
        const resume: QueueEntry = { id: step.id, fresh: step.kind === 'task', targets: [] };
        if (targets) {
          queue.unshift(...planTargets(targets), resume);
          continue;
        }
        // A target outside this group: hand going back up, and resume here afterwards.
        group.interrupted = [resume, ...queue];
        throw error;
      }
      if (error instanceof StepRemovedError) {
        if (group.removed) throw error;
        continue;
      }
      if (error instanceof CallbackError) {
        workflow.reportError(error.cause);
        if (group.props.returnExceptions) continue;
        throw error.cause;
      }
      if (group.props.returnExceptions && !workflow.closed) {
        workflow.batch(() => group.setResult(step.id, error));
        continue;
      }
      throw asError(error);
    }
  }

  const saving = workflow.saveProgress(group, null, agentTask._chatCtx);
  if (saving) await saving;
  workflow.groupFinishing(group);
  // A sensitive group's conversation never leaves it, so there is nothing to summarize for others.
  if ((group.props.summarize ?? true) && !group.sensitive) await summarizeGroup(agentTask, workflow.signal);
  const collected = group.result();
  return group.props.mapResult ? await group.props.mapResult(collected) : collected;
}

/** The first step in render order this visit has not run yet. */
function nextPending(group: GroupStep): QueueEntry | undefined {
  const step = group.children.find((candidate) => candidate.status === 'pending');
  return step && { id: step.id, fresh: true, targets: [] };
}

/** Targets as paths relative to `group`, or undefined when one lies outside it. */
function relativeTargets(group: GroupStep, targets: string[]): string[] | undefined {
  if (!group.path) return targets;
  const prefix = `${group.path}/`;
  if (!targets.every((target) => target.startsWith(prefix))) return undefined;
  return targets.map((target) => target.slice(prefix.length));
}
