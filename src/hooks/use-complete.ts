import type { AnyTaskHandle, ResultOf } from '../model/step-handle.js';
import { assertOwnStep } from './assert-own-step.js';
import { useTaskVisit } from './contexts.js';

/**
 * A stable function that completes the enclosing `<Task>` with a result, or fails it with an
 * Error. Calling it a second time in one visit throws a ToolError (so a model that calls a
 * completion tool twice is told so, and what was collected stays).
 *
 * Given the task's handle it takes only the handle's result type, and it checks that the
 * enclosing `<Task>` is rendered with that handle. Without one it takes anything.
 *
 * @example
 * const consent = defineTask<boolean>('consent');
 * const complete = useComplete(consent); // inside <Task step={consent}>
 * useTool('consent_given', { description: 'The user consents.', execute: () => complete(true) });
 */
export function useComplete<H extends AnyTaskHandle>(step: H): (result: ResultOf<H> | Error) => void;
export function useComplete(): (result: unknown) => void;
/** @deprecated An unchecked assertion: pass the task's handle, `useComplete(step)`, instead. */
export function useComplete<R>(): (result: R | Error) => void;
export function useComplete(step?: AnyTaskHandle): (result: unknown) => void {
  const visit = useTaskVisit('useComplete');
  if (step !== undefined) assertOwnStep('useComplete', visit, step);
  return visit.complete;
}
