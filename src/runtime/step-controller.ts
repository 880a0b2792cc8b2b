import { elementLabel } from '../errors.js';
import type { StepNode } from '../reconciler/nodes.js';
import type { GroupController } from './group-controller.js';
import type { Workflow } from './workflow.js';

/** Where a step stands in the current run of its group. */
export type StepStatus = 'pending' | 'active' | 'done' | 'failed' | 'skipped';

export interface StepProps {
  /** Identifies the step inside its group: the key of its result and the id the model uses to go back. */
  id?: string;
  /** What the model is told about the step when it offers to go back to it. */
  description?: string;
}

/**
 * The long-lived state of one `<Task>` or `<TaskGroup>` element, owned by the component and
 * shared with its host node. It survives the visits of its step; the host node tells it where
 * the step stands in the tree.
 */
export abstract class StepController<P extends StepProps = StepProps> {
  abstract readonly kind: 'task' | 'group';
  node: StepNode | null = null;
  status: StepStatus = 'pending';
  /** How many times the step has been entered (a revisit counts again). */
  entries = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly workflow: Workflow,
    readonly group: GroupController | null,
    private readonly initialProps: P,
  ) {}

  get props(): P {
    return (this.node?.props as P | undefined) ?? this.initialProps;
  }

  get id(): string {
    return this.props.id ?? (this.kind === 'group' ? 'task_group' : 'task');
  }

  /** The step's address from the outermost group: `email`, or `card/expiry` inside a nested group. */
  get path(): string {
    if (!this.group) return this.kind === 'group' ? '' : this.id;
    return this.group.path ? `${this.group.path}/${this.id}` : this.id;
  }

  /** `<Task id="email">`, for messages. */
  get label(): string {
    return elementLabel(this.kind === 'group' ? 'TaskGroup' : 'Task', this.props.id);
  }

  /** Ends the current visit with `status`. Call inside `workflow.apply`. */
  abstract endVisit(status: 'pending' | 'done' | 'failed'): void;

  attach(node: StepNode): void {
    this.node = node;
  }

  detach(node: StepNode): void {
    if (this.node !== node) return;
    this.node = null;
    this.onDetached();
  }

  /** The step left the tree (its condition turned false, or its group remounted). */
  protected onDetached(): void {
    this.group?.stepRemoved(this);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected setStatus(status: StepStatus): void {
    this.status = status;
    this.workflow.stepChanged(this);
    this.notify();
  }

  protected notify(): void {
    for (const listener of this.listeners) listener();
  }
}
