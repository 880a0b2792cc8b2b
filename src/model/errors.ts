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

/**
 * Raised by `runTask` when its workflow stops before it finished: the session closed, or a step
 * handed the session to another agent. `results` holds what was collected so far, by path.
 */
export class WorkflowClosedError extends ReactAgentTasksError {
  override name = 'WorkflowClosedError';
  constructor(
    readonly activeTask: string | undefined,
    readonly results: Readonly<Record<string, unknown>> = {},
    readonly reason: 'closed' | 'handed off' = 'closed',
  ) {
    const where = activeTask ? `<Task id="${activeTask}">` : 'the workflow';
    super(
      reason === 'closed'
        ? `react-agent-tasks: the session closed while ${where} was running; the workflow did not finish.`
        : `react-agent-tasks: ${where} handed the session to another agent; the workflow did not finish.`,
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
