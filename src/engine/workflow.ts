import { llm, voice } from '@livekit/agents';
import { createElement, type ReactNode } from 'react';
import { WorkflowContext } from '../hooks/contexts.js';
import { asError, misuse, WorkflowClosedError } from '../model/errors.js';
import { type AnyStep, type GroupStep, type QueueEntry, allResults, endAllVisits, exitOpenVisits } from '../model/group-step.js';
import { OutOfScopeError } from '../model/regression.js';
import type { ResumedCall } from '../model/resumed.js';
import type { WorkflowRuntime } from '../model/runtime.js';
import { snapshotOf, treeText } from '../model/snapshot.js';
import type { Step } from '../model/step.js';
import type { TaskStep } from '../model/task-step.js';
import type { ActiveTask, StepSnapshot, WorkflowEvent, WorkflowSnapshot } from '../model/types.js';
import type { TaskVisit } from '../model/visit.js';
import { type FiberRoot, createFiberRoot } from '../renderer/root.js';
import { type CheckpointOptions, Checkpointing } from './checkpointing.js';
import { reportWorkflowEvent } from './observers.js';
import { CallbackError, runStep } from './run-step.js';
import { StepAgentTask } from './step-agent-task.js';

export interface WorkflowOptions {
  /** Render under React StrictMode. */
  strict?: boolean;
  /** Called for every event, with the workflow that raised it. */
  onEvent?: (event: WorkflowEvent, workflow: Workflow) => void;
  /** Save progress between steps and resume a dropped call from it (README "Durable workflows"). */
  checkpoint?: CheckpointOptions;
}

/** One rendered workflow: its fiber root, its session and the facts about where it stands. */
export class Workflow implements WorkflowRuntime {
  private fiber: FiberRoot | null;
  private boundSession: voice.AgentSession<any> | null = null;
  private caller: voice.Agent | null = null;
  private readonly abort = new AbortController();
  private readonly stopped: Promise<never>;
  private stop!: (error: WorkflowClosedError) => void;
  private removeListeners = () => {};
  private readonly agentTasks = new Set<StepAgentTask>();
  private readonly dirtyTools = new Set<TaskVisit>();
  private readonly dirtyInstructions = new Set<TaskVisit>();
  private readonly userDataListeners = new Set<() => void>();
  private readonly resultListeners = new Set<() => void>();
  private userDataVersion = 0;
  /** Every result by path; null once a result changed, until something reads it (most workflows never do). */
  private results: Readonly<Record<string, unknown>> | null = {};
  private uncaught: Error | null = null;
  private activeVisit: TaskVisit | null = null;
  private top: AnyStep | null = null;
  private ended = false;
  /** The path of the task entered last, to name it when the session closes mid-task. */
  lastEntered: string | undefined;
  /** Saves and restores checkpoints, when the workflow runs with `checkpoint` and a key. */
  private readonly checkpointing: Checkpointing | null;
  firstVisitSinceResume: TaskVisit | null = null;

  constructor(
    private readonly element: ReactNode,
    private readonly options: WorkflowOptions & { chatCtx?: llm.ChatContext },
  ) {
    this.stopped = new Promise<never>((_, reject) => {
      this.stop = reject;
    });
    this.stopped.catch(() => {});
    this.checkpointing = Checkpointing.from(options.checkpoint, this);
    this.fiber = createFiberRoot({
      strict: options.strict,
      onUncaughtError: (error) => this.onUncaughtError(asError(error)),
      onCommit: () => this.syncDirty(),
    });
  }

  /** Runs the workflow to its end: resolves with the top-level step's result. */
  async run(): Promise<unknown> {
    // Not copied: the step's AgentTask takes a copy of it (filtered by its tools), as LiveKit's does.
    const seed = this.options.chatCtx ?? llm.ChatContext.empty();
    // A dropped call keeps its checkpoint for when the caller comes back; any other end deletes it.
    let dropped = false;
    try {
      const { result } = await runStep(this, () => this.mount(), { id: '', fresh: true, targets: [] }, seed, null);
      return result;
    } catch (error) {
      const stopped = this.stopReason;
      // The top-level step's own onComplete threw: the caller gets that error, not the wrapper.
      if (!stopped) throw error instanceof CallbackError ? error.cause : error;
      const outcome = await this.outcomeSoFar();
      if (outcome) return outcome.value;
      dropped = stopped === 'closed';
      throw new WorkflowClosedError(this.lastEntered, this.getResults(), stopped);
    } finally {
      this.unmount();
      await this.checkpointing?.end(dropped);
    }
  }

  // -- What steps need from the engine (WorkflowRuntime) --

  get session(): voice.AgentSession<any> {
    if (!this.boundSession) throw misuse('useSession()', 'was read before the workflow started', 'Read the session inside a component of a running workflow.');
    return this.boundSession;
  }

  get closed(): boolean {
    return this.ended || this.abort.signal.aborted || !!this.boundSession?._closing;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }



  batch<T>(callback: () => T): T {
    return this.closed || !this.fiber ? callback() : this.apply(callback);
  }

  stepChanged(step: Step): void {
    if (this.activeVisit?.step === step && step.status !== 'active') this.activeVisit = null;
    if (this.resumed && !this.firstVisitSinceResume && step.status === 'active' && step.kind === 'task') {
      this.firstVisitSinceResume = (step as TaskStep).visit;
    }
    this.emit({ type: 'step', kind: step.kind, id: step.id, path: step.path, status: step.status, entries: step.entries });
  }

  taskEntered(visit: TaskVisit): void {
    this.activeVisit = visit;
    this.lastEntered = visit.step.path;
    this.emit({ type: 'entered', id: visit.step.id, path: visit.step.path, sensitive: visit.step.sensitive });
  }

  toolsChanged(visit: TaskVisit): void {
    this.dirtyTools.add(visit);
  }

  instructionsChanged(visit: TaskVisit): void {
    this.dirtyInstructions.add(visit);
  }

  toolsUpdated(visit: TaskVisit): void {
    this.emit({ type: 'toolsUpdated', id: visit.step.id, path: visit.step.path });
  }

  userDataChanged(): void {
    this.userDataVersion++;
    // A flush per tool call costs; skip it when no component reads useUserData().
    if (this.closed || this.userDataListeners.size === 0) return;
    this.apply(() => this.userDataListeners.forEach((listener) => listener()));
  }

  subscribeUserData = (listener: () => void): (() => void) => {
    this.userDataListeners.add(listener);
    return () => this.userDataListeners.delete(listener);
  };

  getUserDataVersion = (): number => this.userDataVersion;

  resultsChanged(): void {
    this.results = null;
    this.resultListeners.forEach((listener) => listener());
  }

  subscribeResults = (listener: () => void): (() => void) => {
    this.resultListeners.add(listener);
    return () => this.resultListeners.delete(listener);
  };

  getResults = (): Readonly<Record<string, unknown>> => (this.results ??= allResults(this.top));

  reportError(error: Error): void {
    this.emit({ type: 'error', error });
    if (!this.options.onEvent) console.error('react-agent-tasks: a callback or tool failed:', error);
  }

  get resumed(): ResumedCall | null {
    return this.checkpointing?.resumed ?? null;
  }

  /** The session's userData, or undefined when the session was started without one (LiveKit's getter throws then). */
  readUserData(): unknown {
    try {
      return this.boundSession?.userData;
    } catch {
      return undefined;
    }
  }

  goBack(visit: TaskVisit, targets: string[]): void {
    this.emit({ type: 'wentBack', from: visit.step.path, targets });
    visit.fail(new OutOfScopeError(targets));
  }

  // -- What the step runner needs --

  /** Learns the session from the first AgentTask's caller, and tracks every AgentTask of the workflow. */
  adopt(agentTask: StepAgentTask): void {
    this.agentTasks.add(agentTask);
    if (this.boundSession || !agentTask.caller) return;
    this.caller = agentTask.caller;
    this.boundSession = agentTask.caller.session;
    this.listen(this.boundSession);
  }

  /**
   * Renders the tree without running anything, as if `results` (by path) had been collected: the
   * steps a diagram shows. A session that is never started gives hooks their userData.
   */
  outline(session: voice.AgentSession<any>, results: Record<string, unknown>): StepSnapshot {
    this.boundSession = session;
    try {
      const top = this.mount();
      // Shallow paths first: a nested group appears only once the result it depends on is set.
      const byDepth = Object.entries(results).sort(([a], [b]) => a.split('/').length - b.split('/').length);
      for (const [path, value] of byDepth) {
        const cut = path.lastIndexOf('/');
        const group = findGroup(top, cut < 0 ? top.path : path.slice(0, cut));
        if (group) this.batch(() => group.setResult(path.slice(cut + 1), value));
      }
      const { root } = this.snapshot();
      if (!root) throw misuse('outline()', 'rendered no step', 'Pass a <Task> or <TaskGroup>, or a component that renders one.');
      return root;
    } finally {
      this.unmount();
    }
  }

  /** Renders the element and returns its one top-level step. */
  mount(): AnyStep {
    this.apply(() => this.fiber!.render(createElement(WorkflowContext.Provider, { value: this }, this.element)));
    this.throwIfUncaught();
    const steps = this.fiber!.container.children;
    if (steps.length !== 1) {
      throw misuse('runTask()', `rendered ${steps.length} top-level steps`, 'Render exactly one <Task> or <TaskGroup> at the top; put several tasks in a <TaskGroup>.');
    }
    this.top = steps[0]!;
    return this.top;
  }

  /**
   * A step's AgentTask finished and its visit ended: nothing of the workflow needs it any more.
   * Kept, it would hold its finished activity (streams, queues, chat context) for the rest of the
   * call, and a garbage collector's scavenges would promote all of it to the old generation.
   */
  letGo(agentTask: StepAgentTask): void {
    agentTask.visit?.detach();
    agentTask.release();
    this.agentTasks.delete(agentTask);
  }

  /** A step's AgentTask settles, or the workflow stops (session closed, handed off): whichever comes first. */
  untilSettled<T>(running: Promise<T>): Promise<T> {
    return Promise.race([running, this.stopped]);
  }

  /** Ends a step's visit; `alongside` runs in the same commit (a group recording the step's result). */
  endStep(step: AnyStep, status: 'pending' | 'done' | 'failed' | 'skipped', alongside?: () => void): void {
    if (step.status !== 'active') return;
    this.batch(() => {
      alongside?.();
      step.endVisit(status);
    });
  }

  /**
   * Before the top-level group's first step: a call whose key holds a checkpoint takes it back
   * into the tree and `chatCtx` (the group's context). Returns the entries to run first (the interrupted step).
   */
  async resumeInto(group: GroupStep, chatCtx: llm.ChatContext): Promise<QueueEntry[]> {
    return (await this.checkpointing?.resume(group, chatCtx)) ?? [];
  }

  /** Saves progress before `next` starts in `group` (null: the group ran its steps). Never throws. */
  saveProgress(group: GroupStep, next: AnyStep | null, chatCtx: llm.ChatContext): Promise<void> | undefined {
    return this.checkpointing?.save(group, next, chatCtx);
  }

  /** A group ran all its steps: closing from now on still yields its result. */
  groupFinishing(group: GroupStep): void {
    group.finishing = true;
  }

  throwIfUncaught(): void {
    if (this.uncaught) throw this.uncaught;
  }

  // -- What the testing kit, the CLI and the inspector read --

  get isWaitingForInput(): boolean {
    const visit = this.activeVisit;
    return !!visit && !visit.ended && !!visit.agentTask && !visit.agentTask.done && visit.pendingPushes === 0;
  }

  get activeTask(): ActiveTask | null {
    const step = this.activeVisit?.step;
    return step ? { id: step.id, path: step.path } : null;
  }

  snapshot(): WorkflowSnapshot {
    return snapshotOf(this.fiber?.container ?? { kind: 'root', children: this.top ? [this.top] : [] }, this.activeTask, this.ended);
  }

  /** The tree as stable text: every group and task with its state and entry count. */
  tree(): string {
    return treeText(this.snapshot());
  }

  // -- Internals --

  private apply<T>(update: () => T): T {
    // The fiber root calls syncDirty (onCommit) once the flush returns.
    return this.fiber!.apply(update);
  }

  /** Why the workflow stopped early, if it did. LiveKit cancels tasks before it emits Close, so closing counts too. */
  private get stopReason(): 'closed' | 'handed off' | undefined {
    return this.stoppedBy ?? (this.boundSession?._closing ? 'closed' : undefined);
  }

  private stoppedBy: 'closed' | 'handed off' | undefined;

  private halt(reason: 'closed' | 'handed off'): void {
    if (this.stoppedBy || this.ended) return;
    this.stoppedBy = reason;
    // The running task's useOnExit callbacks run while it is still mounted; nothing waits for them.
    exitOpenVisits(this.top);
    this.abort.abort();
    this.stop(new WorkflowClosedError(this.lastEntered, this.getResults(), reason));
  }

  private listen(session: voice.AgentSession<any>): void {
    const onClose = () => this.halt('closed');
    const onItem = (event: voice.ConversationItemAddedEvent) => {
      if (event.item.type !== 'agent_handoff') return;
      const current = session.currentAgent;
      // Another workflow's task, or a plain AgentTask run from a tool, still belongs to this call.
      if (current !== this.caller && !(current instanceof voice.AgentTask)) this.halt('handed off');
    };
    // Closing starts well before LiveKit emits Close (it first drains activities, which awaits
    // onExit): stop at the start, so nothing of the workflow holds the close up.
    const closing = session._closingSignal;
    session.on(voice.AgentSessionEventTypes.Close, onClose);
    session.on(voice.AgentSessionEventTypes.ConversationItemAdded, onItem);
    closing.addEventListener('abort', onClose, { once: true });
    this.removeListeners = () => {
      session.off(voice.AgentSessionEventTypes.Close, onClose);
      session.off(voice.AgentSessionEventTypes.ConversationItemAdded, onItem);
      closing.removeEventListener('abort', onClose);
    };
    if (session._closing) this.halt('closed');
  }

  /** When the workflow stops: the top-level result, if every step had already completed. */
  private async outcomeSoFar(): Promise<{ value: unknown } | undefined> {
    return this.top ? completedOutcome(this.top) : undefined;
  }

  /** Unmounts the tree (every cleanup runs), stops listening and lets go of React's tree. */
  private unmount(): void {
    if (this.ended) return;
    this.ended = true;
    this.abort.abort();
    this.removeListeners();
    endAllVisits(this.top);
    this.fiber?.unmount();
    this.fiber = null;
    for (const agentTask of this.agentTasks) agentTask.release();
    this.agentTasks.clear();
    this.userDataListeners.clear();
    this.resultListeners.clear();
    this.activeVisit = null;
    this.emit({ type: 'finished' });
  }

  private syncDirty(): void {
    for (const visit of this.dirtyTools) visit.syncTools();
    this.dirtyTools.clear();
    for (const visit of this.dirtyInstructions) visit.syncInstructions();
    this.dirtyInstructions.clear();
  }

  private onUncaughtError(error: Error): void {
    this.uncaught ??= error;
    // A render error outside any task (a hook outside <Task>, duplicate ids) fails the running task
    // so the workflow ends with that error instead of waiting for input forever.
    this.activeVisit?.fail(error);
  }

  private emit(event: WorkflowEvent): void {
    this.options.onEvent?.(event, this);
    reportWorkflowEvent(event, this);
  }
}

/**
 * A step's result if it has everything it needs although the workflow stopped: a task whose
 * visit completed, a group whose steps all did (LiveKit resolves a group whose last completion
 * races a close, too).
 */
async function completedOutcome(step: AnyStep): Promise<{ value: unknown } | undefined> {
  if (step.kind === 'task') return step.lastResult;
  const results: Record<string, unknown> = { ...step.results };
  if (!step.finishing) {
    for (const child of step.children) {
      if (child.id in results) continue;
      const outcome = child.status === 'skipped' ? undefined : await completedOutcome(child);
      if (!outcome) return undefined;
      results[child.id] = outcome.value;
    }
  }
  const collected = { ...step.result(), taskResults: results };
  return { value: step.props.mapResult ? await step.props.mapResult(collected) : collected };
}

function findGroup(step: AnyStep, path: string): GroupStep | undefined {
  if (step.kind !== 'group') return undefined;
  if (step.path === path) return step;
  for (const child of step.children) {
    const found = findGroup(child, path);
    if (found) return found;
  }
  return undefined;
}
