import { llm, type voice } from '@livekit/agents';
import { asError } from '../errors.js';
import { type GroupController, type QueueEntry, type TaskGroupResult, planTargets } from './group-controller.js';
import { OutOfScopeError } from './out-of-scope.js';

/**
 * The loop of LiveKit's TaskGroup.onEnter, with steps read from the rendered tree before each
 * step instead of from a fixed list: a step that appears runs in its place, one that disappears
 * is skipped. `agentTask` is the group's own AgentTask, whose context the steps share. Resolves
 * with the group's result; rejects with the error that ends the group (an OutOfScopeError when the
 * model went back to a step outside it).
 */
export async function runGroup(
  agentTask: voice.AgentTask<any>,
  group: GroupController,
  queue: QueueEntry[],
): Promise<unknown> {
  const { workflow } = group;

  for (;;) {
    const entry = queue.shift() ?? nextPending(group);
    if (!entry) break;
    const step = group.stepById(entry.id);
    if (!step) continue;

    let child: voice.AgentTask<unknown> | undefined;
    try {
      child = workflow.startStep(step, entry, agentTask._chatCtx.copy());
      group.visited.add(step.id);
      const result = await child.run();

      // AgentTask merges omit function calls: merge again so summarizing sees tool results (as LiveKit does).
      agentTask._chatCtx.merge(child.chatCtx.copy(), { excludeInstructions: true });
      // One commit records the result and unmounts the step (the bench showed each flush costs).
      workflow.endStep(step, 'done', () => group.setResult(step.id, result));
      await (step.props as { onComplete?: (result: unknown) => unknown }).onComplete?.(result);
      await group.props.onTaskCompleted?.({ agentTask: child, taskId: step.id, result });
    } catch (error) {
      if (error instanceof OutOfScopeError) {
        workflow.endStep(step, 'pending');
        const targets = relativeTargets(group, error.targetTaskIds);
        const resume: QueueEntry = { id: step.id, fresh: step.kind === 'task', targets: [] };
        if (targets) {
          queue.unshift(...planTargets(targets), resume);
          continue;
        }
        // A target outside this group: hand the regression up, and resume here afterwards.
        group.interrupted = [resume, ...queue];
        throw error;
      }
      workflow.endStep(step, 'failed');
      if (group.props.returnExceptions && !workflow.closed) {
        workflow.apply(() => group.setResult(step.id, error));
        continue;
      }
      throw asError(error);
    }
  }

  try {
    if (group.props.summarize ?? true) await summarize(agentTask);
  } catch (error) {
    throw new Error(`failed to summarize the chat_ctx: ${error}`);
  }
  const collected = { taskResults: group.collectResults() };
  const result = group.props.mapResult ? await group.props.mapResult(collected) : collected;
  await group.props.onComplete?.(result);
  return result;
}

/** The first step in render order this visit has not run yet. */
function nextPending(group: GroupController): QueueEntry | undefined {
  const step = group.steps().find((candidate) => candidate.status === 'pending');
  return step && { id: step.id, fresh: true, targets: [] };
}

/** Targets as paths relative to `group`, or undefined when one lies outside it. */
function relativeTargets(group: GroupController, targets: string[]): string[] | undefined {
  if (!group.path) return targets;
  const prefix = `${group.path}/`;
  if (!targets.every((target) => target.startsWith(prefix))) return undefined;
  return targets.map((target) => target.slice(prefix.length));
}

async function summarize(agentTask: voice.AgentTask<TaskGroupResult>): Promise<void> {
  const sessionLlm = agentTask.session.llm;
  if (!(sessionLlm instanceof llm.LLM)) {
    throw new Error('summarizeChatCtx requires a standard LLM on the session');
  }
  // Keep the full item stream so summarization can distill tool results into the summary.
  const toSummarize = agentTask._chatCtx.copy({
    excludeInstructions: false,
    excludeFunctionCall: false,
    excludeEmptyMessage: false,
    excludeHandoff: false,
  });
  const summarized = await toSummarize._summarize(sessionLlm, { keepLastTurns: 0 });
  await agentTask.updateChatCtx(summarized);
}
