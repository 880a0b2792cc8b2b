import { misuse } from '../model/errors.js';
import { type AnyTaskHandle, handleLabel } from '../model/step-handle.js';
import type { TaskVisit } from '../model/visit.js';

/**
 * A typed completion is only as good as its tie to the task: the handle a hook is given must be
 * the one the enclosing `<Task>` is rendered with, or the result would reach a step of another type.
 */
export function assertOwnStep(hook: string, visit: TaskVisit, step: AnyTaskHandle): void {
  const own = visit.step.props.step;
  if (own === step) return;
  throw misuse(
    `${hook}(${handleLabel(step)})`,
    `was called inside ${visit.step.label}, which is rendered ${own ? `with ${handleLabel(own)}` : 'without a handle'}`,
    'Pass the handle the enclosing task is rendered with (<Task step={…}>), so the result has the type the step promises.',
  );
}
