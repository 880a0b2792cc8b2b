import { useContext, useMemo, useSyncExternalStore } from 'react';
import type { ResumedCall } from '../model/resumed.js';
import { TaskVisitContext, useWorkflow } from './contexts.js';

/** What {@link useResumed} returns when the call resumed from a checkpoint. */
export interface Resumed extends ResumedCall {
  /**
   * True in the components of the first task that runs since the call resumed (the step that was
   * interrupted, or the next one): the place to say "welcome back". False everywhere else.
   */
  firstTask: boolean;
}

/**
 * Whether this call took over a dropped one from a checkpoint (`runTask(…, { checkpoint })`), and
 * what was taken back: `null` for a call that started afresh. Works anywhere inside a workflow;
 * inside a `<Task>`, `firstTask` says whether it is the first task since the resume.
 *
 * @example
 * const resumed = useResumed();
 * useOnEnter(({ session }) => {
 *   session.generateReply({ instructions: resumed?.firstTask ? `Welcome the caller back, then ${ask}` : ask });
 * });
 */
export function useResumed(): Resumed | null {
  const workflow = useWorkflow('useResumed()');
  const visit = useContext(TaskVisitContext);
  // Resuming restores results, so the results' subscription announces it.
  const call = useSyncExternalStore(workflow.subscribeResults, () => workflow.resumed);
  const firstTask = !!visit && workflow.firstVisitSinceResume === visit;
  return useMemo(() => (call ? { ...call, firstTask } : null), [call, firstTask]);
}
