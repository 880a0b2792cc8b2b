import { createElement, useContext, useState, type ReactElement } from 'react';
import { elementLabel, misuse } from '../model/errors.js';
import { assertStepId } from '../model/step-id.js';
import { TaskStep } from '../model/task-step.js';
import type { TaskProps } from '../model/types.js';
import { TASK_ELEMENT } from '../renderer/elements.js';
import { ExpectedRootContext, GroupContext, TaskVisitContext, useWorkflow } from '../hooks/contexts.js';
import { CurrentVisit } from './CurrentVisit.js';
import { assertExpectedRoot, stepIdOf } from './step-handle-props.js';

export type { TaskProps };

/**
 * One step of a workflow: a live LiveKit `AgentTask<R>` while it runs. Its children are
 * components that declare the task's tools and behaviour with hooks (`useTool`, `useComplete`,
 * `useOnEnter`, …); they mount when the task starts and unmount when it ends, so going back to
 * the task mounts them fresh.
 *
 * Props: `step` (a handle from `defineTask<R>(id)`: gives the id and types the result for
 * `onComplete`, `useComplete(step)` and `useResult(step)`), or `id` (required inside a group,
 * unique among its siblings, no `/`), `description` (shown
 * to the model when it offers to go back), `instructions` (follows state during a visit),
 * `chatCtx`, `tools` (static LiveKit tools, follow state), `preserveFunctionCallHistory`,
 * `sensitive`, model overrides (`llm`, `tts`, `stt`, `vad`, `turnHandling`, `toolHandling`) and
 * `onComplete(result)`.
 *
 * @example
 * const consent = defineTask<boolean>('consent');
 * <Task step={consent} description="Asks for recording consent" instructions="Get a clear yes or no.">
 *   <CollectConsent />
 * </Task>
 */
export function Task<R = unknown>(props: TaskProps<R>): ReactElement {
  const workflow = useWorkflow('<Task>');
  const group = useContext(GroupContext);
  const enclosing = useContext(TaskVisitContext);
  const expected = useContext(ExpectedRootContext);
  const id = stepIdOf('Task', 'task', props);
  const label = elementLabel('Task', id);
  if (enclosing) {
    throw misuse(label, `is inside ${enclosing.step.label}`, 'Tasks do not nest: put both in a <TaskGroup>, or start the inner one with runTask() from a tool.');
  }
  assertExpectedRoot(label, group, expected, props.step);
  if (group && id === undefined) {
    throw misuse('<Task>', `inside ${group.label} has no id`, 'Give every step of a group an id: <Task id="email" …>.');
  }
  assertStepId(label, id);
  const { children, ...rest } = props;
  const stepProps = (id === props.id ? rest : { ...rest, id }) as TaskProps;
  const [step] = useState(() => new TaskStep(workflow, stepProps));
  return createElement(TASK_ELEMENT, { step, props: stepProps }, createElement(CurrentVisit, { step }, children));
}
