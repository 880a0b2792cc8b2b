import type { llm } from '@livekit/agents';

/**
 * The text of a group's summary in a chat context: after a `<TaskGroup summarize>` the agent
 * that ran it finds one assistant message marked `extra.is_summary` (LiveKit's convention).
 */
export function findSummary(chatCtx: llm.ChatContext): string | undefined {
  const item = [...chatCtx.items].reverse().find((entry) => entry.type === 'message' && entry.extra?.is_summary === true);
  const text = item?.type === 'message' ? item.textContent : undefined;
  return text?.replace(/<\/?chat_history_summary>/g, '').trim();
}
