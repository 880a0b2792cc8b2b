import type { GroupController } from '../runtime/group-controller.js';
import type { StepProps } from '../runtime/step-controller.js';
import type { TaskController } from '../runtime/task-controller.js';
import { elementLabel, misuse } from '../errors.js';

/** Private host element names: only `<Task>` and `<TaskGroup>` render them. */
export const TASK_ELEMENT = 'rat-task';
export const GROUP_ELEMENT = 'rat-group';
export type HostType = typeof TASK_ELEMENT | typeof GROUP_ELEMENT;

/** A step's controller; `kind` tells which. */
export type Step = TaskController | GroupController;

export interface HostProps {
  controller: Step;
  step: StepProps;
}

/** A step in the host tree. It only records order and nesting; the live AgentTask lives on its controller. */
export interface StepNode {
  type: HostType;
  controller: Step;
  props: StepProps;
  parent: StepNode | Container | null;
  children: StepNode[];
}

/** The root of one workflow's host tree. */
export interface Container {
  type: 'root';
  children: StepNode[];
  /** Called after every commit, once layout effects have run (see resetAfterCommit). */
  onCommit(): void;
}

export type ParentNode = StepNode | Container;

export function createStepNode(type: string, props: HostProps): StepNode {
  if (type !== TASK_ELEMENT && type !== GROUP_ELEMENT) {
    throw misuse(
      `<${type}>`,
      'is not an element react-agent-tasks can render',
      'Only <Task>, <TaskGroup> and components that render them may appear in a workflow.',
    );
  }
  return { type, controller: props.controller, props: props.step, parent: null, children: [] };
}

function displayName(node: StepNode): string {
  return elementLabel(node.type === TASK_ELEMENT ? 'Task' : 'TaskGroup', node.props.id);
}

function assertUniqueId(parent: ParentNode, child: StepNode): void {
  const id = child.props.id;
  if (id === undefined) return;
  const clash = parent.children.find((sibling) => sibling !== child && sibling.props.id === id);
  if (clash) {
    const where = parent.type === 'root' ? 'the workflow root' : displayName(parent);
    throw misuse(
      displayName(child),
      `has the same id as a sibling step in ${where}`,
      'Give every <Task> and <TaskGroup> in one group a unique id.',
    );
  }
}

export function appendChild(parent: ParentNode, child: StepNode): void {
  detach(child);
  assertUniqueId(parent, child);
  child.parent = parent;
  parent.children.push(child);
}

export function insertBefore(parent: ParentNode, child: StepNode, before: StepNode): void {
  detach(child);
  assertUniqueId(parent, child);
  child.parent = parent;
  const index = parent.children.indexOf(before);
  parent.children.splice(index < 0 ? parent.children.length : index, 0, child);
}

export function removeChild(parent: ParentNode, child: StepNode): void {
  const index = parent.children.indexOf(child);
  if (index >= 0) parent.children.splice(index, 1);
  child.parent = null;
}

function detach(child: StepNode): void {
  if (child.parent) removeChild(child.parent, child);
}

/** The steps of a group, in render order (the host tree already skips plain components). */
export function stepsOf(node: StepNode | Container): Step[] {
  return node.children.map((child) => child.controller);
}
