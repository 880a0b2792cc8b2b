import type { llm } from '@livekit/agents';
import type { ReactNode } from 'react';
import { WorkflowClosedError } from './errors.js';
import type { TaskGroupResult } from './runtime/group-controller.js';
import { WorkflowAgentTask } from './runtime/workflow-agent-task.js';
import type { WorkflowOptions } from './runtime/workflow.js';

/** Options of {@link runTask}. */
export interface RunTaskOptions extends WorkflowOptions {
  /** Seeds the workflow's chat context, usually the calling agent's `this.chatCtx`. */
  chatCtx?: llm.ChatContext;
}

/**
 * Renders a workflow (`<Task>` or `<TaskGroup>`, directly or through components) into a fresh
 * root, runs it in the current session and resolves with its result: the task's result, or a
 * group's `{ taskResults }`. Same contract as `AgentTask.run()`: await it inside an Agent's
 * `onEnter`/`onExit` or inside a tool. When it settles the tree is unmounted and every cleanup
 * has run; when the session closes first it rejects with a `WorkflowClosedError`.
 *
 * @example
 * async onEnter() {
 *   const { taskResults } = await runTask(<Interview />, { chatCtx: this.chatCtx });
 * }
 */
export async function runTask<R = TaskGroupResult>(element: ReactNode, options: RunTaskOptions = {}): Promise<R> {
  const host = new WorkflowAgentTask(element, options);
  const running = host.run();
  running.catch(() => {});
  try {
    return (await Promise.race([running, host.closed])) as R;
  } catch (error) {
    const workflow = host.workflow;
    if (workflow?.closed && !(error instanceof WorkflowClosedError)) throw new WorkflowClosedError(workflow.lastEntered);
    throw error;
  } finally {
    host.dispose();
  }
}
