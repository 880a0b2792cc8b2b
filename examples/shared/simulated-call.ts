import { voice } from '@livekit/agents';
import type { Workflow, WorkflowEvent } from 'react-agent-tasks';

/** What a call reports as it goes: the CLI prints these, tests may collect them. */
export type CallEvent =
  | { type: 'caller'; text: string }
  | { type: 'agent'; text: string }
  | { type: 'tool'; name: string; args: string; output: string; isError: boolean }
  | { type: 'workflow'; event: WorkflowEvent; workflow: Workflow }
  | { type: 'note'; text: string }
  | { type: 'closed'; reason: string };

export interface CallOptions<U extends object> {
  /** A session not started yet (its model may be a ScriptedLLM, which is told about the session). */
  session: voice.AgentSession<U>;
  onEvent?: (event: CallEvent) => void;
  /** How long one turn may take to settle, so a broken script fails instead of hanging. Default 10 s. */
  timeoutMs?: number;
}

interface Attachable {
  attach(session: voice.AgentSession<any>, onUnmatched?: (error: Error) => void): void;
}

/**
 * A phone call without a phone: a real AgentSession (no room, no audio) whose caller is a script
 * or a person at a keyboard. Between turns it waits on facts, never on time: no speech in flight,
 * and either a task waiting for input or nothing running. The agent must pass `call.onWorkflowEvent`
 * as the `onEvent` of its workflows, and `call.track` its onEnter, so the call sees them.
 */
export class SimulatedCall<U extends object = Record<string, unknown>> {
  readonly session: voice.AgentSession<U>;
  private closeEmitted = false;
  /** Speech in flight, each with its sequence number (the n-th speech of the call). */
  private readonly pendingSpeech = new Map<object, number>();
  /** The sequence number the next speech gets; also how many there were. */
  private speeches = 0;
  /** Tracked work still running (an agent's onEnter: its workflow, then what it does with the result). */
  private pendingWork = 0;
  /** The first speech created since the running task started (its greeting and later replies). */
  private taskSpeechFrom = 0;
  private workflow: Workflow | undefined;
  private workflowRunning = false;
  /** The path of each workflow's top step: the first step a workflow reports. */
  private readonly rootPaths = new WeakMap<Workflow, string>();
  private readonly listeners = new Set<() => void>();
  private readonly unmatched: Error[] = [];

  constructor(private readonly options: CallOptions<U>) {
    this.session = options.session;
    (this.session.llm as Partial<Attachable> | undefined)?.attach?.(this.session, (error) => this.unmatched.push(error));
    const emit = options.onEvent ?? (() => {});
    this.session.on(voice.AgentSessionEventTypes.SpeechCreated, ({ speechHandle }) => {
      this.pendingSpeech.set(speechHandle, this.speeches++);
      speechHandle.addDoneCallback(() => {
        this.pendingSpeech.delete(speechHandle);
        this.notify();
      });
    });
    this.session.on(voice.AgentSessionEventTypes.ConversationItemAdded, ({ item }) => {
      if (item.type !== 'message' || !item.textContent) return;
      emit(item.role === 'user' ? { type: 'caller', text: item.textContent } : { type: 'agent', text: item.textContent });
    });
    this.session.on(voice.AgentSessionEventTypes.FunctionToolsExecuted, ({ functionCalls, functionCallOutputs }) => {
      functionCalls.forEach((call, i) => {
        const output = functionCallOutputs[i];
        emit({ type: 'tool', name: call.name, args: call.args, output: output?.output ?? '', isError: output?.isError ?? false });
      });
    });
    this.session.on(voice.AgentSessionEventTypes.Close, ({ reason }) => {
      this.closeEmitted = true;
      emit({ type: 'closed', reason: String(reason) });
      this.notify();
    });
    this.session.on(voice.AgentSessionEventTypes.AgentStateChanged, () => this.notify());
  }

  /** Pass as `onEvent` to `createAgent`/`runTask`: the call learns when a workflow waits for input. */
  onWorkflowEvent = (event: WorkflowEvent, workflow: Workflow): void => {
    this.workflow = workflow;
    if (event.type === 'step') {
      if (event.kind === 'task' && event.status === 'active') this.taskSpeechFrom = this.speeches;
      if (!this.rootPaths.has(workflow)) this.rootPaths.set(workflow, event.path);
      if (this.rootPaths.get(workflow) === event.path) this.workflowRunning = event.status === 'active';
    }
    this.options.onEvent?.({ type: 'workflow', event, workflow });
    this.notify();
  };

  /** A line from the example itself (an onTaskCompleted callback, say), shown with the conversation. */
  note = (text: string): void => {
    this.options.onEvent?.({ type: 'note', text });
  };

  /** Pass as `track` to the example: the call also waits for this work (an agent's onEnter) to end. */
  track = (work: Promise<unknown>): void => {
    this.pendingWork++;
    const done = () => {
      this.pendingWork--;
      this.notify();
    };
    work.then(done, done);
  };

  /**
   * Starts the agent and waits for its greeting: the agent speaks first, as on a phone line.
   * (`session.start` resolves before the agent's onEnter ran, so the greeting is the fact to wait for.)
   */
  async start(agent: voice.Agent): Promise<void> {
    await this.session.start({ agent });
    await this.settled('the agent to greet the caller', () => this.speeches > 0);
  }

  /**
   * One caller turn: waits for the agent's turn to end, says `text`, waits until all it set off
   * settled. Resolves with the error the turn ended in, if any: LiveKit rejects a run when a task
   * fails during it (a step failed on purpose, say), and the agent may well handle that.
   */
  async say(text: string): Promise<{ error?: Error }> {
    await this.settled(`the agent to be ready for ${JSON.stringify(text)}`);
    if (this.closed) throw new Error(`the call ended before the caller said ${JSON.stringify(text)}`);
    const run = this.session.run({ userInput: text });
    let failure: Error | undefined;
    await run.wait().catch((error: Error) => {
      failure = error;
    });
    await this.settled(`the turn ${JSON.stringify(text)} to settle`);
    const unmatched = this.unmatched.shift();
    if (unmatched) throw unmatched;
    // `out_of_scope` rejects the run that went back; the group carries on, so that is no error.
    return failure && failure.message !== 'out_of_scope' ? { error: failure } : {};
  }

  /** Resolves once nothing is left to happen until the caller speaks (or the call ended). */
  settled(what = 'the call to settle', also: () => boolean = () => true): Promise<void> {
    // A task waiting for input is the caller's turn once its own speech is done, even though the
    // agent's onEnter, or the tool, that started the workflow is still pending (with that tool's
    // speech). Outside a task nothing may be running at all.
    // quiet(n): no speech numbered n or later is in flight; quiet(0): none at all.
    const quiet = (from: number) => [...this.pendingSpeech.values()].every((n) => n < from);
    const idle = () =>
      this.workflow?.isWaitingForInput ? quiet(this.taskSpeechFrom) : this.pendingWork === 0 && !this.workflowRunning && quiet(0);
    const ready = () => this.closed || (also() && idle());
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!ready()) return;
        stop();
        resolve();
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}.\n${this.workflow?.tree() ?? ''}`));
      }, timeoutMs);
      const stop = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /**
   * True once the call is ending: the session closed, or began to (`session.shutdown()` after a
   * goodbye). The Close event comes only after teardown, later than the turn that hung up.
   */
  get closed(): boolean {
    return this.closeEmitted || this.session._closing;
  }

  async close(): Promise<void> {
    await this.session.close();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
