/**
 * Errors raised by react-agent-tasks itself. Every message starts with `react-agent-tasks:`,
 * names the component or hook involved and says how to fix the problem.
 */
export class ReactAgentTasksError extends Error {
  override name = 'ReactAgentTasksError';
}

/** A developer mistake (a hook outside `<Task>`, duplicate ids, …): thrown at once. */
export function misuse(subject: string, problem: string, fix: string): ReactAgentTasksError {
  return new ReactAgentTasksError(`react-agent-tasks: ${subject} ${problem}. ${fix}`);
}

/** Raised by `runTask` when the session closes before the workflow finished. */
export class WorkflowClosedError extends ReactAgentTasksError {
  override name = 'WorkflowClosedError';
  constructor(readonly activeTask: string | undefined) {
    super(
      `react-agent-tasks: the session closed while ${
        activeTask ? `<Task id="${activeTask}">` : 'the workflow'
      } was running; the workflow did not finish.`,
    );
  }
}

/** How messages name an element: `<Task id="email">`, or `<TaskGroup>` without an id. */
export function elementLabel(tag: 'Task' | 'TaskGroup', id: string | undefined): string {
  return id === undefined ? `<${tag}>` : `<${tag} id="${id}">`;
}

export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
