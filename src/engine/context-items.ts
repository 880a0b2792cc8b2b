import type { llm } from '@livekit/agents';

/** The ids of a context's items, to tell later which ones a step added. */
export function itemIds(chatCtx: llm.ChatContext): Set<string> {
  return new Set(chatCtx.items.map((item) => item.id));
}

/**
 * Drops the items added since `before` was taken, but hand-offs: what a sensitive step said and
 * did stays out of the context it returns to (LiveKit assigns merged items the same way).
 */
export function keepOnly(chatCtx: llm.ChatContext, before: Set<string>): void {
  chatCtx.items = chatCtx.items.filter((item) => before.has(item.id) || item.type === 'agent_handoff');
}

/** Items of `chatCtx` added since `before`, in order: what arrived while something else ran. */
export function addedSince(chatCtx: llm.ChatContext, before: Set<string>): llm.ChatItem[] {
  return chatCtx.items.filter((item) => !before.has(item.id));
}
