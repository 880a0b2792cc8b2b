/**
 * A workflow and a conversation as plain data. Two interpreters turn the same workflow into plain
 * LiveKit classes (plain.ts) and into JSX (jsx.tsx); the conversation is what the user says and
 * what the scripted model answers to each user turn.
 */
import { llm } from '@livekit/agents';

/**
 * What a task's tools do besides `finish_<id>({ value })`, which completes it with `value`:
 * - `note`: `note_<id>({ text })` returns `noted <text>`, the task goes on;
 * - `reject`: `reject_<id>()` throws an `llm.ToolError`;
 * - `crash`: `crash_<id>()` throws a plain `Error` (internal: its text must not reach the model);
 * - `fail`: `fail_<id>({ reason })` fails the task with `new Error(reason)`;
 * - `unlock`: `unlock_<id>()` adds the tool `secret_<id>()` (tools that follow state);
 * - `end`: `end_<id>({ value })` completes the task with `value` through `useEndGroup`, which ends
 *   its group early and successfully (JSX only: LiveKit has no such feature).
 */
export type ToolKind = 'note' | 'reject' | 'crash' | 'fail' | 'unlock' | 'end';

/** Present only while an earlier sibling's result is not `'skip'` (JSX only: LiveKit has no conditional steps). */
export interface Condition {
  unlessSkipped: string;
}

export interface TaskSpec {
  kind: 'task';
  id: string;
  description: string;
  /** Ask for input on entering (a `generateReply` from onEnter). */
  greet: boolean;
  tools: ToolKind[];
  /**
   * A collector: `record_<field>_<id>({ value })` records one field, and the task completes with
   * `{ field: value, … }` once every field is in (it can still be completed at once with finish).
   */
  fields?: string[];
  when?: Condition;
  /** `<Task sensitive>`: its conversation is cut from the context it returns to (JSX only). */
  sensitive?: boolean;
}

export interface GroupSpec {
  kind: 'group';
  /** '' for the top-level group. */
  id: string;
  description: string;
  summarize: boolean;
  returnExceptions: boolean;
  preserveFunctionCallHistory: boolean;
  steps: StepSpec[];
  when?: Condition;
  /** `<TaskGroup sensitive>`: its steps share their context, which is cut where it leaves the group (JSX only). */
  sensitive?: boolean;
}

export type StepSpec = TaskSpec | GroupSpec;

export interface ToolCall {
  name: string;
  args: Record<string, unknown>;
}

/** What the scripted model answers to one user turn. */
export interface Reply {
  content?: string;
  toolCalls?: ToolCall[];
}

export type ClosePoint = 'settled' | 'answered' | 'sent';

export interface Turn {
  /** Unique in its conversation: the scripted model's key. */
  user: string;
  reply: Reply;
  /**
   * The user hangs up during this turn: once it `settled` (the next task is waiting for input),
   * once its run was `answered` (maybe mid-transition), or as soon as it was `sent`.
   */
  closeAfter?: ClosePoint;
}

export interface Scenario {
  /** What produced it, for reports: a seed or a test name. */
  name: string;
  workflow: GroupSpec;
  turns: Turn[];
  /** The parent agent starts with an earlier exchange in its context (the workflow is seeded with it). */
  history?: boolean;
}

/** The instructions of the agent that runs the workflow from its onEnter, both ways. */
export const PARENT_INSTRUCTIONS = 'You are the front desk agent.';

/** What the parent agent's context holds before the workflow when a scenario has `history`. */
export function earlierExchange(): llm.ChatContext {
  const chatCtx = llm.ChatContext.empty();
  chatCtx.addMessage({ role: 'user', content: 'Hi, I would like to open an account.' });
  chatCtx.addMessage({ role: 'assistant', content: 'Sure, I need a few details first.' });
  return chatCtx;
}

/** The user turn sent once the workflow settled: shows what the parent agent's context kept. */
export const AFTERWARDS = 'Is there anything else?';

export const taskInstructions = (id: string): string => `Collect the ${id}.`;

/** The greeting's `generateReply` instructions; FakeLLM keys a reply on a last line `instructions: …`. */
export const greeting = (id: string): string => `Ask the user for the ${id}.\ninstructions: greet ${id}`;

export const toolName = (kind: ToolKind | 'finish' | 'secret', taskId: string): string => `${kind}_${taskId}`;

export const recordTool = (field: string, taskId: string): string => `record_${field}_${taskId}`;

/** What only the JSX interpreter can run: conditions, `end` tools, sensitive steps (plain.ts refuses them). */
export function jsxOnlyFeature(step: StepSpec): string | undefined {
  if (step.when) return 'conditional steps';
  if (step.sensitive) return 'sensitive steps';
  if (step.kind === 'task') return step.tools.includes('end') ? 'useEndGroup' : undefined;
  for (const inner of step.steps) {
    const feature = jsxOnlyFeature(inner);
    if (feature) return feature;
  }
  return undefined;
}
