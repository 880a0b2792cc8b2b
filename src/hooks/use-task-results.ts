import { useContext, useSyncExternalStore } from 'react';
import { misuse } from '../model/errors.js';
import { enclosingGroupWith } from '../model/find-result.js';
import { type AnyGroupHandle, type GroupResultsOf, handleLabel } from '../model/step-handle.js';
import { GroupContext, useWorkflow } from './contexts.js';

const none = (): Record<string, unknown> => EMPTY;
const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const noSubscription = () => () => {};

/**
 * The results a `<TaskGroup>` has collected so far, keyed by step id. Use it to render steps that
 * depend on earlier answers.
 *
 * Given a group's handle (`defineGroup`), it reads the nearest enclosing group rendered with that
 * handle, typed by its definition: a misspelled id does not compile. Without one it reads the
 * enclosing group, values `unknown`; `{}` outside a group.
 *
 * @example
 * const results = useTaskResults(interview);
 * return results.consent === true ? <Task step={notice} …>…</Task> : null;
 */
export function useTaskResults<G extends AnyGroupHandle>(group: G): Partial<GroupResultsOf<G>>;
export function useTaskResults(): Readonly<Record<string, unknown>>;
/** @deprecated An unchecked assertion: pass the group's handle, `useTaskResults(group)`, instead. */
export function useTaskResults<T extends Record<string, unknown>>(): Partial<T>;
export function useTaskResults(handle?: AnyGroupHandle): Readonly<Record<string, unknown>> {
  useWorkflow('useTaskResults()');
  const enclosing = useContext(GroupContext);
  const group = handle === undefined ? enclosing : enclosingGroupWith(enclosing, handle);
  if (handle !== undefined && !group) {
    throw misuse(`useTaskResults(${handleLabel(handle)})`, 'was called outside the <TaskGroup> rendered with that handle', 'Call it from a component inside <TaskGroup step={…}>, or read one step anywhere with useResult(step).');
  }
  return useSyncExternalStore(group?.subscribe ?? noSubscription, group?.getResults ?? none);
}
