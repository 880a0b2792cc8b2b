import { voice } from '@livekit/agents';
import { observeWorkflows } from '../engine/observers.js';
import type { Workflow } from '../engine/workflow.js';
import type { ActiveTask, WorkflowEvent } from '../model/types.js';
import { closeTestSession } from './close-test-session.js';
import { CoverageRecorder } from './coverage/recorder.js';
import { COVERAGE_META_KEY, type CoverageRun } from './coverage/run.js';
import { ScriptedLLM } from './scripted-llm.js';
import type { DriverOptions, SayOptions, SessionHandle } from './session-handle.js';
import { currentTestScope, type TestScope } from './test-scope.js';
import { type Turn, TurnRecorder } from './turn.js';
import { treeText } from './workflow-view.js';

const DEFAULT_TIMEOUT_MS = 10_000;

/** Every open driver: `cleanup()` closes them. */
const open = new Set<SessionDriver<any>>();

/**
 * Closes every session the kit rendered that is still open, in every test. Under vitest each test's
 * sessions close when it ends, so tests may run concurrently; call this yourself only with other
 * runners (the kit registers it as a global `afterEach` where one exists) or after rendering
 * outside a test.
 */
export async function cleanup(): Promise<void> {
  await Promise.all([...open].map((driver) => driver.close()));
}

/**
 * Drives a session by facts, never by time. It is the user's turn when no speech is in flight
 * and either a workflow's task waits for input, or no workflow runs and `idle()` says the agent
 * is done. Speech created before the running workflow started (the tool call that started it,
 * still waiting for it) does not count.
 */
export class SessionDriver<U> implements SessionHandle<U> {
  workflow!: Workflow;
  startup!: Turn;
  private readonly listeners = new Set<() => void>();
  private readonly speech = new Map<object, number>();
  private speechCount = 0;
  /** Speech created before the running workflow started (the tool call that started it) does not count. */
  private workflowSpeechFrom = 0;
  private recorder: TurnRecorder | undefined;
  private readonly problems: Error[] = [];
  private closing: Promise<void> | undefined;
  private readonly stopObserving: () => void;
  private readonly scope: TestScope | undefined;
  private readonly coverage: CoverageRecorder | undefined;
  /** The tree as it was at the last event, for `tree()` once the workflow has unmounted. */
  private lastTree = '';

  constructor(
    readonly session: voice.AgentSession<U>,
    private readonly options: DriverOptions<U>,
    private readonly idle: () => boolean = () => true,
  ) {
    session.on(voice.AgentSessionEventTypes.SpeechCreated, this.onSpeech);
    session.on(voice.AgentSessionEventTypes.AgentStateChanged, this.notify);
    this.stopObserving = observeWorkflows(session, this.onWorkflowEvent);
    if (session.llm instanceof ScriptedLLM) session.llm.attach(session, (error) => this.problems.push(error));
    this.scope = currentTestScope();
    if (this.scope?.meta) {
      const runs = (this.scope.meta[COVERAGE_META_KEY] ??= []) as CoverageRun[];
      this.coverage = new CoverageRecorder(session, runs);
    }
    this.scope?.open.add(this);
    open.add(this);
  }

  async start(agent: voice.Agent): Promise<void> {
    const startup = new TurnRecorder(this.session);
    this.recorder = startup;
    await this.session.start({ agent });
    try {
      await this.until(() => this.ready(), 'the agent to be ready for the first turn');
    } finally {
      this.recorder = undefined;
      startup.stop();
    }
    this.throwProblem();
    this.startup = startup.finish();
  }

  get activeTask(): ActiveTask | null {
    return this.workflow?.activeTask ?? null;
  }

  tree(): string {
    if (!this.workflow) return '';
    return this.workflow.closed ? this.lastTree : treeText(this.workflow) || this.lastTree;
  }

  async say(text: string, options: SayOptions = {}): Promise<Turn> {
    await this.until(() => this.ready(), `the workflow to be ready for ${JSON.stringify(text)}`);
    const recorder = new TurnRecorder(this.session);
    this.recorder = recorder;
    const run = this.session.run({ userInput: text, inputModality: options.inputModality });
    let error: Error | undefined;
    try {
      await this.until(
        () => run.done(),
        `the session to answer ${JSON.stringify(text)}`,
        run.wait().catch((reason: unknown) => {
          error = reason as Error;
        }),
      );
      await this.until(() => this.ready(), `the turn ${JSON.stringify(text)} to settle`);
    } finally {
      this.recorder = undefined;
      recorder.stop();
    }
    if (error && recorder.wentBackTo.length > 0 && error.message === 'out_of_scope') error = undefined;
    this.throwProblem();
    return recorder.finish(text, run, error);
  }

  async waitForTask(id: string): Promise<ActiveTask> {
    await this.until(() => {
      const active = this.activeTask;
      return !!active && (active.id === id || active.path === id) && this.ready();
    }, `task "${id}" to enter`);
    return this.activeTask!;
  }

  close(): Promise<void> {
    open.delete(this);
    this.scope?.open.delete(this);
    this.closing ??= closeTestSession(this.session).finally(() => {
      this.session.off(voice.AgentSessionEventTypes.SpeechCreated, this.onSpeech);
      this.session.off(voice.AgentSessionEventTypes.AgentStateChanged, this.notify);
      this.stopObserving();
      this.coverage?.stop();
      this.listeners.clear();
    });
    return this.closing;
  }

  /**
   * Fails with the first script problem since the last turn (later ones tend to follow from it),
   * raised here so the stack points at the test's `say()`, not at LiveKit's event.
   */
  private throwProblem(): void {
    const [problem] = this.problems.splice(0);
    if (problem) throw new Error(problem.message);
  }

  /** Re-checks what `say` and `waitForTask` wait for; call when something they depend on changed. */
  readonly notify = (): void => {
    for (const listener of [...this.listeners]) listener();
  };

  private readonly onWorkflowEvent = (event: WorkflowEvent, workflow: Workflow): void => {
    if (workflow !== this.workflow) this.workflowSpeechFrom = this.speechCount;
    this.workflow = workflow;
    if (event.type !== 'finished') this.lastTree = treeText(workflow) || this.lastTree;
    this.recorder?.record(event);
    this.coverage?.onWorkflowEvent(event, workflow);
    this.notify();
  };

  private readonly onSpeech = (event: voice.SpeechCreatedEvent) => {
    this.speech.set(event.speechHandle, this.speechCount++);
    event.speechHandle.addDoneCallback(() => {
      this.speech.delete(event.speechHandle);
      this.notify();
    });
  };

  private speaking(since: number): number {
    let count = 0;
    for (const order of this.speech.values()) if (order >= since) count++;
    return count;
  }

  private ready(): boolean {
    const running = this.workflow && !this.workflow.closed;
    // A task waiting for input is the user's turn even while another workflow waits to start
    // (two tool calls of one reply, each running a workflow: LiveKit runs them one after another).
    if (running && this.workflow.isWaitingForInput) return this.speaking(this.workflowSpeechFrom) === 0;
    if (running) return false;
    return this.speaking(0) === 0 && this.idle();
  }

  /** The wait's time limit: `timeoutMs`, cut short of the test runner's own timeout. */
  private timeLimit(): number {
    const wanted = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = this.scope?.deadline;
    return deadline === undefined ? wanted : Math.max(0, Math.min(wanted, deadline - Date.now()));
  }

  /** Waits for a fact, re-checked on every workflow and session event; fails with what was awaited. */
  private until(fact: () => boolean, what: string, also?: Promise<unknown>): Promise<void> {
    const limit = this.timeLimit();
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!fact()) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(this.timeoutMessage(limit, what)));
      }, limit);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      also?.then(check, check);
      check();
    });
  }

  private timeoutMessage(limit: number, what: string): string {
    const active = this.activeTask;
    const speaking = this.speaking(0);
    const calls = this.session.llm instanceof ScriptedLLM ? this.session.llm.callsInFlight() : [];
    const runner = this.scope?.runnerTimeoutMs;
    const cut = runner !== undefined && limit < (this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS) ? ` (cut short of the test's ${runner} ms timeout)` : '';
    const facts = [
      active ? `<Task id="${active.path}"> held the session` : 'no task held the session',
      ...calls.map((call) => `the tool call ${call} had not returned`),
      speaking > 0 && `${speaking} speech(es) still playing`,
    ].filter(Boolean);
    return (
      `react-agent-tasks/testing: timed out after ${limit} ms${cut} waiting for ${what}; ${facts.join(', ')}.\n` +
      `Tree:\n${this.tree() || '(none)'}`
    );
  }
}
