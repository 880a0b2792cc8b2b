import { elementLabel, misuse } from './errors.js';
import { type AnyGroupHandle, handleLabel } from './step-handle.js';
import { Step } from './step.js';
import type { TaskStep } from './task-step.js';
import type { TaskGroupProps, TaskGroupResult } from './types.js';

/** What a group step holds: its props, and the handle it was rendered with (`<TaskGroup step={…}>`). */
export type GroupStepProps = TaskGroupProps<unknown> & { step?: AnyGroupHandle };

/** A step of a group: a task or a nested group. */
export type AnyStep = TaskStep | GroupStep;

/**
 * What a group runs next: a step by id, either `fresh` (a new visit, remounted) or resumed with
 * `targets` inside it (paths relative to that step) followed by whatever it was doing when going
 * back interrupted it.
 */
export interface QueueEntry {
  id: string;
  fresh: boolean;
  targets: string[];
}

/** The root of one workflow's tree: the renderer's container. */
export interface Container {
  readonly kind: 'root';
  children: AnyStep[];
}

/** The state of one `<TaskGroup>` element across its visits; its `children` are its steps in render order. */
export class GroupStep extends Step<GroupStepProps> {
  readonly kind = 'group';
  readonly children: AnyStep[] = [];
  /** Keys the group's children: a fresh revisit remounts them all. */
  generation = 0;
  results: Record<string, unknown> = {};
  /** Ids of the steps visited in the current visit, in the order first visited. */
  readonly visited = new Set<string>();
  /** Steps that left the tree after they were visited (conditions that turned false), by id. */
  readonly skipped = new Map<string, { kind: 'task' | 'group'; description?: string }>();
  /** Where to pick up when going back to a step outside this group interrupted it. */
  interrupted: QueueEntry[] = [];
  /** The path of the step that ended this visit early (`useEndGroup`). */
  endedBy: string | undefined;
  /** Set once the visit ran all its steps (it summarizes and maps its result now). */
  finishing = false;

  getGeneration = (): number => this.generation;
  getResults = (): Record<string, unknown> => this.results;

  stepById(id: string): AnyStep | undefined {
    return this.children.find((step) => step.id === id);
  }

  /** Starts a visit and returns the entries to run first. Call inside `runtime.batch`. */
  beginVisit(entry: QueueEntry): QueueEntry[] {
    // A group restored as done from a checkpoint was not entered in this process yet, and a fresh
    // revisit of it starts over all the same.
    if (entry.fresh && (this.entries > 0 || this.status === 'done')) this.clearVisitState();
    assertRequiredStepsRendered(this);
    this.endedBy = undefined;
    this.finishing = false;
    this.entries++;
    this.setStatus('active');
    const resume = entry.fresh ? [] : this.interrupted;
    this.interrupted = [];
    return [...planTargets(entry.targets), ...resume];
  }

  endVisit(status: 'pending' | 'done' | 'failed' | 'skipped'): void {
    this.setStatus(status);
  }

  // What a checkpoint saved of the group, taken back when a dropped call resumes (engine/checkpointing.ts).

  /**
   * Takes back the results and the ids visited that a checkpoint saved. Call inside
   * `runtime.batch`, then {@link settleRestored} once that commit has rendered the steps that
   * appear with those results.
   */
  restore(results: Record<string, unknown>, visited: readonly string[]): void {
    this.results = { ...results };
    this.visited.clear();
    for (const id of visited) this.visited.add(id);
    this.notify();
    this.runtime.resultsChanged();
  }

  /**
   * After {@link restore}'s commit: results and visits of steps this workflow does not render are
   * dropped, and the steps with a result count as done. Call inside `runtime.batch`.
   */
  settleRestored(): void {
    const kept = Object.entries(this.results).filter(([id]) => this.stepById(id));
    const dropped = kept.length !== Object.keys(this.results).length;
    if (dropped) this.results = Object.fromEntries(kept);
    for (const id of [...this.visited]) if (!this.stepById(id)) this.visited.delete(id);
    for (const child of this.children) {
      if (child.status === 'pending' && Object.hasOwn(this.results, child.id)) child.markRestored();
    }
    if (dropped) {
      this.notify();
      this.runtime.resultsChanged();
    }
  }

  /** Forgets a restored state (the version policy said restart): every step mounts afresh. Call inside `runtime.batch`. */
  forgetRestored(): void {
    this.clearVisitState();
    this.notify();
    this.runtime.resultsChanged();
  }

  private clearVisitState(): void {
    this.generation++;
    this.results = {};
    this.visited.clear();
    this.skipped.clear();
    this.interrupted = [];
  }

  setResult(id: string, result: unknown): void {
    this.results = { ...this.results, [id]: result };
    this.skipped.delete(id);
    this.notify();
    this.runtime.resultsChanged();
  }

  /** The group's result: what its steps still in the tree collected. */
  result(): TaskGroupResult {
    assertRequiredResults(this);
    return this.endedBy === undefined ? { taskResults: this.results } : { taskResults: this.results, endedBy: this.endedBy };
  }

  // The renderer's edits of the step list (see renderer/host-config.ts).

  insert(child: AnyStep, before?: AnyStep): void {
    assertDefinedStep(this, child);
    place(this, child, before);
  }

  /** A step left the tree: a running visit of it ends at once. */
  remove(child: AnyStep): void {
    const index = this.children.indexOf(child);
    if (index >= 0) this.children.splice(index, 1);
    markRemoved(child);
  }

  /**
   * After the commit that removed `child`: unless a step with its id took its place (a remount),
   * its result goes and, if it was visited, it shows as skipped.
   */
  settleRemoval(child: AnyStep): void {
    if (this.stepById(child.id)) return;
    let changed = false;
    if (child.id in this.results) {
      const { [child.id]: _dropped, ...rest } = this.results;
      this.results = rest;
      changed = true;
    }
    if (this.visited.delete(child.id)) {
      this.skipped.set(child.id, { kind: child.kind, description: child.props.description });
      changed = true;
    }
    if (changed) {
      this.notify();
      this.runtime.resultsChanged();
      this.runtime.stepChanged(this);
    }
  }
}

/** Marks a step and everything below it as gone; a running task visit ends (the group skips it). */
export function markRemoved(step: AnyStep): void {
  step.removed = true;
  if (step.kind === 'group') step.children.forEach(markRemoved);
  else step.visit?.fail(new StepRemovedError(step.path));
}

/** Ends a visit whose step left the tree; the group records the step as skipped and goes on. */
export class StepRemovedError extends Error {
  constructor(readonly path: string) {
    super(`the step "${path}" left the tree while it was running`);
  }
}

function assertUniqueId(parent: GroupStep | Container, child: AnyStep): void {
  const id = child.props.id;
  if (id === undefined) return;
  const clash = parent.children.find((sibling) => sibling !== child && sibling.props.id === id);
  if (clash) {
    const where = parent.kind === 'root' ? 'the workflow root' : parent.label;
    throw misuse(
      elementLabel(child.kind === 'task' ? 'Task' : 'TaskGroup', id),
      `has the same id as a sibling step in ${where}`,
      'Give every <Task> and <TaskGroup> in one group a unique id.',
    );
  }
}

/** Puts `child` into a group's or the root's steps, before `before` or last; ids stay unique. */
export function place(parent: GroupStep | Container, child: AnyStep, before?: AnyStep): void {
  const existing = parent.children.indexOf(child);
  if (existing >= 0) parent.children.splice(existing, 1);
  assertUniqueId(parent, child);
  child.parent = parent;
  const index = before ? parent.children.indexOf(before) : -1;
  parent.children.splice(index < 0 ? parent.children.length : index, 0, child);
}

/**
 * A group rendered with a handle promises the types of its results, its events and its paths: so
 * each of its steps must be one of the handle's, rendered with that very handle (whose type the
 * step's component was checked against).
 */
function assertDefinedStep(group: GroupStep, child: AnyStep): void {
  const handle = group.props.step;
  if (!handle) return;
  const expected = Object.prototype.hasOwnProperty.call(handle.steps, child.id) ? handle.steps[child.id] : undefined;
  if (child.props.step === expected && expected !== undefined) return;
  const element = elementLabel(child.kind === 'task' ? 'Task' : 'TaskGroup', child.props.id);
  throw misuse(
    element,
    expected
      ? `in ${group.label} is not rendered with its handle, so its result type is not checked`
      : `is in ${group.label}, whose defineGroup() has no step "${child.id}"`,
    expected
      ? `Render it with step={…steps.${child.id}} (the handle defineGroup() lists), not an id.`
      : `Add a handle for it to the group's defineGroup({ … }) and render it with step={…}, or move it out of the group.`,
  );
}

/** A step the definition does not mark optional must be there when its group starts. */
function assertRequiredStepsRendered(group: GroupStep): void {
  const handle = group.props.step;
  if (!handle) return;
  for (const id of Object.keys(handle.steps)) {
    if (handle.optionalIds.includes(id) || group.stepById(id)) continue;
    throw misuse(
      group.label,
      `does not render its ${handleLabel(handle.steps[id]!)}, which its defineGroup() does not mark optional`,
      `Render it always, or wrap it in optional(…) in defineGroup() so its result type says it may be missing.`,
    );
  }
}

/** ...and must have a result when the group finishes, or the result's type would be wrong. */
function assertRequiredResults(group: GroupStep): void {
  const handle = group.props.step;
  if (!handle || group.endedBy !== undefined) return;
  for (const id of Object.keys(handle.steps)) {
    if (handle.optionalIds.includes(id) || Object.prototype.hasOwnProperty.call(group.results, id)) continue;
    throw misuse(
      group.label,
      `finished without a result for its ${handleLabel(handle.steps[id]!)} (it left the tree), which its defineGroup() does not mark optional`,
      `Wrap it in optional(…) in defineGroup() so its result type says it may be missing.`,
    );
  }
}

/**
 * Turns go-back targets (paths relative to a group, in the order the model gave them) into
 * queue entries: `email` revisits that step fresh, `card/expiry` resumes `card` at `expiry`.
 */
export function planTargets(targets: string[]): QueueEntry[] {
  const entries: QueueEntry[] = [];
  for (const target of targets) {
    const [head, ...rest] = target.split('/') as [string, ...string[]];
    const last = entries[entries.length - 1];
    if (rest.length > 0 && last && last.id === head && !last.fresh) {
      last.targets.push(rest.join('/'));
    } else {
      entries.push({ id: head, fresh: rest.length === 0, targets: rest.length ? [rest.join('/')] : [] });
    }
  }
  return entries;
}

/** Every result recorded under `step`, keyed by path (`consent`, `card/number`). */
export function allResults(step: AnyStep | null): Record<string, unknown> {
  const results: Record<string, unknown> = {};
  const walk = (group: GroupStep): void => {
    for (const [id, result] of Object.entries(group.results)) results[group.path ? `${group.path}/${id}` : id] = result;
    for (const child of group.children) if (child.kind === 'group') walk(child);
  };
  if (step?.kind === 'group') walk(step);
  return results;
}

/** The workflow stopped early: open visits run their `useOnExit` callbacks now, while still mounted (not awaited). */
export function exitOpenVisits(step: AnyStep | null): void {
  if (!step) return;
  if (step.kind === 'group') step.children.forEach(exitOpenVisits);
  else if (step.visit) void step.visit.exit();
}

/** Ends every visit under `step` (the workflow ended): their signals abort, their tools refuse and let go. */
export function endAllVisits(step: AnyStep | null): void {
  if (!step) return;
  if (step.kind === 'group') step.children.forEach(endAllVisits);
  else step.releaseVisits();
}
