import { llm } from '@livekit/agents';
import { z } from 'zod';
import type { AnyStep, GroupStep } from './group-step.js';
import type { TaskVisit } from './visit.js';

/** Completes the running step when the model asks to go back; the groups above it catch it. */
export class OutOfScopeError extends llm.ToolError {
  constructor(readonly targetTaskIds: string[]) {
    super('out_of_scope');
  }
}

/**
 * The steps the model may go back to from `current`: every visited step of the whole workflow
 * (nested ones as `group/step`), except `current` and the groups that contain it. For one flat
 * group this is exactly LiveKit's list: the visited task ids but the current one.
 */
export function regressionTargets(current: AnyStep): Map<string, string> {
  const excluded = new Set<string>();
  let outermost: GroupStep | null = null;
  for (let step: AnyStep | null = current; step; step = step.group as GroupStep | null) {
    excluded.add(step.path);
    if (step.group) outermost = step.group as GroupStep;
  }
  const targets = new Map<string, string>();
  const walk = (group: GroupStep): void => {
    for (const id of group.visited) {
      const step = group.stepById(id);
      if (!step) continue;
      if (!excluded.has(step.path)) targets.set(step.path, step.props.description ?? '');
      if (step.kind === 'group') walk(step);
    }
  };
  if (outermost) walk(outermost);
  return targets;
}

/**
 * LiveKit's `out_of_scope` tool: same name, argument, flag, description and error text. Where
 * LiveKit does what a caller would call a bug, it does better (README, "Going back"): an empty
 * list is refused instead of restarting the step, an id given twice is visited once, and a step
 * that already completed in the same reply is not told it went back.
 */
export function outOfScopeTool(handle: TaskVisit['handle'], targets: Map<string, string>) {
  const { description, parameters } = outOfScopeShape(targets);
  return llm.tool({
    name: 'out_of_scope',
    description,
    flags: llm.ToolFlag.IGNORE_ON_ENTER,
    parameters,
    execute: async ({ task_ids }: { task_ids: string[] }) => {
      for (const id of task_ids) {
        if (!targets.has(id)) throw new llm.ToolError(`Unable to regress, invalid task id ${id}`);
      }
      if (task_ids.length === 0) throw new llm.ToolError('Unable to regress, no task id was given');
      const current = handle.visit;
      if (!current || current.isSettled || current.ended) throw new llm.ToolError('Unable to regress, the current task already completed');
      current.runtime.goBack(current, [...new Set(task_ids)]);
    },
  });
}

function outOfScopeParameters(taskIds: [string, ...string[]]) {
  return z.object({ task_ids: z.array(z.enum(taskIds)).describe('The IDs of the tasks requested') });
}

type OutOfScopeShape = { description: string; parameters: ReturnType<typeof outOfScopeParameters> };

/** Recent shapes by target list: every visit of a step offers the same tool, and building its schema costs. */
const shapes = new Map<string, OutOfScopeShape>();
const SHAPES_KEPT = 64;

function outOfScopeShape(targets: Map<string, string>): OutOfScopeShape {
  const listed = JSON.stringify(Object.fromEntries(targets));
  let shape = shapes.get(listed);
  if (!shape) {
    shape = {
      description:
        'Call to regress to other tasks according to what the user requested to modify, return the corresponding task ids. ' +
        'For example, if the user wants to change their email and there is a task with id "email_task" with a description of "Collect the user\'s email", return the id ("get_email_task"). ' +
        'If the user requests to regress to multiple tasks, such as changing their phone number and email, return both task ids in the order they were requested. ' +
        `The following are the IDs and their corresponding task description. ${listed}`,
      parameters: outOfScopeParameters([...targets.keys()] as [string, ...string[]]),
    };
    if (shapes.size >= SHAPES_KEPT) shapes.delete(shapes.keys().next().value!);
  }
  // Most recently used last, so the oldest is the one let go.
  shapes.delete(listed);
  shapes.set(listed, shape);
  return shape;
}
