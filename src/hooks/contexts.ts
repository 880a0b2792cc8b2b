import { createContext, useContext } from 'react';
import { misuse } from '../model/errors.js';
import type { GroupStep } from '../model/group-step.js';
import type { WorkflowRuntime } from '../model/runtime.js';
import type { StepHandle } from '../model/step-handle.js';
import type { TaskVisit } from '../model/visit.js';

/** The workflow a tree renders in, the group a step belongs to, the visit a task's components serve. */
export const WorkflowContext = createContext<WorkflowRuntime | null>(null);
export const GroupContext = createContext<GroupStep | null>(null);
export const TaskVisitContext = createContext<TaskVisit | null>(null);
/**
 * The handle `runTask(step, element)` promised the element's top-level step is rendered with:
 * the result is typed by it, so the top-level `<Task>`/`<TaskGroup>` checks it.
 */
export const ExpectedRootContext = createContext<StepHandle | null>(null);

export function useWorkflow(user: string): WorkflowRuntime {
  const workflow = useContext(WorkflowContext);
  if (!workflow) {
    throw misuse(user, 'was used outside a workflow', 'Render it with runTask(), createAgent() or renderWorkflow() from react-agent-tasks/testing.');
  }
  return workflow;
}

/** The visit of the enclosing `<Task>`; hooks that belong to a task call this. */
export function useTaskVisit(hook: string): TaskVisit {
  const visit = useContext(TaskVisitContext);
  if (!visit) {
    throw misuse(`${hook}()`, 'was called outside a <Task>', `Call ${hook} from a component rendered inside <Task>…</Task>.`);
  }
  return visit;
}
