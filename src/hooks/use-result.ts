import { useCallback, useContext, useSyncExternalStore } from 'react';
import { resultOfHandle } from '../model/find-result.js';
import type { ResultOf, StepHandle } from '../model/step-handle.js';
import { GroupContext, useWorkflow } from './contexts.js';

/**
 * The result of the step rendered with `step`, typed by its handle, or undefined until it has one
 * (and after it drops out of the tree). Works from any component of the workflow: a later step's
 * render or tools, a step inside a nested group reading an outer one, or the reverse. A handle
 * rendered in two places resolves to the nearer one. A step whose error was recorded
 * (`returnExceptions`) has no result: read the error from `useTaskResults(group)`.
 *
 * @example
 * const name = useResult(nameStep); // { firstName?: string; … } | undefined
 * useOnEnter(({ session }) => session.generateReply({ instructions: `Greet ${name?.firstName ?? 'the caller'}.` }));
 */
export function useResult<H extends StepHandle>(step: H): ResultOf<H> | undefined {
  const workflow = useWorkflow('useResult()');
  const group = useContext(GroupContext);
  const read = useCallback(() => {
    const result = resultOfHandle(group, step);
    return result instanceof Error ? undefined : result;
  }, [group, step]);
  return useSyncExternalStore(workflow.subscribeResults, read) as ResultOf<H> | undefined;
}
