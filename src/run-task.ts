import { Task, type llm } from '@livekit/agents';
import type { ReactNode } from 'react';
import { Workflow, type WorkflowOptions } from './engine/workflow.js';
import { misuse } from './model/errors.js';
import type { TaskGroupResult } from './model/types.js';

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
 * @example
 * async onEnter() {
 *   const { taskResults } = await runTask(<Interview />, { chatCtx: this.chatCtx });
 * }
 */
export async function runTask<R = TaskGroupResult>(element: ReactNode, options: RunTaskOptions = {}): Promise<R> {
  if (!Task.current()) {
    throw misuse('runTask()', 'was called outside a LiveKit agent', "Await it inside an Agent's onEnter/onExit or inside a tool's execute, as AgentTask.run() is.");
  }
  return (await new Workflow(element, options).run()) as R;
}
