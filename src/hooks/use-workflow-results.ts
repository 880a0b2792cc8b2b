import { useContext, useSyncExternalStore } from 'react';
import { misuse } from '../model/errors.js';
import { outermostGroup } from '../model/find-result.js';
import { type AnyGroupHandle, type WorkflowResultsOf, handleLabel } from '../model/step-handle.js';
import { GroupContext, useWorkflow } from './contexts.js';

/**
 * Every result the workflow has collected so far, from every group, keyed by path: `consent` for
 * a step of the outermost group, `card/number` inside the nested group `card`. A step inside a
 * nested group reads the answers of the groups around it with this. A step that drops out loses
 * its entry in the same commit.
 *
 * Given the handle of the workflow's top-level group, every path is typed (`'card/expiry'`
 * included) and a misspelled one does not compile; it checks that the top-level group is rendered
 * with that handle.
 *
 * @example
 * const results = useWorkflowResults(booking);
 * const greeting = results.name ? `Thanks, ${results.name.firstName}.` : 'Hello.';
 */
export function useWorkflowResults<G extends AnyGroupHandle>(root: G): WorkflowResultsOf<G>;
export function useWorkflowResults(): Readonly<Record<string, unknown>>;
/** @deprecated An unchecked assertion: pass the top-level group's handle, `useWorkflowResults(root)`, instead. */
export function useWorkflowResults<T extends Record<string, unknown>>(): Partial<T>;
export function useWorkflowResults(root?: AnyGroupHandle): Readonly<Record<string, unknown>> {
  const workflow = useWorkflow('useWorkflowResults()');
  const group = useContext(GroupContext);
  if (root !== undefined && (!group || outermostGroup(group).props.step !== root)) {
    throw misuse(
      `useWorkflowResults(${handleLabel(root)})`,
      group ? "was called in a workflow whose top-level group is not rendered with that handle, so its paths would not match" : 'was called outside any <TaskGroup>',
      'Pass the handle of the top-level <TaskGroup step={…}>, and call it from inside that group.',
    );
  }
  return useSyncExternalStore(workflow.subscribeResults, workflow.getResults);
}
