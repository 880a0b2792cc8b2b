import { Task, type llm } from '@livekit/agents';
import type { ReactNode } from 'react';
import { Workflow, type WorkflowOptions } from './engine/workflow.js';
import { misuse } from './model/errors.js';
import type { ResultOf, StepHandle } from './model/step-handle.js';
import { type ComponentResult, type PropsThenOptions, type TaskComponent, workflowSource } from './workflow-source.js';

/** Options of {@link runTask}. */
export interface RunTaskOptions extends WorkflowOptions {
  /** Seeds the workflow's chat context, usually the calling agent's `this.chatCtx`. */
  chatCtx?: llm.ChatContext;
}

/**
 * Renders a workflow (`<Task>` or `<TaskGroup>`, directly or through components) into a fresh
 * root, runs it in the current session and resolves with its result: the task's result, or a
 * group's `{ taskResults }`. Same contract as `AgentTask.run()`: await it inside an Agent's
 * `onEnter`/`onExit` or inside a tool; its top-level step is the AgentTask that runs, so a turn
 * right after `session.start()` reaches it. When it settles the tree is unmounted and every
 * cleanup has run; when the session closes first (or a step hands the session to another agent)
 * it rejects with a `WorkflowClosedError` holding the results collected so far — unless every
 * step had already completed, then it resolves with the result. With `checkpoint: { store, key }`
 * it saves its progress between steps and resumes a dropped call (README "Durable workflows").
 *
 * JSX does not say what an element returns, so the result is typed when it is given as
 * `runTask(step, element)` (the top-level step's handle; checked: the element's top-level step
 * must be rendered with it) or `runTask(Component, props)` (a component with a typed `step` prop,
 * such as the prebuilt collectors). `runTask(element)` resolves with `unknown`.
 *
 * @example
 * async onEnter() {
 *   const { taskResults } = await runTask(interview, <Interview />, { chatCtx: this.chatCtx });
 *   const email = await runTask(GetEmail, { requireConfirmation: true }); // GetEmailResult
 * }
 */
export function runTask<H extends StepHandle>(step: H, element: ReactNode, options?: RunTaskOptions): Promise<ResultOf<H>>;
export function runTask<C extends TaskComponent>(component: C, ...args: PropsThenOptions<C, RunTaskOptions>): Promise<ComponentResult<C>>;
export function runTask(element: ReactNode, options?: RunTaskOptions): Promise<unknown>;
/** @deprecated An unchecked assertion: pass the top-level step's handle, `runTask(step, element)`, or a component, `runTask(Component, props)`. */
export function runTask<R>(element: ReactNode, options?: RunTaskOptions): Promise<R>;
export async function runTask(...args: unknown[]): Promise<unknown> {
  if (!Task.current()) {
    throw misuse('runTask()', 'was called outside a LiveKit agent', "Await it inside an Agent's onEnter/onExit or inside a tool's execute, as AgentTask.run() is.");
  }
  const { element, options } = workflowSource<RunTaskOptions>(args);
  return new Workflow(element, options ?? {}).run();
}
