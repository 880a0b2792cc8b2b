import { elementLabel, misuse } from '../model/errors.js';
import type { GroupStep } from '../model/group-step.js';
import { type StepHandle, handleLabel, isStepHandle } from '../model/step-handle.js';

/**
 * The id a `<Task>`/`<TaskGroup>` runs under: its handle's, or its `id` prop. A `step` prop that
 * is not a handle of the right kind, or an `id` that contradicts the handle, is a mistake that
 * would make the types lie.
 */
export function stepIdOf(tag: 'Task' | 'TaskGroup', kind: StepHandle['kind'], props: { id?: string; step?: unknown }): string | undefined {
  const handle = props.step;
  if (handle === undefined) return props.id;
  if (!isStepHandle(handle) || handle.kind !== kind) {
    const maker = kind === 'task' ? 'defineTask()' : 'defineGroup()';
    throw misuse(elementLabel(tag, props.id), `was given a step prop that is not a ${kind} handle`, `Pass a handle made by ${maker}.`);
  }
  if (props.id !== undefined && props.id !== handle.id) {
    throw misuse(elementLabel(tag, props.id), `has an id and a step prop for ${handleLabel(handle)}`, 'Leave out the id: the handle gives it.');
  }
  return handle.id;
}

/**
 * `runTask(step, element)` types its result by `step`: the element's top-level step must be
 * rendered with it (`expected`, from ExpectedRootContext). Checked by the step with no group around it.
 */
export function assertExpectedRoot(label: string, group: GroupStep | null, expected: StepHandle | null, handle: StepHandle | undefined): void {
  if (group || !expected || expected === handle) return;
  throw misuse(
    label,
    `is the top-level step of runTask(${handleLabel(expected)}, …) but is rendered ${handle ? `with ${handleLabel(handle)}` : 'without a handle'}`,
    `Render the top-level step with step={…} for the handle runTask was given, so the result has the type it promises.`,
  );
}
