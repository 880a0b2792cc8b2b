import { useSyncExternalStore } from 'react';
import { useWorkflow } from './contexts.js';

/**
 * Every result the workflow has collected so far, from every group, keyed by path: `consent` for
 * a step of the outermost group, `card/number` inside the nested group `card`. A step inside a
 * nested group reads the answers of the groups around it with this. A step that drops out loses
 * its entry in the same commit.
 *
 * @example
 * const results = useWorkflowResults();
 * const greeting = results.name ? `Thanks, ${results.name}.` : 'Hello.';
 */
export function useWorkflowResults<T extends Record<string, unknown> = Record<string, unknown>>(): Partial<T> {
  const workflow = useWorkflow('useWorkflowResults()');
  return useSyncExternalStore(workflow.subscribeResults, workflow.getResults) as Partial<T>;
}
