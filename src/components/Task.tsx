import { createElement, useContext, useState, useSyncExternalStore, type ReactElement } from 'react';
import { elementLabel, misuse } from '../errors.js';
import { TASK_ELEMENT } from '../reconciler/nodes.js';
import { GroupContext, TaskVisitContext, useWorkflow } from '../runtime/contexts.js';
import { TaskController, type TaskProps } from '../runtime/task-controller.js';
import { TaskBoundary } from './TaskBoundary.js';

export type { TaskProps };

/**
 * One step of a workflow: a live LiveKit `AgentTask<R>` while it runs. Its children are
 * components that declare the task's tools and behaviour with hooks (`useTool`, `useComplete`,
 * `useOnEnter`, …); they mount when the task starts and unmount when it ends, so going back to
 * the task mounts them fresh.
 *
 * Props: `id` (required inside a group, unique among its siblings), `description` (shown to the
 * model when it offers to go back), `instructions`, `chatCtx`, `tools` (static LiveKit tools),
 * `preserveFunctionCallHistory`, model overrides (`llm`, `tts`, `stt`, `vad`, `turnHandling`,
 * `toolHandling`) and `onComplete(result)`.
 *
 * @example
 * <Task id="consent" description="Asks for recording consent" instructions="Get a clear yes or no.">
 *   <CollectConsent />
 * </Task>
 */
export function Task<R = unknown>(props: TaskProps<R>): ReactElement {
  const workflow = useWorkflow('<Task>');
  const group = useContext(GroupContext);
  const enclosing = useContext(TaskVisitContext);
  const label = elementLabel('Task', props.id);
  if (enclosing) {
    throw misuse(label, `is inside ${enclosing.controller.label}`, 'Tasks do not nest: put both in a <TaskGroup>, or start the inner one with runTask() from a tool.');
  }
  if (group && props.id === undefined) {
    throw misuse('<Task>', `inside ${group.label} has no id`, 'Give every step of a group an id: <Task id="email" …>.');
  }
  const { children, ...step } = props;
  const [controller] = useState(() => new TaskController(workflow, group, step as TaskProps));
  const visit = useSyncExternalStore(controller.subscribe, controller.getVisit);
  return createElement(
    TASK_ELEMENT,
    { controller, step },
    visit &&
      createElement(
        TaskVisitContext.Provider,
        { key: visit.number, value: visit },
        createElement(TaskBoundary, { visit }, children),
      ),
  );
}
