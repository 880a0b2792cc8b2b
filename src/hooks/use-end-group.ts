import { useContext } from 'react';
import { misuse } from '../model/errors.js';
import { GroupContext, useTaskVisit } from './contexts.js';

/**
 * A stable function that completes the enclosing `<Task>` with a result and ends its group
 * early and successfully: the steps after it do not run, the group summarizes (if it does) and
 * resolves with what was collected, with `endedBy` set to this step's path. For a consent that is
 * declined, a candidate who is disqualified.
 *
 * @example
 * const endGroup = useEndGroup<boolean>();
 * useTool('consent_denied', { description: 'The user declines.', execute: () => endGroup(false) });
 */
export function useEndGroup<R = unknown>(): (result: R) => void {
  const visit = useTaskVisit('useEndGroup');
  if (!useContext(GroupContext)) {
    throw misuse('useEndGroup()', `was called in ${visit.step.label}, which is not inside a <TaskGroup>`, 'Use useComplete() to end a task that has no group.');
  }
  return visit.endGroup as (result: R) => void;
}
