import type { llm, voice } from '@livekit/agents';
import { createElement, type ReactNode } from 'react';
import { asError, misuse } from '../errors.js';
import { type FiberRoot, createFiberRoot } from '../reconciler/root.js';
import { WorkflowContext } from './contexts.js';
import { GroupAgentTask } from './group-agent-task.js';
import type { QueueEntry } from './group-controller.js';
import type { Step } from '../reconciler/nodes.js';
import { reportWorkflowEvent } from './observers.js';
import { OutOfScopeError, outOfScopeTool, regressionTargets } from './out-of-scope.js';
import type { StepController, StepStatus } from './step-controller.js';
import type { TaskVisit } from './task-visit.js';
import { renderTree } from './tree.js';

/** What a workflow reports as it runs: the testing kit and the CLI are built on these. */
export type WorkflowEvent =
  | { type: 'step'; kind: 'task' | 'group'; id: string; path: string; status: StepStatus; entries: number }
  | { type: 'entered'; id: string; path: string }
  | { type: 'wentBack'; from: string; targets: string[] }
  | { type: 'toolsUpdated'; id: string; path: string }
  | { type: 'finished' }
  | { type: 'error'; error: Error };

export interface WorkflowOptions {
  /** Render under React StrictMode. */
  strict?: boolean;
  /** Called for every event, with the workflow that raised it. */
  onEvent?: (event: WorkflowEvent, workflow: Workflow) => void;
}

/** The task that holds the session, as `{ id, path }` (`path` is `card/expiry` inside nested groups). */
export interface ActiveTask {
  id: string;
  path: string;
}

/** One rendered workflow: its fiber root, its session and the facts about where it stands. */
export class Workflow {
  private readonly fiber: FiberRoot;
  private readonly dirtyVisits = new Set<TaskVisit>();
  private readonly versionListeners = new Set<() => void>();
  private uncaught: Error | null = null;
  private activeVisit: TaskVisit | null = null;
  /** Bumped after each tool call and step, so components reading userData render again. */
  private version = 0;
  private ended = false;
  /** The path of the task entered last, to name it when the session closes mid-task. */
  lastEntered: string | undefined;

  constructor(
    readonly session: voice.AgentSession<any>,
    private readonly options: WorkflowOptions = {},
  ) {
    this.fiber = createFiberRoot({
      strict: options.strict,
      onUncaughtError: (error) => this.onUncaughtError(asError(error)),
      onCommit: () => this.syncDirtyTools(),
    });
  }

  /** Renders the element and returns its one top-level step. */
  mount(element: ReactNode): Step {
    this.fiber.render(createElement(WorkflowContext.Provider, { value: this }, element));
    this.throwIfUncaught();
    const steps = this.fiber.container.children;
    if (steps.length !== 1) {
      throw misuse(
        'runTask()',
        `rendered ${steps.length} top-level steps`,
        'Render exactly one <Task> or <TaskGroup> at the top; put several tasks in a <TaskGroup>.',
      );
    }
    return steps[0]!.controller;
  }

  /** True once the workflow was unmounted or its session began closing: no step may start. */
  get closed(): boolean {
    return this.ended || this.session._closing;
  }

  /**
   * True while a task holds the session, has entered, has not completed and has no tool update
   * on its way to LiveKit: the workflow waits for the user.
   */
  get isWaitingForInput(): boolean {
    const visit = this.activeVisit;
    return !!visit && !visit.ended && !!visit.agentTask && !visit.agentTask.done && visit.pendingPushes === 0;
  }

  unmount(): void {
    this.ended = true;
    this.fiber.unmount();
    this.versionListeners.clear();
    this.emit({ type: 'finished' });
  }

  /** Runs `update`, flushes the React work it scheduled, and sends LiveKit the tools that changed. */
  apply<T>(update: () => T): T {
    const value = this.fiber.apply(update);
    this.syncDirtyTools();
    return value;
  }

  /** Runs a user callback so the state updates it makes synchronously are flushed together. */
  batch<T>(callback: () => T): T {
    return this.closed ? callback() : this.apply(callback);
  }

  get activeTask(): ActiveTask | null {
    const controller = this.activeVisit?.controller;
    return controller ? { id: controller.id, path: controller.path } : null;
  }

  /** The live tree as stable text: every group and task with its state and entry count. */
  tree(): string {
    return renderTree(this.fiber.container);
  }

  /** Starts a step of a group (or the workflow's single task) and returns its live AgentTask. */
  startStep(step: Step, entry: QueueEntry, chatCtx: llm.ChatContext): voice.AgentTask<unknown> {
    if (step.kind === 'group') {
      const queue = this.apply(() => step.beginVisit(entry));
      this.throwIfUncaught();
      return new GroupAgentTask(step, queue, chatCtx);
    }
    const visit = this.apply(() => step.beginVisit());
    this.throwIfUncaught();
    if (visit.renderError) throw visit.renderError;
    const targets = regressionTargets(step);
    const extraTools = targets.size > 0 ? [outOfScopeTool(targets, (ids) => this.goBack(visit, ids))] : [];
    return visit.createAgentTask(chatCtx, extraTools);
  }

  /** Ends a step's visit; `alongside` runs in the same commit (a group recording the step's result). */
  endStep(step: StepController, status: 'pending' | 'done' | 'failed', alongside?: () => void): void {
    if (step.status !== 'active') return;
    this.apply(() => {
      alongside?.();
      step.endVisit(status);
    });
  }

  private goBack(visit: TaskVisit, targets: string[]): void {
    this.emit({ type: 'wentBack', from: visit.controller.path, targets });
    visit.fail(new OutOfScopeError(targets));
  }

  taskEntered(visit: TaskVisit): void {
    this.activeVisit = visit;
    this.lastEntered = visit.controller.path;
    this.emit({ type: 'entered', id: visit.controller.id, path: visit.controller.path });
  }

  stepChanged(step: StepController): void {
    if (this.activeVisit?.controller === step && step.status !== 'active') this.activeVisit = null;
    this.emit({ type: 'step', kind: step.kind, id: step.id, path: step.path, status: step.status, entries: step.entries });
  }

  toolsChanged(visit: TaskVisit): void {
    this.dirtyVisits.add(visit);
  }

  toolsUpdated(visit: TaskVisit): void {
    this.emit({ type: 'toolsUpdated', id: visit.controller.id, path: visit.controller.path });
  }

  private syncDirtyTools(): void {
    for (const visit of this.dirtyVisits) visit.syncTools();
    this.dirtyVisits.clear();
  }

  subscribeUserData = (listener: () => void): (() => void) => {
    this.versionListeners.add(listener);
    return () => this.versionListeners.delete(listener);
  };

  getUserDataVersion = (): number => this.version;

  userDataChanged(): void {
    this.version++;
    // A flush per tool call costs; skip it when no component reads useUserData().
    if (this.closed || this.versionListeners.size === 0) return;
    this.apply(() => {
      for (const listener of this.versionListeners) listener();
    });
  }

  reportError(error: Error): void {
    this.emit({ type: 'error', error });
  }

  private onUncaughtError(error: Error): void {
    this.uncaught ??= error;
    // A render error outside any task (a hook outside <Task>, duplicate ids) fails the running task
    // so the workflow ends with that error instead of waiting for input forever.
    this.activeVisit?.fail(error);
  }

  private throwIfUncaught(): void {
    if (this.uncaught) throw this.uncaught;
  }

  private emit(event: WorkflowEvent): void {
    this.options.onEvent?.(event, this);
    reportWorkflowEvent(event, this);
  }
}
