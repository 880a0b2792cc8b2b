import type { AnyStep, Container } from '../model/group-step.js';
import type { StepProps } from '../model/types.js';

/** Private host element names: only `<Task>` and `<TaskGroup>` render them. */
export const TASK_ELEMENT = 'rat-task';
export const GROUP_ELEMENT = 'rat-group';
export type HostType = typeof TASK_ELEMENT | typeof GROUP_ELEMENT;

/** What `<Task>`/`<TaskGroup>` pass their host element: the step it stands for, and its props. */
export interface HostProps {
  step: AnyStep;
  props: StepProps;
}

/** The root of one workflow's host tree, as React's reconciler sees it. */
export interface HostContainer extends Container {
  /** Called after every commit, once layout effects have run (see resetAfterCommit). */
  onCommit(): void;
  /** Set while `FiberRoot.apply` flushes: its caller runs `onCommit`'s work once the flush returns. */
  flushing: boolean;
}
