import { elementLabel } from './errors.js';
import type { WorkflowRuntime } from './runtime.js';
import type { StepProps, StepStatus } from './types.js';

/**
 * The long-lived state of one `<Task>` or `<TaskGroup>` element, and its host instance: the
 * renderer links steps into a tree (`parent`, a group's `children`), as Ink's DOM node is its
 * layout node. It survives the visits of its step; a remount makes a new one.
 */
export abstract class Step<P extends StepProps = StepProps> {
  abstract readonly kind: 'task' | 'group';
  /** The enclosing group, or null for the top-level step; set when the renderer attaches the step. */
  parent: ParentOfStep | null = null;
  status: StepStatus = 'pending';
  /** How many times the step has been entered (a revisit counts again). */
  entries = 0;
  /** Set when the step left the tree: a running visit ends as skipped. */
  removed = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly runtime: WorkflowRuntime,
    public props: P,
  ) {}

  get group(): GroupLike | null {
    return this.parent && this.parent.kind === 'group' ? this.parent : null;
  }

  get id(): string {
    return this.props.id ?? (this.kind === 'group' ? 'task_group' : 'task');
  }

  /** The step's address from the outermost group: `email`, or `card/expiry` inside a nested group. */
  get path(): string {
    const group = this.group;
    if (!group) return this.kind === 'group' ? '' : this.id;
    return group.path ? `${group.path}/${this.id}` : this.id;
  }

  /** `<Task id="email">`, for messages. */
  get label(): string {
    return elementLabel(this.kind === 'group' ? 'TaskGroup' : 'Task', this.props.id);
  }

  /** Sensitive itself or inside a sensitive group. */
  get sensitive(): boolean {
    return !!this.props.sensitive || !!this.group?.sensitive;
  }

  /**
   * A checkpoint says the step finished before this process took the call over: it counts as
   * done and is not run again (README "Durable workflows"). Call inside `runtime.batch`.
   */
  markRestored(): void {
    this.setStatus('done');
  }

  /** Ends the current visit with `status`. Call inside `runtime.batch`. */
  abstract endVisit(status: 'pending' | 'done' | 'failed' | 'skipped'): void;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected setStatus(status: StepStatus): void {
    this.status = status;
    this.runtime.stepChanged(this);
    this.notify();
  }

  protected notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** What a step needs to know of its group (the group model imports steps, not the other way). */
export interface GroupLike {
  readonly kind: 'group';
  readonly path: string;
  readonly sensitive: boolean;
}

/** A step's parent: a group, or the container at the root. */
export type ParentOfStep = GroupLike | { readonly kind: 'root' };
