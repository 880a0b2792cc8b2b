/**
 * A small reference model of a workflow's expected outcome: which task holds the session after
 * each reply of the model, which tasks were entered, and the result. It follows LiveKit's
 * TaskGroup for flat groups and README's rules for what JSX adds (nested groups, conditional
 * steps, ending a group early, sensitive steps): the same loop, written as synchronous generators
 * instead of sessions.
 */
import type { GroupSpec, Reply, StepSpec, TaskSpec, ToolCall, ToolKind } from './spec.js';
import { recordTool, toolName } from './spec.js';

type Status = 'pending' | 'active' | 'done' | 'failed';

/** What a group runs next: a step, fresh or resumed at `targets` (paths relative to it). */
interface Entry {
  id: string;
  fresh: boolean;
  targets: string[];
}

/** The task holding the session. */
export interface ActiveLeaf {
  path: string;
  spec: TaskSpec;
  /** `out_of_scope` targets offered to it (paths), with their descriptions; empty: no tool. */
  targets: Map<string, string>;
  /** A collector's fields recorded in this visit. */
  recorded: Map<string, string>;
}

/** `endsGroup`: completed through `useEndGroup` (the `end` tool). */
type LeafOutcome = { kind: 'ok'; value: unknown; endsGroup?: boolean } | { kind: 'error'; error: Error } | { kind: 'back'; targets: string[] };

/** A step's result, and whether its task ended the group with it. */
interface StepResult {
  value: unknown;
  endsGroup: boolean;
}

class OutOfScope {
  constructor(readonly targets: string[]) {}
}

/** A group's result: `endedBy` is the path of the task that ended it early (README, useEndGroup). */
export interface GroupResult {
  taskResults: Record<string, unknown>;
  endedBy?: string;
}

export type ModelOutcome = GroupResult | { failed: string };

/** One group element's state across its visits, as the engine keeps it per mounted group. */
class GroupState {
  results: Record<string, unknown> = {};
  visited: string[] = [];
  status = new Map<string, Status>();
  interrupted: Entry[] = [];
  /** The task that ended this visit early, if one did. */
  endedBy: string | undefined;
  entries = 0;
  private children = new Map<string, GroupState>();

  constructor(
    readonly spec: GroupSpec,
    readonly path: string,
    readonly parent: GroupState | null,
  ) {
    this.remount();
  }

  /** The steps rendered now, in order: conditional ones follow earlier results. */
  present(): StepSpec[] {
    return this.spec.steps.filter((step) => !step.when || this.results[step.when.unlessSkipped] !== 'skip');
  }

  step(id: string): StepSpec | undefined {
    return this.present().find((step) => step.id === id);
  }

  child(spec: GroupSpec): GroupState {
    let state = this.children.get(spec.id);
    if (!state) this.children.set(spec.id, (state = new GroupState(spec, join(this.path, spec.id), this)));
    return state;
  }

  beginVisit(entry: Entry): Entry[] {
    if (entry.fresh && this.entries > 0) {
      this.remount();
      this.results = {};
      this.visited = [];
      this.interrupted = [];
    }
    this.endedBy = undefined;
    this.entries++;
    const resume = entry.fresh ? [] : this.interrupted;
    this.interrupted = [];
    return [...planTargets(entry.targets), ...resume];
  }

  setResult(id: string, result: unknown): void {
    const before = new Set(this.present().map((step) => step.id));
    this.results = { ...this.results, [id]: result };
    const after = new Set(this.present().map((step) => step.id));
    for (const step of this.spec.steps) {
      if (before.has(step.id) && !after.has(step.id)) {
        // Unmounted: its state and result go, and it is no longer a step to go back to. If it
        // comes back, its result is added anew (after the others).
        const { [step.id]: _dropped, ...rest } = this.results;
        this.results = rest;
        this.visited = this.visited.filter((visited) => visited !== step.id);
        this.status.delete(step.id);
        this.children.delete(step.id);
      } else if (!before.has(step.id) && after.has(step.id)) {
        this.status.set(step.id, 'pending');
      }
    }
  }

  collectResults(): GroupResult {
    const present = new Set(this.present().map((step) => step.id));
    const taskResults = Object.fromEntries(Object.entries(this.results).filter(([id]) => present.has(id)));
    return this.endedBy === undefined ? { taskResults } : { taskResults, endedBy: this.endedBy };
  }

  private remount(): void {
    this.children = new Map();
    this.status = new Map(this.spec.steps.map((step) => [step.id, 'pending']));
  }
}

const join = (path: string, id: string): string => (path ? `${path}/${id}` : id);

function planTargets(targets: string[]): Entry[] {
  const entries: Entry[] = [];
  for (const target of targets) {
    const [head, ...rest] = target.split('/') as [string, ...string[]];
    const last = entries[entries.length - 1];
    if (rest.length > 0 && last && last.id === head && !last.fresh) last.targets.push(rest.join('/'));
    else entries.push({ id: head, fresh: rest.length === 0, targets: rest.length ? [rest.join('/')] : [] });
  }
  return entries;
}

function relativeTargets(group: GroupState, targets: string[]): string[] | undefined {
  if (!group.path) return targets;
  const prefix = `${group.path}/`;
  if (!targets.every((target) => target.startsWith(prefix))) return undefined;
  return targets.map((target) => target.slice(prefix.length));
}

export class ReferenceModel {
  /** Task paths in the order they were entered. */
  readonly entries: string[] = [];
  outcome: ModelOutcome | undefined;
  active: ActiveLeaf | null = null;
  private readonly root: GroupState;
  private readonly run: Generator<ActiveLeaf, GroupResult, LeafOutcome>;

  constructor(readonly workflow: GroupSpec) {
    this.root = new GroupState(workflow, '', null);
    this.run = this.runGroup(this.root, this.root.beginVisit({ id: '', fresh: true, targets: [] }));
    this.resume(() => this.run.next());
  }

  /** Applies the model's reply to the active task: its tool calls run in order. */
  apply(reply: Reply): void {
    const leaf = this.active;
    if (!leaf) return;
    // The first call that ends the task decides; the later ones still run, and find it done.
    let outcome: LeafOutcome | undefined;
    for (const call of reply.toolCalls ?? []) {
      const effect = this.effect(leaf, call);
      outcome ??= effect;
    }
    if (outcome) {
      const settled = outcome;
      this.resume(() => this.run.next(settled));
    }
  }

  /** What one tool call does: how it ends the task, or undefined when the task goes on. */
  private effect(leaf: ActiveLeaf, { name, args }: ToolCall): LeafOutcome | undefined {
    const { id, tools, fields = [] } = leaf.spec;
    const has = (kind: ToolKind) => tools.includes(kind) && name === toolName(kind, id);
    if (name === toolName('finish', id)) return typeof args.value === 'string' ? { kind: 'ok', value: args.value } : undefined;
    if (has('end')) return typeof args.value === 'string' ? { kind: 'ok', value: args.value, endsGroup: true } : undefined;
    if (has('fail')) return typeof args.reason === 'string' ? { kind: 'error', error: new Error(args.reason) } : undefined;
    const field = fields.find((candidate) => recordTool(candidate, id) === name);
    if (field !== undefined && typeof args.value === 'string') {
      // Completes once: when the last missing field comes in.
      const completes = leaf.recorded.size === fields.length - 1 && !leaf.recorded.has(field);
      leaf.recorded.set(field, args.value);
      if (completes) return { kind: 'ok', value: Object.fromEntries(fields.map((name) => [name, leaf.recorded.get(name)])) };
    }
    if (name === 'out_of_scope' && leaf.targets.size > 0 && validTargets(args.task_ids, leaf.targets)) {
      // An empty list is refused and an id given twice is visited once (README, Errors).
      return { kind: 'back', targets: [...new Set(args.task_ids as string[])] };
    }
    return undefined;
  }

  /**
   * What runTask settles with if the session closes now (README, runTask): the result when every
   * step has one (a step running again after going back still has its earlier one), undefined
   * when it rejects with a WorkflowClosedError.
   */
  resultIfClosedNow(): ModelOutcome | undefined {
    if (this.outcome) return this.outcome;
    const collect = (group: GroupState): Record<string, unknown> | undefined => {
      const results: Record<string, unknown> = {};
      for (const step of group.present()) {
        if (step.id in group.results) {
          results[step.id] = group.results[step.id];
          continue;
        }
        const inner = step.kind === 'group' ? collect(group.child(step)) : undefined;
        if (!inner) return undefined;
        results[step.id] = { taskResults: inner };
      }
      return results;
    };
    const taskResults = collect(this.root);
    return taskResults && { taskResults };
  }

  private resume(step: () => IteratorResult<ActiveLeaf, GroupResult>): void {
    try {
      const next = step();
      if (next.done) {
        this.active = null;
        this.outcome = next.value;
      } else {
        this.active = next.value;
      }
    } catch (error) {
      this.active = null;
      this.outcome = { failed: (error as Error).message };
    }
  }

  private *runGroup(group: GroupState, queue: Entry[]): Generator<ActiveLeaf, GroupResult, LeafOutcome> {
    for (;;) {
      const entry = queue.shift() ?? nextPending(group);
      if (!entry) break;
      const step = group.step(entry.id);
      if (!step) continue;
      try {
        const result = yield* this.runStep(group, step, entry);
        group.status.set(step.id, 'done');
        group.setResult(step.id, result.value);
        // useEndGroup: the group stops here with what it has; the steps after it are not entered.
        if (result.endsGroup) {
          group.endedBy = join(group.path, step.id);
          break;
        }
      } catch (error) {
        if (error instanceof OutOfScope) {
          group.status.set(step.id, 'pending');
          const targets = relativeTargets(group, error.targets);
          const resume: Entry = { id: step.id, fresh: step.kind === 'task', targets: [] };
          if (targets) {
            queue.unshift(...planTargets(targets), resume);
            continue;
          }
          group.interrupted = [resume, ...queue];
          throw error;
        }
        group.status.set(step.id, 'failed');
        if (group.spec.returnExceptions) {
          group.setResult(step.id, error);
          continue;
        }
        throw error;
      }
    }
    return group.collectResults();
  }

  private *runStep(group: GroupState, step: StepSpec, entry: Entry): Generator<ActiveLeaf, StepResult, LeafOutcome> {
    group.status.set(step.id, 'active');
    if (step.kind === 'group') {
      const child = group.child(step);
      const queue = child.beginVisit(entry);
      addVisited(group, step.id);
      // Ending a group early ends that group only: for its parent it is a step that completed.
      return { value: yield* this.runGroup(child, queue), endsGroup: false };
    }
    const path = join(group.path, step.id);
    const targets = this.regressionTargets(group, path);
    addVisited(group, step.id);
    this.entries.push(path);
    const outcome = yield { path, spec: step, targets, recorded: new Map() };
    if (outcome.kind === 'ok') return { value: outcome.value, endsGroup: !!outcome.endsGroup };
    if (outcome.kind === 'back') throw new OutOfScope(outcome.targets);
    throw outcome.error;
  }

  /** Every visited step of the whole workflow but the current task and the groups around it. */
  private regressionTargets(group: GroupState, current: string): Map<string, string> {
    const excluded = new Set<string>([current]);
    for (let g: GroupState | null = group; g; g = g.parent) excluded.add(g.path);
    const targets = new Map<string, string>();
    const walk = (g: GroupState) => {
      for (const id of g.visited) {
        const step = g.step(id);
        if (!step) continue;
        const path = join(g.path, id);
        if (!excluded.has(path)) targets.set(path, step.description);
        if (step.kind === 'group') walk(g.child(step));
      }
    };
    walk(this.root);
    return targets;
  }
}

function addVisited(group: GroupState, id: string): void {
  if (!group.visited.includes(id)) group.visited.push(id);
}

function nextPending(group: GroupState): Entry | undefined {
  const step = group.present().find((candidate) => group.status.get(candidate.id) === 'pending');
  return step && { id: step.id, fresh: true, targets: [] };
}

function validTargets(ids: unknown, targets: Map<string, string>): boolean {
  return Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string' && targets.has(id));
}

/**
 * What leaves a sensitive step (README, "What crosses a step's boundary"; engine/run-step.ts):
 * once a sensitive step's visit ends (completed, failed, gone back from), the context it returns
 * to is cut back to the items that were there before it started, hand-offs aside. What the user
 * said in it and its tool calls and outputs never reach a later step, a later visit of itself, a
 * group summary or the caller. Steps inside a sensitive group share their context: the cut is
 * where the outermost sensitive step ends (its "region").
 */
export class PrivacyModel {
  /** Each task's region: the path of the outermost sensitive step around it (itself included), or null. */
  readonly regionOf = new Map<string, string | null>();
  /** The task ids inside each region. */
  readonly tasksIn = new Map<string, string[]>();

  constructor(workflow: GroupSpec) {
    const walk = (group: GroupSpec, path: string, region: string | null) => {
      for (const step of group.steps) {
        const stepPath = join(path, step.id);
        const inner = region ?? (step.sensitive ? stepPath : null);
        if (step.kind === 'group') walk(step, stepPath, inner);
        else {
          this.regionOf.set(step.id, inner);
          if (inner) this.tasksIn.set(inner, [...(this.tasksIn.get(inner) ?? []), step.id]);
        }
      }
    };
    // The top-level group is never sensitive in generated workflows: nothing after it would show it.
    walk(workflow, '', null);
  }

  get any(): boolean {
    return this.tasksIn.size > 0;
  }

  /**
   * The region visit of each entered task (task ids in the order entered): `region#n`, or null
   * outside every sensitive step. A sensitive task's every entry is a visit of its own; entries
   * in a row inside one sensitive group are taken as one visit of it (a group left for a step
   * outside it and resumed is a new visit; two visits in a row are rare and only make the check
   * weaker, never wrong).
   */
  regionVisits(entries: readonly string[]): Array<string | null> {
    const counts = new Map<string, number>();
    let previous: string | null = null;
    return entries.map((id, i) => {
      const region = this.regionOf.get(id) ?? null;
      if (region === null) return (previous = null);
      const isTask = region.split('/').pop() === id;
      const sameVisit = !isTask && i > 0 && previous !== null && previous.startsWith(`${region}#`);
      if (!sameVisit) counts.set(region, (counts.get(region) ?? 0) + 1);
      return (previous = `${region}#${counts.get(region)}`);
    });
  }

  /** Whether a model call made in `callVisit` may show what was said in `saidIn` (null: outside every sensitive step). */
  static mayShow(saidIn: string | null, callVisit: string | null): boolean {
    return saidIn === null || saidIn === callVisit;
  }

  /** The region whose tasks own a tool name (`finish_t3`, `record_city_t3`), or undefined. */
  toolRegion(name: string): string | undefined {
    const id = name.slice(name.lastIndexOf('_') + 1);
    return this.regionOf.get(id) ?? undefined;
  }
}
