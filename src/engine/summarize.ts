import { llm } from '@livekit/agents';
import { WorkflowClosedError } from '../model/errors.js';
import { addedSince, itemIds } from './context-items.js';
import type { StepAgentTask } from './step-agent-task.js';

/**
 * LiveKit's TaskGroup summary: the group's whole context, tool calls included, distilled into one
 * message. Two differences, both deliberate (README, "Errors"): what the caller says while the
 * summary is generated is kept after it, and closing the session stops waiting for it at once.
 */
export async function summarizeGroup(agentTask: StepAgentTask, signal: AbortSignal): Promise<void> {
  const sessionLlm = agentTask.session.llm;
  try {
    if (!(sessionLlm instanceof llm.LLM)) throw new Error('summarizeChatCtx requires a standard LLM on the session');
    const toSummarize = agentTask._chatCtx.copy({
      excludeInstructions: false,
      excludeFunctionCall: false,
      excludeEmptyMessage: false,
      excludeHandoff: false,
    });
    const before = itemIds(agentTask._chatCtx);
    const summarized = await abortable(toSummarize._summarize(sessionLlm, { keepLastTurns: 0 }), signal);
    for (const item of addedSince(agentTask._chatCtx, before)) summarized.items.push(item);
    await agentTask.updateChatCtx(summarized);
  } catch (error) {
    if (error instanceof WorkflowClosedError) throw error;
    throw new Error(`failed to summarize the chat_ctx: ${error}`);
  }
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new WorkflowClosedError(undefined));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new WorkflowClosedError(undefined));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
