import { initializeLogger, type llm, voice } from '@livekit/agents';
import { observeWorkflows, workflowsStarting } from '../engine/observers.js';
import type { Workflow } from '../engine/workflow.js';
import type { ActiveTask, WorkflowEvent } from '../model/types.js';
import { closeTestSession } from './close-test-session.js';
import { ScriptedLLM } from './scripted-llm.js';
import { type Turn, TurnRecorder } from './turn.js';

/** Options shared by `renderWorkflow` and `renderAgent`. */
export interface DriverOptions<U> {
  /** The model: any LiveKit LLM, a `scriptedLLM(...)`, or FakeLLM responses. */
  llm: llm.LLM | voice.testing.FakeLLMResponse[];
  /** The session's userData; defaults to `{}` so writes never vanish. */
  userData?: U;
  /** How long a turn may take to settle before it fails, naming the stuck task. Default 10 s. */
  timeoutMs?: number;
}

/** Options of `say`. */
export interface SayOptions {
  /** How the user's words arrived: typed (`'text'`, the default) or spoken (`'audio'`). */
  inputModality?: 'text' | 'audio';
}

/** A live session driven turn by turn. */
export interface SessionHandle<U = any> {
  readonly session: voice.AgentSession<U>;
  /** The workflow that ran last (or runs now), once one has rendered. */
  readonly workflow: Workflow;
  /** What was produced before the first `say` (greetings from `useOnEnter`). */
  readonly startup: Turn;
  /** The task holding the session, or null between steps and outside workflows. */
  readonly activeTask: ActiveTask | null;
  /**
   * Waits until it is the user's turn, runs one user turn, and waits until all it set off has
   * settled. `inputModality: 'audio'` marks the turn as spoken (LiveKit's default is typed text).
   */
  say(text: string, options?: SayOptions): Promise<Turn>;
  /** Resolves once the task with this id (or path) has entered. */
  waitForTask(id: string): Promise<ActiveTask>;
  /** The live tree as stable text, with every step's state. */
  tree(): string;
  /**
   * Closes the session mid-flow: trees unmount, pending results reject, nothing is left running.
   * It closes with LiveKit's reason `'error'`, which skips the 500 ms wait for a spoken last turn
   * a test session cannot have (see close-test-session.ts); `session.close()` is the slow, clean way.
   */
  close(): Promise<void>;
}

const mounted = new Set<{ close(): Promise<void> }>();

/** Closes every session rendered by the current test. Runs after each test automatically under vitest or jest. */
export async function cleanup(): Promise<void> {
  const handles = [...mounted];
  mounted.clear();
  await Promise.all(handles.map((handle) => handle.close()));
}

let loggerReady = false;

/** A session for a test: the model attached, userData defaulted, LiveKit's logger initialised. */
export function createTestSession<U>(options: DriverOptions<U>): voice.AgentSession<U> {
  if (!loggerReady) {
    loggerReady = true;
    try {
      initializeLogger({ pretty: false, level: 'fatal' });
    } catch {
      // Already initialised by the application or a test setup file.
    }
  }
  const model = Array.isArray(options.llm) ? new voice.testing.FakeLLM(options.llm) : options.llm;
  return new voice.AgentSession<U>({ llm: model, userData: options.userData ?? ({} as U) });
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
  private readonly unmatched: Error[] = [];
  private closing: Promise<void> | undefined;
  private readonly stopObserving: () => void;

  constructor(
    readonly session: voice.AgentSession<U>,
    private readonly options: DriverOptions<U>,
    private readonly idle: () => boolean = () => true,
  ) {
    session.on(voice.AgentSessionEventTypes.SpeechCreated, this.onSpeech);
    session.on(voice.AgentSessionEventTypes.AgentStateChanged, this.notify);
    this.stopObserving = observeWorkflows(session, this.onWorkflowEvent);
    if (session.llm instanceof ScriptedLLM) session.llm.attach(session, (error) => this.unmatched.push(error));
    mounted.add(this);
  }

  async start(agent: voice.Agent): Promise<void> {
    const startup = new TurnRecorder(this.session);
    this.recorder = startup;
    await this.session.start({ agent });
    await this.until(() => this.ready(), 'the agent to be ready for the first turn');
    this.recorder = undefined;
    this.startup = startup.finish();
  }

  get activeTask(): ActiveTask | null {
    return this.workflow?.activeTask ?? null;
  }

  tree(): string {
    return this.workflow?.tree() ?? '';
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
    const unmatched = this.unmatched.shift();
    if (unmatched) throw unmatched;
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
    mounted.delete(this);
    this.closing ??= closeTestSession(this.session).finally(() => {
      this.session.off(voice.AgentSessionEventTypes.SpeechCreated, this.onSpeech);
      this.session.off(voice.AgentSessionEventTypes.AgentStateChanged, this.notify);
      this.stopObserving();
    });
    return this.closing;
  }

  /** Re-checks what `say` and `waitForTask` wait for; call when something they depend on changed. */
  readonly notify = (): void => {
    for (const listener of this.listeners) listener();
  };

  private readonly onWorkflowEvent = (event: WorkflowEvent, workflow: Workflow): void => {
    if (workflow !== this.workflow) this.workflowSpeechFrom = this.speechCount;
    this.workflow = workflow;
    this.recorder?.record(event);
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
    if (workflowsStarting()) return false;
    const running = this.workflow && !this.workflow.closed;
    if (running) return this.workflow.isWaitingForInput && this.speaking(this.workflowSpeechFrom) === 0;
    return this.speaking(0) === 0 && this.idle();
  }

  /** Waits for a fact, re-checked on every workflow and session event; fails with what was awaited. */
  private until(fact: () => boolean, what: string, also?: Promise<unknown>): Promise<void> {
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!fact()) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        const active = this.activeTask;
        const speaking = this.speaking(0);
        reject(
          new Error(
            `react-agent-tasks/testing: timed out after ${timeoutMs} ms waiting for ${what}; ` +
              (active ? `<Task id="${active.path}"> held the session` : 'no task held the session') +
              `${speaking > 0 ? `, ${speaking} speech(es) still playing` : ''}.\nTree:\n${this.workflow?.tree() || '(none)'}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      also?.then(check, check);
      check();
    });
  }
}
