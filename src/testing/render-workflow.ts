import { initializeLogger, llm, voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import { runTask } from '../run-task.js';
import type { ActiveTask, Workflow, WorkflowEvent } from '../runtime/workflow.js';
import { ScriptedLLM } from './scripted-llm.js';
import { type Turn, TurnRecorder } from './turn.js';

/** Options of {@link renderWorkflow}. */
export interface RenderWorkflowOptions<U> {
  /** The model: any LiveKit LLM, a `scriptedLLM(...)`, or FakeLLM responses. */
  llm: llm.LLM | voice.testing.FakeLLMResponse[];
  /** The session's userData; defaults to `{}` so writes never vanish. */
  userData?: U;
  /** Seeds the workflow's chat context. */
  chatCtx?: llm.ChatContext;
  /** Render under React StrictMode, to catch effects that are not idempotent. */
  strict?: boolean;
  /** How long a turn may take to settle before it fails, naming the stuck task. Default 10 s. */
  timeoutMs?: number;
  /** The instructions of the Agent that runs the workflow. */
  instructions?: string;
}

/** Options of `say`. */
export interface SayOptions {
  /** How the user's words arrived: typed (`'text'`, the default) or spoken (`'audio'`). */
  inputModality?: 'text' | 'audio';
}

/** A rendered workflow in a live session, driven turn by turn. */
export interface WorkflowHandle<R = unknown, U = any> {
  readonly session: voice.AgentSession<U>;
  /** The workflow, once it rendered. */
  readonly workflow: Workflow;
  /** What was produced before the first `say` (greetings from `useOnEnter`). */
  readonly startup: Turn;
  /** The task holding the session, or null between steps and after the end. */
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
  /** The workflow's result. */
  readonly result: Promise<R>;
  /** Closes the session mid-flow: the tree unmounts, `result` rejects, nothing is left running. */
  close(): Promise<void>;
}

const mounted = new Set<{ close(): Promise<void> }>();

/** Closes every workflow rendered by the current test. Runs after each test automatically under vitest or jest. */
export async function cleanup(): Promise<void> {
  const handles = [...mounted];
  mounted.clear();
  await Promise.all(handles.map((handle) => handle.close()));
}

let loggerReady = false;
function ensureLogger(): void {
  if (loggerReady) return;
  loggerReady = true;
  try {
    initializeLogger({ pretty: false, level: 'fatal' });
  } catch {
    // Already initialised by the application or a test setup file.
  }
}

class Handle<R, U> implements WorkflowHandle<R, U> {
  workflow!: Workflow;
  startup!: Turn;
  readonly result: Promise<R>;
  private settled = false;
  private readonly listeners = new Set<() => void>();
  private recorder: TurnRecorder | undefined;
  private readonly unmatched: Error[] = [];
  private pendingSpeech = 0;
  private closing: Promise<void> | undefined;

  constructor(
    readonly session: voice.AgentSession<U>,
    element: ReactNode,
    private readonly options: RenderWorkflowOptions<U>,
  ) {
    let resolve!: (value: R) => void;
    let reject!: (reason: unknown) => void;
    this.result = new Promise<R>((onResolve, onReject) => {
      resolve = onResolve;
      reject = onReject;
    });
    this.result.then(
      () => this.finish(),
      () => this.finish(),
    );
    const handle = this;
    class WorkflowHarnessAgent extends voice.Agent {
      override async onEnter(): Promise<void> {
        try {
          resolve(
            await runTask<R>(element, {
              chatCtx: options.chatCtx ?? this.chatCtx,
              strict: options.strict,
              onEvent: (event, workflow) => handle.onWorkflowEvent(event, workflow),
            }),
          );
        } catch (error) {
          reject(error);
        }
      }
    }
    this.agent = new WorkflowHarnessAgent({ instructions: options.instructions ?? 'You are a helpful assistant.' });
    session.on(voice.AgentSessionEventTypes.SpeechCreated, this.onSpeech);
    session.on(voice.AgentSessionEventTypes.AgentStateChanged, this.notify);
    if (options.llm instanceof ScriptedLLM) options.llm.attach(session, (error) => this.unmatched.push(error));
  }

  readonly agent: voice.Agent;

  async start(): Promise<void> {
    this.result.catch(() => {});
    const startup = new TurnRecorder(this.session);
    this.recorder = startup;
    await this.session.start({ agent: this.agent });
    await this.until(() => this.ready(), 'the first task to enter');
    this.recorder = undefined;
    this.startup = startup.finish();
  }

  get activeTask(): ActiveTask | null {
    return this.workflow?.activeTask ?? null;
  }

  tree(): string {
    return this.workflow.tree();
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
    this.closing ??= this.session.close().finally(() => {
      this.session.off(voice.AgentSessionEventTypes.SpeechCreated, this.onSpeech);
      this.session.off(voice.AgentSessionEventTypes.AgentStateChanged, this.notify);
    });
    return this.closing;
  }

  private readonly onSpeech = (event: voice.SpeechCreatedEvent) => {
    this.pendingSpeech++;
    event.speechHandle.addDoneCallback(() => {
      this.pendingSpeech--;
      this.notify();
    });
  };

  onWorkflowEvent(event: WorkflowEvent, workflow: Workflow): void {
    this.workflow = workflow;
    this.recorder?.record(event);
    this.notify();
  }

  /** Ready for the user: a task waits for input (or the workflow ended) and no speech is in flight. */
  private ready(): boolean {
    if (this.pendingSpeech > 0) return false;
    return this.settled || (this.workflow?.isWaitingForInput ?? false);
  }

  private finish(): void {
    this.settled = true;
    this.notify();
  }

  private readonly notify = (): void => {
    for (const listener of this.listeners) listener();
  };

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
        reject(
          new Error(
            `react-agent-tasks/testing: timed out after ${timeoutMs} ms waiting for ${what}; ` +
              (active ? `<Task id="${active.path}"> held the session` : 'no task held the session') +
              `${this.pendingSpeech > 0 ? `, ${this.pendingSpeech} speech(es) still playing` : ''}.\nTree:\n${this.workflow?.tree() ?? '(not rendered)'}`,
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

/**
 * Renders a workflow into a real AgentSession (no room, no network) whose Agent runs it, and
 * resolves once its first task has entered and finished speaking.
 *
 * @example
 * const flow = await renderWorkflow(<Onboarding />, { llm: scriptedLLM([...]) });
 * const turn = await flow.say('My name is Eve.');
 * expect(turn.toolCalls).toEqual([{ name: 'save_name', args: { name: 'Eve' }, output: '"ok"', isError: false }]);
 */
export async function renderWorkflow<R = unknown, U = Record<string, unknown>>(
  element: ReactNode,
  options: RenderWorkflowOptions<U>,
): Promise<WorkflowHandle<R, U>> {
  ensureLogger();
  const model = Array.isArray(options.llm) ? new voice.testing.FakeLLM(options.llm) : options.llm;
  const session = new voice.AgentSession<U>({ llm: model, userData: options.userData ?? ({} as U) });
  const handle = new Handle<R, U>(session, element, options);
  mounted.add(handle);
  await handle.start();
  return handle;
}
