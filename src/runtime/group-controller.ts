import type { llm, voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import { type Step, stepsOf } from '../reconciler/nodes.js';
import { StepController, type StepProps } from './step-controller.js';

/** What `onTaskCompleted` receives after each step that succeeds (LiveKit's TaskCompletedEvent). */
export interface TaskCompletedEvent {
  agentTask: voice.AgentTask;
  taskId: string;
  result: unknown;
}

/** The result of a group: one entry per step id, as LiveKit's TaskGroupResult. */
export interface TaskGroupResult {
  taskResults: Record<string, unknown>;
}

/** Props of `<TaskGroup>`. See the component for the documentation of each. */
export interface TaskGroupProps extends StepProps {
  summarize?: boolean;
  returnExceptions?: boolean;
  chatCtx?: llm.ChatContext;
  onTaskCompleted?: (event: TaskCompletedEvent) => void | Promise<void>;
  preserveFunctionCallHistory?: boolean;
  /** Turns `{ taskResults }` into the group's result, for group components with a result of their own. */
  mapResult?: (result: TaskGroupResult) => unknown;
  onComplete?: (result: any) => void | Promise<void>;
  children?: ReactNode;
}

/**
 * What a group runs next: a step by id, either `fresh` (a new visit, remounted) or resumed with
 * `targets` inside it (paths relative to that step) followed by whatever it was doing when a
 * regression interrupted it.
 */
export interface QueueEntry {
  id: string;
  fresh: boolean;
  targets: string[];
}

/** The state of one `<TaskGroup>` element across its visits. */
export class GroupController extends StepController<TaskGroupProps> {
  readonly kind = 'group';
  /** Keys the group's children: a fresh revisit remounts them all. */
  generation = 0;
  results: Record<string, unknown> = {};
  /** Ids of the steps visited in the current visit, in the order first visited. */
  readonly visited = new Set<string>();
  /** Steps that left the tree after they were visited (conditions that turned false), by id. */
  readonly skipped = new Map<string, { kind: 'task' | 'group'; description?: string }>();
  /** Where to pick up when a regression to a step outside this group interrupted it. */
  interrupted: QueueEntry[] = [];

  getGeneration = (): number => this.generation;
  getResults = (): Record<string, unknown> => this.results;

  steps(): Step[] {
    return this.node ? stepsOf(this.node) : [];
  }

  stepById(id: string): Step | undefined {
    return this.steps().find((step) => step.id === id);
  }

  /** Starts a visit and returns the entries to run first. Call inside `workflow.apply`. */
  beginVisit(entry: QueueEntry): QueueEntry[] {
    if (entry.fresh && this.entries > 0) {
      this.generation++;
      this.results = {};
      this.visited.clear();
      this.skipped.clear();
      this.interrupted = [];
    }
    this.entries++;
    this.setStatus('active');
    const resume = entry.fresh ? [] : this.interrupted;
    this.interrupted = [];
    return [...planTargets(entry.targets), ...resume];
  }

  endVisit(status: 'pending' | 'done' | 'failed'): void {
    this.setStatus(status);
  }

  setResult(id: string, result: unknown): void {
    this.results = { ...this.results, [id]: result };
    this.skipped.delete(id);
    this.notify();
  }

  /** The results of the steps still in the tree: a step whose condition turned false drops out. */
  collectResults(): Record<string, unknown> {
    const present = new Set(this.steps().map((step) => step.id));
    return Object.fromEntries(Object.entries(this.results).filter(([id]) => present.has(id)));
  }

  stepRemoved(step: StepController): void {
    if (this.visited.has(step.id) && !this.steps().some((other) => other.id === step.id)) {
      this.skipped.set(step.id, { kind: step.kind, description: step.props.description });
      this.visited.delete(step.id);
      this.workflow.stepChanged(this);
    }
  }
}

/**
 * Turns regression targets (paths relative to a group, in the order the model gave them) into
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
