import { useContext } from 'react';
import { misuse } from '../model/errors.js';
import type { AnyTaskHandle, ResultOf } from '../model/step-handle.js';
import { assertOwnStep } from './assert-own-step.js';
import { GroupContext, useTaskVisit } from './contexts.js';

/**
 * A stable function that completes the enclosing `<Task>` with a result and ends its group
 * early and successfully: the steps after it do not run, the group summarizes (if it does) and
 * resolves with what was collected, with `endedBy` set to this step's path. For a consent that is
 * declined, a candidate who is disqualified. In a group made with `defineGroup`, the definition
 * must say `endsEarly: true` (its result type then says later steps may be missing).
 *
 * @example
 * const endGroup = useEndGroup(consent);
 * useTool('consent_denied', { description: 'The user declines.', execute: () => endGroup(false) });
 */
export function useEndGroup<H extends AnyTaskHandle>(step: H): (result: ResultOf<H>) => void;
export function useEndGroup(): (result: unknown) => void;
/** @deprecated An unchecked assertion: pass the task's handle, `useEndGroup(step)`, instead. */
export function useEndGroup<R>(): (result: R) => void;
export function useEndGroup(step?: AnyTaskHandle): (result: unknown) => void {
  const visit = useTaskVisit('useEndGroup');
  const group = useContext(GroupContext);
  if (!group) {
    throw misuse('useEndGroup()', `was called in ${visit.step.label}, which is not inside a <TaskGroup>`, 'Use useComplete() to end a task that has no group.');
  }
  if (group.props.step && !group.props.step.endsEarly) {
    throw misuse(
      'useEndGroup()',
      `was called in ${visit.step.label}, whose ${group.label} is defined without endsEarly`,
      'Add { endsEarly: true } to its defineGroup(), so its result type says the steps after this one may have no result.',
    );
  }
  if (step !== undefined) assertOwnStep('useEndGroup', visit, step);
  return visit.endGroup;
}
