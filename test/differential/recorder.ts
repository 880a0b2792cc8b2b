/**
 * The scripted model both implementations talk to: LiveKit's FakeLLM, answering from a scenario's
 * turns, that records what it is shown at every call (the context items and the tools offered),
 * without ids and timestamps, so two runs can be compared item by item.
 */
import { llm, voice } from '@livekit/agents';
import { AFTERWARDS, type Reply, type Turn } from './spec.js';

/** One context item as the model sees it. */
export type SeenItem =
  | { type: 'message'; role: string; text: string; summary?: true }
  | { type: 'function_call'; name: string; args: string; callId: string }
  | { type: 'function_call_output'; name: string; output: string; isError: boolean; callId: string }
  | { type: 'agent_handoff'; from: string | undefined; to: string }
  | { type: 'agent_config_update'; instructions?: string; added?: string[]; removed?: string[] };

export interface SeenTool {
  name: string;
  description: string;
  parameters: unknown;
}

/** What the model was shown at one call. */
export interface ModelCall {
  items: SeenItem[];
  tools: SeenTool[];
}

export const SUMMARY = 'The user answered every question.';
export const AFTER_TOOL = 'Noted.';

export class RecordingLLM extends voice.testing.FakeLLM {
  readonly calls: ModelCall[] = [];
  /** What `tag` said at each call, in the order of `calls` (kept apart: calls compare as JSON). */
  readonly tags: unknown[] = [];
  /** Notes where the workflow stood at each call (the fuzz uses it to tell which task made it). */
  tag: (() => unknown) | undefined;
  private readonly replies = new Map<string, Reply>();

  constructor(turns: Turn[]) {
    super([]);
    for (const turn of turns) this.replies.set(turn.user, turn.reply);
    this.replies.set(AFTERWARDS, { content: 'Nothing else, thank you.' });
  }

  override chat(options: Parameters<voice.testing.FakeLLM['chat']>[0]): llm.LLMStream {
    this.calls.push({ items: options.chatCtx.items.map(seenItem), tools: seenTools(options.toolCtx) });
    this.tags.push(this.tag?.());
    return super.chat(options);
  }

  /**
   * The key is what FakeLLM computes: a greeting's `instructions: …` line, the user's text, or
   * the last tool output. Anything that is not a scripted user turn gets a short neutral answer,
   * so replies after tools never call tools themselves.
   */
  override lookup(input: string): voice.testing.FakeLLMResponse {
    const reply = this.replies.get(input);
    const base = { input, type: 'llm' as const, ttft: 0, duration: 0 };
    if (reply) return { ...base, content: reply.content, toolCalls: reply.toolCalls };
    if (input.startsWith('instructions: greet ')) return { ...base, content: `What is your ${input.slice(20)}?` };
    if (input.startsWith('Conversation to summarize:')) return { ...base, content: SUMMARY };
    return { ...base, content: AFTER_TOOL };
  }
}

function seenItem(item: llm.ChatItem): SeenItem {
  switch (item.type) {
    case 'message':
      return {
        type: 'message',
        role: item.role,
        text: item.textContent ?? '',
        ...(item.extra?.is_summary === true ? { summary: true as const } : {}),
      };
    case 'function_call':
      return { type: 'function_call', name: item.name, args: item.args, callId: item.callId };
    case 'function_call_output':
      return { type: 'function_call_output', name: item.name, output: item.output, isError: item.isError, callId: item.callId };
    case 'agent_handoff':
      return { type: 'agent_handoff', from: item.oldAgentId, to: item.newAgentId };
    case 'agent_config_update':
      return {
        type: 'agent_config_update',
        ...(item.instructions !== undefined ? { instructions: String(item.instructions) } : {}),
        ...(item.toolsAdded ? { added: item.toolsAdded } : {}),
        ...(item.toolsRemoved ? { removed: item.toolsRemoved } : {}),
      };
    default:
      return { type: 'message', role: 'unknown', text: JSON.stringify(item) };
  }
}

function seenTools(toolCtx: llm.ToolContextLike | undefined): SeenTool[] {
  if (!toolCtx) return [];
  return Object.entries(llm.toToolContext(toolCtx).functionTools)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, tool]) => ({ name, description: tool.description, parameters: llm.toJsonSchema(tool.parameters) }));
}
