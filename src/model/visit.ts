import { llm, type voice } from '@livekit/agents';
import { asError, misuse } from './errors.js';
import type { TaskStep } from './task-step.js';
import type { TaskCallbackContext, ToolCallContext, ToolDeclaration } from './types.js';

type ToolEntry = llm.ToolContextEntry<any>;
type Handler = (ctx: TaskCallbackContext) => unknown;
interface Latest<T> {
  current: T;
}

/** Tool names the workflow owns: a developer tool of that name would clash with LiveKit's. */
const RESERVED_TOOL_NAMES = new Set(['out_of_scope']);

/**
 * One visit of a `<Task>`: the tools, callbacks and AgentTask of one mount of its subtree. It
 * ends exactly once; after that its tools refuse to run and its completion cannot change.
 */
export class TaskVisit {
  agentTask: voice.AgentTask<unknown> | null = null;
  /** Names the AgentTask in "already done" errors after {@link detach}. */
  private agentTaskName = 'AgentTask';
  /** A render error caught by the task's error boundary before the AgentTask existed. */
  renderError: Error | null = null;
  ended = false;
  /** Set by the first completion (a result, an error, going back): later ones are refused. */
  private settled = false;
  private earlyCompletion: { result: unknown } | null = null;
  private readonly tools = new Map<symbol, { name: string; latest: Latest<ToolDeclaration>; tool: ToolEntry }>();
  private readonly enterHandlers = new Map<symbol, Latest<Handler>>();
  private readonly exitHandlers = new Map<symbol, Latest<Handler>>();
  /** Tools the engine adds (`out_of_scope`). */
  extraTools: ToolEntry[] = [];
  /** The tool set LiveKit has, to push only real changes (each push writes history). */
  pushedTools: ToolEntry[] = [];
  /** Tool updates sent to LiveKit and not yet applied there. */
  pendingPushes = 0;
  /** When set, the visit's group ends after this step's result is recorded (`useEndGroup`). */
  endsGroup = false;
  /** Made when something first reads `signal`: most visits never do, and each controller costs. */
  private abort: AbortController | null = null;
  private exited = false;
  /**
   * What the visit's tools reach it through. Cleared when the visit ends: LiveKit's timers keep
   * the async context of a tool call (and so its tool set) alive for a while after the call, and
   * a finished workflow must not stay reachable through them.
   */
  readonly handle: { visit: TaskVisit | null } = { visit: this };

  constructor(
    readonly step: TaskStep,
    readonly number: number,
  ) {}

  get runtime() {
    return this.step.runtime;
  }

  private combinedSignal: AbortSignal | undefined;

  /** Aborts when the visit ends or the session closes. */
  get signal(): AbortSignal {
    if (!this.combinedSignal) {
      this.abort = new AbortController();
      if (this.ended) this.abort.abort();
      this.combinedSignal = AbortSignal.any([this.abort.signal, this.runtime.signal]);
    }
    return this.combinedSignal;
  }

  registerTool(key: symbol, name: string, latest: Latest<ToolDeclaration>): () => void {
    if (RESERVED_TOOL_NAMES.has(name)) {
      throw misuse(`useTool("${name}")`, `in ${this.step.label} uses a name react-agent-tasks reserves for going back`, 'Pick another tool name.');
    }
    for (const entry of this.tools.values()) {
      if (entry.name === name) {
        throw misuse(`useTool("${name}")`, `is declared twice in ${this.step.label}`, 'Give each tool of a task its own name, or turn one off with `enabled: false`.');
      }
    }
    this.tools.set(key, { name, latest, tool: declaredTool(this.handle, key, name, latest.current) });
    this.runtime.toolsChanged(this);
    return () => {
      this.tools.delete(key);
      this.runtime.toolsChanged(this);
    };
  }

  registerHandler(kind: 'enter' | 'exit', key: symbol, latest: Latest<Handler>): () => void {
    const handlers = kind === 'enter' ? this.enterHandlers : this.exitHandlers;
    handlers.set(key, latest);
    return () => handlers.delete(key);
  }

  /** The tools declared by the visit's components (`useTool`, `<Tool>`). */
  declaredTools(): ToolEntry[] {
    return [...this.tools.values()].map((entry) => entry.tool);
  }

  /** Completes the visit with a result, or fails it with an Error. A second completion of either kind throws as LiveKit's does. */
  complete = (result: unknown): void => {
    if (this.ended || this.settled || this.agentTask?.done) {
      // LiveKit's AgentTask.complete throws this plain Error; the model hears "An internal error occurred".
      throw new Error(`${this.agentTask?.constructor.name ?? this.agentTaskName} is already done`);
    }
    if (result instanceof Error) return this.fail(result);
    this.settled = true;
    this.step.lastResult = { value: result };
    if (this.agentTask) this.agentTask.complete(result);
    else this.earlyCompletion = { result };
  };

  /** Completes the visit and ends its group early with what was collected (`useEndGroup`). */
  endGroup = (result: unknown): void => {
    this.complete(result);
    this.endsGroup = true;
  };

  /** Ends the visit with an error: from rendering, from a callback, the model going back, removal. */
  fail(error: Error): void {
    if (this.ended || this.settled || this.agentTask?.done) return;
    this.settled = true;
    if (this.agentTask) this.agentTask.complete(error);
    else this.renderError ??= error;
  }

  /** True once something completed or failed the visit. */
  get isSettled(): boolean {
    return this.settled || !!this.agentTask?.done;
  }

  /** Hands the visit its AgentTask; a completion that came first (from a layout effect) applies now. */
  attach(agentTask: voice.AgentTask<unknown>): void {
    this.agentTask = agentTask;
    if (this.earlyCompletion) agentTask.complete(this.earlyCompletion.result);
    else if (this.renderError) agentTask.complete(this.renderError);
  }

  /** Pushes the tool set to LiveKit, only when it really changed: each push writes history. */
  syncTools(): void {
    const agentTask = this.agentTask;
    // A completed task whose reply is still running takes tool changes, as LiveKit's does: it
    // records them in the context the next steps get.
    if (!agentTask || this.ended) return;
    const next = [...staticToolsOf(this.step.props.tools), ...this.declaredTools(), ...this.extraTools];
    if (next.length === this.pushedTools.length && next.every((tool, i) => tool === this.pushedTools[i])) return;
    this.pushedTools = next;
    this.push(agentTask.updateTools(next));
  }

  /** Pushes the `instructions` prop to LiveKit when it changed during the visit. */
  syncInstructions(): void {
    const agentTask = this.agentTask;
    const next = this.step.props.instructions ?? '';
    if (!agentTask || this.ended || agentTask.done || agentTask.instructions === next) return;
    this.push(agentTask.updateInstructions(next));
  }

  /** Counts an update on its way to LiveKit (a turn is not settled until it lands) and reports its failure. */
  private push(update: Promise<void>): void {
    this.pendingPushes++;
    update
      .catch((error: unknown) => this.runtime.reportError(asError(error)))
      .finally(() => {
        this.pendingPushes--;
        this.runtime.toolsUpdated(this);
      });
  }

  callbackContext(): TaskCallbackContext {
    const session = this.runtime.session;
    const visit = this;
    return {
      session,
      // Read on use: LiveKit's getter throws when the session was started without userData.
      get userData() {
        return session.userData;
      },
      agentTask: this.agentTask!,
      complete: this.complete,
      get signal() {
        return visit.signal;
      },
    };
  }

  /**
   * Runs the `useOnEnter` callbacks without awaiting them: awaiting speech playout in an enter
   * callback of a task started from a tool would otherwise deadlock (see LiveKit's testing guide).
   */
  enter(): void {
    const context = this.callbackContext();
    for (const handler of this.enterHandlers.values()) this.runCallback(() => handler.current(context), true);
    this.runtime.taskEntered(this);
  }

  /**
   * Runs the `useOnExit` callbacks, once per visit; resolves at once when the session closes,
   * however long they take. Returns undefined when there is nothing to wait for.
   */
  exit(): Promise<void> | undefined {
    // Not async: most visits have no exit callback, and LiveKit awaits onExit on every step change.
    if (this.exited) return undefined;
    this.exited = true;
    if (this.exitHandlers.size === 0) return undefined;
    const context = this.callbackContext();
    const running = Promise.all([...this.exitHandlers.values()].map((handler) => this.runCallback(() => handler.current(context), false)));
    return untilAborted(running, this.runtime.signal);
  }

  end(): void {
    this.ended = true;
    this.abort?.abort();
  }

  /** The visit ended and its AgentTask finished: let go of the task (its name stays for messages). */
  detach(): void {
    if (!this.ended || !this.agentTask) return;
    this.agentTaskName = this.agentTask.constructor.name;
    this.settled ||= this.agentTask.done;
    this.agentTask = null;
  }

  /** Drops what ties the visit's tools to the workflow (see `handle`). */
  release(): void {
    this.end();
    this.handle.visit = null;
    this.tools.clear();
    this.extraTools = [];
    this.pushedTools = [];
  }

  /** Runs one callback in a commit; settles when it does (synchronously, for most). Never throws. */
  private runCallback(callback: () => unknown, failsTask: boolean): Promise<void> | undefined {
    // An enter callback that throws fails the task; an exit callback's error cannot change a
    // result already given, so it is reported instead.
    const failed = (error: unknown) => (failsTask ? this.fail(asError(error)) : this.runtime.reportError(asError(error)));
    try {
      const running = this.runtime.batch(callback);
      if (isThenable(running)) return Promise.resolve(running).then(() => {}, failed);
    } catch (error) {
      failed(error);
    }
    return undefined;
  }

  /**
   * Runs a tool call: its value, or a promise when the tool's execute returned one. A tool that
   * answers synchronously settles without extra promise hops, as a plain LiveKit tool does, so
   * LiveKit records its output at the same point of the reply (test/differential, difference (f)).
   */
  executeTool(key: symbol, name: string, args: unknown, options: llm.ToolOptions<any>): unknown {
    const latest = this.tools.get(key)?.latest;
    if (this.ended || !latest) {
      // Withdrawn by an earlier call of the same reply: what LiveKit says of a tool it does not offer.
      const available = [...this.tools.values()].map((entry) => entry.name).sort().join(', ');
      throw new llm.ToolError(`Unknown function: ${name} - available tools: ${available}`);
    }
    const context: ToolCallContext = Object.assign(this.callbackContext(), {
      runContext: options.ctx,
      toolCallId: options.toolCallId,
      abortSignal: options.abortSignal,
    });
    let settled: unknown;
    try {
      const running = this.runtime.batch(() => latest.current.execute(args as never, context));
      // A call still running when the session closes would hold LiveKit's close() forever.
      settled = abandonOnAbort(running, [options.abortSignal, this.runtime.signal], name);
    } catch (error) {
      throw this.toolFailed(error);
    }
    if (!isThenable(settled)) {
      this.runtime.userDataChanged();
      return settled;
    }
    return Promise.resolve(settled).then(
      (value) => {
        this.runtime.userDataChanged();
        return value;
      },
      (error: unknown) => {
        throw this.toolFailed(error);
      },
    );
  }

  /**
   * Only ToolError text reaches the model; anything else LiveKit replaces with its own "An
   * internal error occurred", and the developer sees the error. Returns the error to rethrow.
   */
  private toolFailed(error: unknown): unknown {
    if (!(error instanceof llm.ToolError)) this.runtime.reportError(asError(error));
    this.runtime.userDataChanged();
    return error;
  }
}

/**
 * A declared tool as LiveKit sees it. Built outside the class so its closure holds the handle,
 * not the visit (a closure made inside a method shares that method's context, `this` included).
 */
function declaredTool(handle: { visit: TaskVisit | null }, key: symbol, name: string, declaration: ToolDeclaration): ToolEntry {
  return llm.tool({
    name,
    description: declaration.description,
    parameters: declaration.parameters ?? undefined,
    flags: declaration.flags,
    // Not async: a synchronous answer resolves as a plain tool's `async execute` does (see executeTool).
    execute: (args: unknown, options: llm.ToolOptions<any>): Promise<unknown> => {
      try {
        if (!handle.visit) throw new llm.ToolError(`Unknown function: ${name}`);
        const result = handle.visit.executeTool(key, name, args, options);
        // The same promise when executeTool made one; an already resolved one for a value.
        return Promise.resolve(result);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  });
}

const normalized = new WeakMap<object, ToolEntry[]>();

/** The `tools` prop as entries, normalized once per prop value so tool identity stays stable. */
export function staticToolsOf(tools: llm.ToolContextLike | undefined): ToolEntry[] {
  if (!tools) return [];
  let entries = normalized.get(tools);
  if (!entries) {
    entries = [...llm.toToolContext(tools).tools];
    normalized.set(tools, entries);
  }
  return entries;
}

function untilAborted(running: Promise<unknown>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    running.then(done, done);
  });
}

function abandonOnAbort<T>(running: T | PromiseLike<T>, signals: Array<AbortSignal | undefined>, name: string): T | Promise<T> {
  const live = signals.filter((signal): signal is AbortSignal => !!signal);
  if (live.some((signal) => signal.aborted)) return Promise.reject(new llm.ToolError(`${name} was cancelled`));
  // Most tools answer synchronously: nothing is left to abandon, so no listeners are needed.
  if (!isThenable(running)) return running;
  return new Promise<T>((resolve, reject) => {
    const abandon = () => {
      stop();
      reject(new llm.ToolError(`${name} was cancelled`));
    };
    const stop = () => live.forEach((signal) => signal.removeEventListener('abort', abandon));
    live.forEach((signal) => signal.addEventListener('abort', abandon, { once: true }));
    running.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}
