import { useTaskVisit } from './contexts.js';

/**
 * A stable function that completes the enclosing `<Task>` with a result, or fails it with an
 * Error. Calling it a second time in one visit throws a ToolError (so a model that calls a
 * completion tool twice is told so, and what was collected stays).
 *
 * @example
 * const complete = useComplete<boolean>();
 * useTool('consent_given', { description: 'The user consents.', execute: () => complete(true) });
 */
export function useComplete<R = unknown>(): (result: R | Error) => void {
  return useTaskVisit('useComplete').complete;
}
