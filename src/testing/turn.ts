import { type llm, voice } from '@livekit/agents';
import type { Workflow } from '../engine/workflow.js';
import type { WorkflowEvent } from '../model/types.js';

/** A tool call of a turn, with its arguments already parsed. */
export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
  /** What the tool returned (JSON) or the ToolError message. */
  output?: string;
  isError?: boolean;
}

/** What one user turn (or the start-up) produced. */
export interface Turn {
  userInput?: string;
  /** LiveKit's assertions over the turn's events (`turn.expect.containsFunctionCall({ name })`). */
  expect: voice.testing.RunAssert;
  events: voice.testing.RunEvent[];
  toolCalls: ToolCallRecord[];
  /** The messages of the turn, user and assistant, in order. */
  messages: Array<{ role: string; text: string }>;
  /** Paths of the tasks and groups that completed during the turn. */
  completed: string[];
  /** Paths the model went back to (`out_of_scope`), empty if none. */
  wentBackTo: string[];
  /**
   * Paths of the tasks entered during the turn, in order; a revisit appears again. Groups are not
   * listed: entering a nested group shows as entering its first task (`card/number`).
   */
  entered: string[];
  /** Set when the turn ended in an error other than going back (a task failed, say). */
  error?: Error;
}

/**
 * Listens to a session and a workflow for the length of one turn. Items LiveKit leaves out of a
 * RunResult (start-up greetings, the next task's greeting after a hand-off) are added from the
 * session's own events.
 */
export class TurnRecorder {
  private readonly items: llm.ChatItem[] = [];
  readonly completed: string[] = [];
  readonly wentBackTo: string[] = [];
  readonly entered: string[] = [];
  private readonly onItem = (event: voice.ConversationItemAddedEvent) => {
    if (event.item.type === 'message') this.items.push(event.item);
  };
  private readonly onTools = (event: voice.FunctionToolsExecutedEvent) => {
    this.items.push(...event.functionCalls, ...event.functionCallOutputs);
  };

  constructor(private readonly session: voice.AgentSession<any>) {
    session.on(voice.AgentSessionEventTypes.ConversationItemAdded, this.onItem);
    session.on(voice.AgentSessionEventTypes.FunctionToolsExecuted, this.onTools);
  }

  record(event: WorkflowEvent): void {
    if (event.type === 'step' && event.status === 'done') this.completed.push(event.path || event.id);
    if (event.type === 'wentBack') this.wentBackTo.push(...event.targets);
    if (event.type === 'entered') this.entered.push(event.path);
  }

  stop(): void {
    this.session.off(voice.AgentSessionEventTypes.ConversationItemAdded, this.onItem);
    this.session.off(voice.AgentSessionEventTypes.FunctionToolsExecuted, this.onTools);
  }

  /** Builds the turn over `result` (a new one for the start-up), adding the items it missed. */
  finish(userInput?: string, result: voice.testing.RunResult = new voice.testing.RunResult(), error?: Error): Turn {
    this.stop();
    const events = result.events;
    const seen = new Set(events.map((event) => event.item.id));
    for (const item of this.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      const event = toRunEvent(item);
      if (!event) continue;
      const at = events.findIndex((other) => other.item.createdAt > item.createdAt);
      events.splice(at < 0 ? events.length : at, 0, event);
    }
    return {
      userInput,
      expect: result.expect,
      events,
      toolCalls: toolCalls(events),
      messages: events.flatMap((event) =>
        event.type === 'message' ? [{ role: event.item.role, text: event.item.textContent ?? '' }] : [],
      ),
      completed: this.completed,
      wentBackTo: this.wentBackTo,
      entered: this.entered,
      error,
    };
  }
}

function toRunEvent(item: llm.ChatItem): voice.testing.RunEvent | undefined {
  if (item.type === 'message') return { type: 'message', item };
  if (item.type === 'function_call') return { type: 'function_call', item };
  if (item.type === 'function_call_output') return { type: 'function_call_output', item };
  return undefined;
}

/** Pairs each call with the first output after it that has its call id (FakeLLM reuses ids across replies). */
function toolCalls(events: voice.testing.RunEvent[]): ToolCallRecord[] {
  const used = new Set<number>();
  return events.flatMap((event, index) => {
    if (event.type !== 'function_call') return [];
    const at = events.findIndex(
      (other, j) => j > index && !used.has(j) && other.type === 'function_call_output' && other.item.callId === event.item.callId,
    );
    used.add(at);
    const output = at >= 0 ? (events[at]!.item as llm.FunctionCallOutput) : undefined;
    return [{ name: event.item.name, args: parseArgs(event.item.args), output: output?.output, isError: output?.isError }];
  });
}

function parseArgs(raw: string): Record<string, unknown> {
  try {
    return JSON.parse(raw || '{}') as Record<string, unknown>;
  } catch {
    return { raw };
  }
}

export type { Workflow };
