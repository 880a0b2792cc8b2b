/**
 * A small reference model of a workflow's expected outcome: which task holds the session after
 * each reply of the model, which tasks were entered, and the result. It follows LiveKit's
 * TaskGroup for flat groups and README's rules for what JSX adds (nested groups, conditional
 * steps): the same loop, written as synchronous generators instead of sessions.
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

type LeafOutcome = { kind: 'ok'; value: unknown } | { kind: 'error'; error: Error } | { kind: 'back'; targets: string[] };

class OutOfScope {
  constructor(readonly targets: string[]) {}
}

export type ModelOutcome = { taskResults: Record<string, unknown> } | { failed: string };

/** One group element's state across its visits, as the engine keeps it per mounted group. */
class GroupState {
  results: Record<string, unknown> = {};
  visited: string[] = [];
  status = new Map<string, Status>();
  interrupted: Entry[] = [];
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

  collectResults(): Record<string, unknown> {
    const present = new Set(this.present().map((step) => step.id));
    return Object.fromEntries(Object.entries(this.results).filter(([id]) => present.has(id)));
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
  private readonly run: Generator<ActiveLeaf, { taskResults: Record<string, unknown> }, LeafOutcome>;

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

  private resume(step: () => IteratorResult<ActiveLeaf, { taskResults: Record<string, unknown> }>): void {
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

  private *runGroup(group: GroupState, queue: Entry[]): Generator<ActiveLeaf, { taskResults: Record<string, unknown> }, LeafOutcome> {
    for (;;) {
      const entry = queue.shift() ?? nextPending(group);
      if (!entry) break;
      const step = group.step(entry.id);
      if (!step) continue;
      try {
        const result = yield* this.runStep(group, step, entry);
        group.status.set(step.id, 'done');
        group.setResult(step.id, result);
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
    return { taskResults: group.collectResults() };
  }

  private *runStep(group: GroupState, step: StepSpec, entry: Entry): Generator<ActiveLeaf, unknown, LeafOutcome> {
    group.status.set(step.id, 'active');
    if (step.kind === 'group') {
      const child = group.child(step);
      const queue = child.beginVisit(entry);
      addVisited(group, step.id);
      return yield* this.runGroup(child, queue);
    }
    const path = join(group.path, step.id);
    const targets = this.regressionTargets(group, path);
    addVisited(group, step.id);
    this.entries.push(path);
    const outcome = yield { path, spec: step, targets, recorded: new Map() };
    if (outcome.kind === 'ok') return outcome.value;
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
