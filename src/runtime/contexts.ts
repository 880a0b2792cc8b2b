import { createContext, useContext } from 'react';
import { misuse } from '../errors.js';
import type { GroupController } from './group-controller.js';
import type { TaskVisit } from './task-visit.js';
import type { Workflow } from './workflow.js';

export const WorkflowContext = createContext<Workflow | null>(null);
export const GroupContext = createContext<GroupController | null>(null);
export const TaskVisitContext = createContext<TaskVisit | null>(null);

export function useWorkflow(user: string): Workflow {
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
