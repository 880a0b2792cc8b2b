/**
 * The public types of react-agent-tasks in one place: props, events, callback contexts and the
 * tree as data. Runtime classes implement them; nothing here runs.
 */
import type { llm, voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import type { AnyGroupHandle, ResultOf, StepCompletedEvent, StepMapOf, TaskHandle } from './step-handle.js';

/**
 * userData where no type was given: `unknown`, as LiveKit's `UnknownUserData`, so it is never typed
 * wrong. `withUserData<U>()` gives hooks, tool contexts and callbacks the workflow's own type.
 */
export type DefaultUserData = unknown;

/** Where a step stands in the current visit of its group. */
export type StepStatus = 'pending' | 'active' | 'done' | 'failed' | 'skipped';

/** Props every step has. */
export interface StepProps {
  /** Identifies the step inside its group: the key of its result and the id the model uses to go back. No `/`. */
  id?: string;
  /** What the model is told about the step when it offers to go back to it. */
  description?: string;
  /**
   * Keeps the step's conversation to itself: its tool calls, arguments, outputs and what the user
   * said during it never reach the shared context, the group summary, workflow events, snapshots
   * or checkpoints. Its result reaches only code. Inherited by nested steps.
   */
  sensitive?: boolean;
  /** The reusable component the step comes from (`GetEmail`): diagrams and the inspector show it. */
  collector?: string;
}

type ModelOptions = Pick<voice.AgentOptions<unknown>, 'llm' | 'tts' | 'stt' | 'vad' | 'turnHandling' | 'toolHandling'>;

/** Props of `<Task>`. See the component for the documentation of each. */
export interface TaskProps<R = unknown> extends StepProps, ModelOptions {
  /**
   * The step's handle (`defineTask<R>('email')`): gives the step its id and its result type, which
   * `onComplete`, `useComplete(step)` and `useResult(step)` then share. Leave `id` out when given.
   */
  step?: TaskHandle<R>;
  /** The task's instructions; a change during a visit reaches LiveKit (`updateInstructions`). */
  instructions?: string;
  /** Seeds the task's chat context (a top-level task only; a group's steps share the group's). */
  chatCtx?: llm.ChatContext;
  /** Static LiveKit tools, beside those declared with `useTool`. */
  tools?: llm.ToolContextLike;
  /** Keep the task's tool calls when its context merges into the caller's (top-level task). */
  preserveFunctionCallHistory?: boolean;
  /** Runs once with the result after each successful visit. */
  onComplete?: (result: R) => void | Promise<void>;
  children?: ReactNode;
}

/** What `onTaskCompleted` receives after each step that succeeds (LiveKit's TaskCompletedEvent). */
export interface TaskCompletedEvent<R = unknown, Id extends string = string> {
  agentTask: voice.AgentTask;
  taskId: Id;
  result: R;
  /** Aborts when the session closes: stop long work. */
  signal: AbortSignal;
}

/** The result of a group: one entry per step id, as LiveKit's TaskGroupResult. */
export interface TaskGroupResult<T extends object = Record<string, unknown>> {
  taskResults: T;
  /** The path of the step that ended the group early with `useEndGroup`, if one did. */
  endedBy?: string;
}

/** Props of `<TaskGroup>`. See the component for the documentation of each. */
export interface TaskGroupProps<R = TaskGroupResult> extends StepProps {
  /** Summarize the group's conversation into one message when it ends. Default true. */
  summarize?: boolean;
  /** Record a failing step's error as its result instead of failing the group. Default false. */
  returnExceptions?: boolean;
  /** Seeds the group's shared chat context. */
  chatCtx?: llm.ChatContext;
  /** Runs after each step that succeeds. An error it throws is reported, never replaces the result. */
  onTaskCompleted?: (event: TaskCompletedEvent) => void | Promise<void>;
  /** Keep tool calls when the group's context merges into the caller's (top-level group). */
  preserveFunctionCallHistory?: boolean;
  /** Turns `{ taskResults }` into the group's result, for group components with a result of their own. */
  mapResult?: (result: TaskGroupResult) => R | Promise<R>;
  /** Runs once with the group's result (after `mapResult`) each time the group completes. */
  onComplete?: (result: R) => void | Promise<void>;
  children?: ReactNode;
}

/**
 * Props of `<TaskGroup step={group}>`, a group made with `defineGroup`: its id, `returnExceptions`,
 * `endsEarly` and `mapResult` come from the handle, and every callback is typed by it.
 */
export interface TypedTaskGroupProps<G extends AnyGroupHandle>
  extends Omit<TaskGroupProps<ResultOf<G>>, 'id' | 'onTaskCompleted' | 'mapResult' | 'returnExceptions'> {
  /** The group's handle, from `defineGroup`. */
  step: G;
  /** The id comes from the handle. */
  id?: never;
  /** `mapResult` belongs to `defineGroup(…, { mapResult })`, where it types the group's result. */
  mapResult?: never;
  /** `returnExceptions` belongs to `defineGroup(…, { returnExceptions })`, where it types the results. */
  returnExceptions?: never;
  /** Runs after each step that succeeds; `taskId` tells the steps (and their result types) apart. */
  onTaskCompleted?: (event: StepCompletedEvent<StepMapOf<G>>) => void | Promise<void>;
}

/** What a task's callbacks (`useOnEnter`, `useOnExit`) receive. */
export interface TaskCallbackContext<U = DefaultUserData> {
  session: voice.AgentSession<U>;
  userData: U;
  /** The live AgentTask of this visit. */
  agentTask: voice.AgentTask<unknown, U>;
  /** Completes the task, as `useComplete()` does. */
  complete: (result: unknown) => void;
  /** Aborts when the visit ends or the session closes: stop waiting, stop speaking. */
  signal: AbortSignal;
}

/** What a tool's `execute` receives as its second argument. */
export interface ToolCallContext<U = DefaultUserData, R = unknown> extends Omit<TaskCallbackContext<U>, 'complete'> {
  /** Completes the enclosing task with a result, or fails it with an Error. */
  complete: (result: R | Error) => void;
  /** LiveKit's RunContext for this call (speech handle, function call, …). */
  runContext: voice.RunContext<U>;
  toolCallId: string;
  abortSignal?: AbortSignal;
}

export type ToolParameters = z.ZodObject<z.ZodRawShape>;

/** A tool declared by `useTool` or `<Tool>`. */
export interface ToolDeclaration<P extends ToolParameters | undefined = ToolParameters | undefined, U = DefaultUserData, R = unknown> {
  /** Tells the model when to call the tool. */
  description: string;
  /** A zod object schema for the arguments; calls that do not match go back to the model as a ToolError. */
  parameters?: P;
  /** LiveKit tool flags, e.g. `llm.ToolFlag.IGNORE_ON_ENTER`. */
  flags?: number;
  /** Runs the tool. The latest function passed on render is the one called. */
  execute: (args: P extends ToolParameters ? z.infer<P> : Record<string, never>, ctx: ToolCallContext<U, R>) => unknown;
}

/** The task that holds the session, as `{ id, path }` (`path` is `card/expiry` inside nested groups). */
export interface ActiveTask {
  id: string;
  path: string;
}

/** What a workflow reports as it runs: the testing kit, the CLI and the inspector are built on these. */
export type WorkflowEvent =
  | { type: 'step'; kind: 'task' | 'group'; id: string; path: string; status: StepStatus; entries: number }
  | { type: 'entered'; id: string; path: string; sensitive: boolean }
  | { type: 'wentBack'; from: string; targets: string[] }
  | { type: 'toolsUpdated'; id: string; path: string }
  | { type: 'finished' }
  | { type: 'error'; error: Error };

/** One step of the tree as data. `workflow.tree()` is a text view of it. */
export interface StepSnapshot {
  kind: 'task' | 'group';
  id: string;
  /** `email`, `card/expiry`; `''` for a top-level group. */
  path: string;
  description?: string;
  status: StepStatus;
  /** How many times the step was entered (a revisit counts again). */
  entries: number;
  sensitive: boolean;
  /** The reusable component the step comes from, when it says (the prebuilt collectors do). */
  collector?: string;
  hasResult: boolean;
  /** The step's result, when it has one and is not sensitive. */
  result?: unknown;
  /** A group's steps in order; steps that dropped out are listed as `skipped`. */
  children: StepSnapshot[];
}

/** The whole workflow as data, react-nil style. */
export interface WorkflowSnapshot {
  root: StepSnapshot | null;
  activeTask: ActiveTask | null;
  finished: boolean;
}
