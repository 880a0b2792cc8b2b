/**
 * The one place the testing kit reads a workflow's tree: the core's `workflow.snapshot()` (the
 * tree as data) and `workflow.tree()` (its text view).
 */
import type { Workflow } from '../engine/workflow.js';
import type { StepSnapshot } from '../model/types.js';

export type StepView = StepSnapshot;

/** The tree as text, exactly as `workflow.tree()` gives it. */
export function treeText(workflow: Workflow): string {
  return workflow.tree();
}

/** The tree as data, or null before the first render. */
export function rootStep(workflow: Workflow): StepView | null {
  return workflow.snapshot().root;
}

/** Every step under `root` (itself included), depth first. */
export function allSteps(root: StepView | null): StepView[] {
  if (!root) return [];
  return [root, ...root.children.flatMap(allSteps)];
}
