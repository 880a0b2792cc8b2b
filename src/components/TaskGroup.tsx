import { Fragment, createElement, useContext, useState, useSyncExternalStore, type ReactElement } from 'react';
import { elementLabel, misuse } from '../model/errors.js';
import { GroupStep } from '../model/group-step.js';
import type { TaskGroupProps, TaskGroupResult } from '../model/types.js';
import { GROUP_ELEMENT } from '../renderer/elements.js';
import { GroupContext, TaskVisitContext, useWorkflow } from '../hooks/contexts.js';
import { assertStepId } from './step-id.js';

export type { TaskGroupProps };

/**
 * An ordered sequence of steps with LiveKit's TaskGroup semantics: each step runs in turn,
 * shares the group's chat context, and the model may go back to any visited step (an
 * `out_of_scope` tool appears once another step has been visited). Its steps are the nearest
 * `<Task>`/`<TaskGroup>` elements below it, in render order, through any components; they are
 * evaluated again before each step, so a step may appear or disappear with earlier answers.
 * Its result is `{ taskResults }`, keyed by step id.
 *
 * Props: `id` and `description` (when nested in another group), `summarize` (default true),
 * `returnExceptions` (default false), `chatCtx`, `onTaskCompleted`, `preserveFunctionCallHistory`,
 * `sensitive`, `mapResult(result)` (turns `{ taskResults }` into the group's result) and
 * `onComplete(result)` — each runs once per completion of the group.
 *
 * @example
 * <TaskGroup summarize={false} onTaskCompleted={(e) => console.log(e.taskId, e.result)}>
 *   <Task id="name" description="Collects the name"><AskName /></Task>
 *   <Task id="email" description="Collects the email"><AskEmail /></Task>
 * </TaskGroup>
 */
export function TaskGroup<R = TaskGroupResult>(props: TaskGroupProps<R>): ReactElement {
  const workflow = useWorkflow('<TaskGroup>');
  const parent = useContext(GroupContext);
  const enclosing = useContext(TaskVisitContext);
  const label = elementLabel('TaskGroup', props.id);
  if (enclosing) {
    throw misuse(label, `is inside ${enclosing.step.label}`, 'Put the group beside the task in a <TaskGroup>, or start it with runTask() from a tool.');
  }
  if (parent && props.id === undefined) {
    throw misuse('<TaskGroup>', `nested in ${parent.label} has no id`, 'A nested group is a step of its parent: give it an id and a description.');
  }
  assertStepId(label, props.id);
  const { children, ...stepProps } = props;
  const [step] = useState(() => new GroupStep(workflow, stepProps as TaskGroupProps<unknown>));
  const generation = useSyncExternalStore(step.subscribe, step.getGeneration);
  return createElement(
    GROUP_ELEMENT,
    { step, props: stepProps as TaskGroupProps<unknown> },
    createElement(GroupContext.Provider, { value: step }, createElement(Fragment, { key: generation }, children)),
  );
}
