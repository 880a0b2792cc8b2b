import { createElement, useContext, useState, useSyncExternalStore, type ReactElement } from 'react';
import { elementLabel, misuse } from '../model/errors.js';
import { GroupStep, type GroupStepProps } from '../model/group-step.js';
import type { AnyGroupHandle } from '../model/step-handle.js';
import { assertStepId } from '../model/step-id.js';
import type { TaskGroupProps, TaskGroupResult, TypedTaskGroupProps } from '../model/types.js';
import { GROUP_ELEMENT } from '../renderer/elements.js';
import { ExpectedRootContext, GroupContext, TaskVisitContext, useWorkflow } from '../hooks/contexts.js';
import { assertExpectedRoot, stepIdOf } from './step-handle-props.js';

export type { TaskGroupProps, TypedTaskGroupProps };

/**
 * An ordered sequence of steps with LiveKit's TaskGroup semantics: each step runs in turn,
 * shares the group's chat context, and the model may go back to any visited step (an
 * `out_of_scope` tool appears once another step has been visited). Its steps are the nearest
 * `<Task>`/`<TaskGroup>` elements below it, in render order, through any components; they are
 * evaluated again before each step, so a step may appear or disappear with earlier answers.
 * Its result is `{ taskResults }`, keyed by step id.
 *
 * Props: `step` (a handle from `defineGroup`: gives the id, `returnExceptions`, `endsEarly` and
 * `mapResult`, and types `onTaskCompleted` and `onComplete`; every step inside must then be
 * rendered with one of its handles), `id` and `description` (when nested in another group),
 * `summarize` (default true), `returnExceptions` (default false), `chatCtx`, `onTaskCompleted`,
 * `preserveFunctionCallHistory`, `sensitive`, `mapResult(result)` (turns `{ taskResults }` into
 * the group's result) and `onComplete(result)` — each runs once per completion of the group.
 *
 * @example
 * const signUp = defineGroup({ name, email });
 * <TaskGroup step={signUp} summarize={false} onTaskCompleted={(e) => console.log(e.taskId, e.result)}>
 *   <Task step={name} description="Collects the name"><AskName /></Task>
 *   <Task step={email} description="Collects the email"><AskEmail /></Task>
 * </TaskGroup>
 */
export function TaskGroup<G extends AnyGroupHandle>(props: TypedTaskGroupProps<G>): ReactElement;
export function TaskGroup<R = TaskGroupResult>(props: TaskGroupProps<R> & { step?: undefined }): ReactElement;
export function TaskGroup(props: GroupStepProps): ReactElement {
  const workflow = useWorkflow('<TaskGroup>');
  const parent = useContext(GroupContext);
  const enclosing = useContext(TaskVisitContext);
  const expected = useContext(ExpectedRootContext);
  const id = stepIdOf('TaskGroup', 'group', props);
  const label = elementLabel('TaskGroup', id);
  if (enclosing) {
    throw misuse(label, `is inside ${enclosing.step.label}`, 'Put the group beside the task in a <TaskGroup>, or start it with runTask() from a tool.');
  }
  assertExpectedRoot(label, parent, expected, props.step);
  if (parent && id === undefined) {
    throw misuse('<TaskGroup>', `nested in ${parent.label} has no id`, 'A nested group is a step of its parent: give it an id and a description.');
  }
  assertStepId(label, id);
  const { children, ...rest } = props;
  const stepProps = rest.step ? fromHandle(label, rest.step, rest) : rest;
  const [step] = useState(() => new GroupStep(workflow, stepProps));
  const generation = useSyncExternalStore(step.subscribe, step.getGeneration);
  return createElement(
    GROUP_ELEMENT,
    { step, props: stepProps },
    // Keyed by the generation: a fresh revisit remounts every step.
    createElement(GroupContext.Provider, { key: generation, value: step }, children),
  );
}

/** A typed group's id and result-shaping options come from its definition, where they type the result. */
function fromHandle(label: string, handle: AnyGroupHandle, props: Omit<GroupStepProps, 'children'>): Omit<GroupStepProps, 'children'> {
  for (const option of ['mapResult', 'returnExceptions'] as const) {
    if (props[option] !== undefined) {
      throw misuse(label, `has a ${option} prop and a step handle`, `Give ${option} to defineGroup(…, { ${option} }) instead: there it types the group's result.`);
    }
  }
  return { ...props, id: handle.id, mapResult: handle.mapResult, returnExceptions: handle.returnExceptions };
}
