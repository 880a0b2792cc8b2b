import { useContext, useSyncExternalStore } from 'react';
import { GroupContext, useWorkflow } from './contexts.js';

const none = (): Record<string, unknown> => EMPTY;
const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const noSubscription = () => () => {};

/**
 * The results the enclosing `<TaskGroup>` has collected so far, keyed by step id; `{}` outside a
 * group. Use it to render steps that depend on earlier answers.
 *
 * @example
 * const results = useTaskResults();
 * return results.consent === true ? <Task id="notice" …>…</Task> : null;
 */
export function useTaskResults<T extends Record<string, unknown> = Record<string, unknown>>(): Partial<T> {
  useWorkflow('useTaskResults()');
  const group = useContext(GroupContext);
  return useSyncExternalStore(group?.subscribe ?? noSubscription, group?.getResults ?? none) as Partial<T>;
}
