import { llm, voice } from '@livekit/agents';
import type { z } from 'zod';
import { asError, misuse } from '../errors.js';
import type { TaskController } from './task-controller.js';

type ToolEntry = llm.ToolContextEntry<any>;
type ToolSet = ToolEntry[];

/** What a task's callbacks (`useOnEnter`, `useOnExit`) receive. */
export interface TaskCallbackContext<U = any> {
  session: voice.AgentSession<U>;
  userData: U;
  /** The live AgentTask of this visit. */
  agentTask: voice.AgentTask<unknown, U>;
  /** Completes the task, as `useComplete()` does. */
  complete: (result: unknown) => void;
}

/** What a tool's `execute` receives as its second argument. */
export interface ToolCallContext<U = any, R = unknown> extends Omit<TaskCallbackContext<U>, 'complete'> {
  /** Completes the enclosing task with a result, or fails it with an Error. */
  complete: (result: R | Error) => void;
  /** LiveKit's RunContext for this call (speech handle, function call, …). */
  runContext: voice.RunContext<U>;
  toolCallId: string;
  abortSignal?: AbortSignal;
}

export type ToolParameters = z.ZodObject<z.ZodRawShape>;

/** A tool declared by `useTool` or `<Tool>`. */
export interface ToolDeclaration<P extends ToolParameters | undefined = ToolParameters | undefined, U = any, R = unknown> {
  /** Tells the model when to call the tool. */
  description: string;
  /** A zod object schema for the arguments; calls that do not match go back to the model as a ToolError. */
  parameters?: P;
  /** LiveKit tool flags, e.g. `llm.ToolFlag.IGNORE_ON_ENTER`. */
  flags?: number;
  /** Runs the tool. The latest function passed on render is the one called. */
  execute: (
    args: P extends ToolParameters ? z.infer<P> : Record<string, never>,
    ctx: ToolCallContext<U, R>,
  ) => unknown;
}

type Handler = (ctx: TaskCallbackContext) => unknown;
interface Latest<T> {
  current: T;
}

/** One visit of a `<Task>`: the tools, callbacks and AgentTask of one mount of its subtree. */
export class TaskVisit {
  agentTask: voice.AgentTask<unknown> | null = null;
  /** A render error caught by the task's error boundary before the AgentTask existed. */
  renderError: Error | null = null;
  ended = false;
  private completed = false;
  private earlyCompletion: { result: unknown } | null = null;
  private readonly tools = new Map<symbol, { name: string; tool: ToolEntry }>();
  private readonly enterHandlers = new Map<symbol, Latest<Handler>>();
  private readonly exitHandlers = new Map<symbol, Latest<Handler>>();
  private extraTools: ToolSet = [];
  private pushedTools: ToolSet = [];
  /** Tool updates sent to LiveKit and not yet applied there. */
  pendingPushes = 0;

  constructor(
    readonly controller: TaskController,
    readonly number: number,
  ) {}

  get workflow() {
    return this.controller.workflow;
  }

  registerTool(key: symbol, name: string, latest: Latest<ToolDeclaration>): () => void {
    for (const entry of this.tools.values()) {
      if (entry.name === name) {
        throw misuse(
          `useTool("${name}")`,
          `is declared twice in ${this.controller.label}`,
          'Give each tool of a task its own name, or turn one off with `enabled: false`.',
        );
      }
    }
    const declaration = latest.current;
    const tool = llm.tool({
      name,
      description: declaration.description,
      parameters: declaration.parameters ?? undefined,
      flags: declaration.flags,
      execute: (args: unknown, options: llm.ToolOptions<any>) => this.executeTool(name, latest, args, options),
    });
    this.tools.set(key, { name, tool });
    this.workflow.toolsChanged(this);
    return () => {
      this.tools.delete(key);
      this.workflow.toolsChanged(this);
    };
  }

  registerHandler(kind: 'enter' | 'exit', key: symbol, latest: Latest<Handler>): () => void {
    const handlers = kind === 'enter' ? this.enterHandlers : this.exitHandlers;
    handlers.set(key, latest);
    return () => handlers.delete(key);
  }

  /** Every tool of the visit: the static `tools` prop, declared tools and `out_of_scope`. */
  toolSet(): ToolSet {
    const declared = [...this.tools.values()].map((entry) => entry.tool);
    return [...staticTools(this.controller.props.tools), ...declared, ...this.extraTools];
  }

  createAgentTask(chatCtx: llm.ChatContext, extraTools: ToolSet): voice.AgentTask<unknown> {
    const { id, instructions, preserveFunctionCallHistory, llm: model, tts, stt, vad, turnHandling, toolHandling } =
      this.controller.props;
    this.extraTools = extraTools;
    const tools = this.toolSet();
    this.pushedTools = tools;
    const agentTask = new ReactAgentTask(this, {
      id: id ?? 'task',
      instructions: instructions ?? '',
      chatCtx,
      tools,
      preserveFunctionCallHistory,
      llm: model,
      tts,
      stt,
      vad,
      turnHandling,
      toolHandling,
    });
    this.agentTask = agentTask;
    if (this.earlyCompletion) agentTask.complete(this.earlyCompletion.result);
    return agentTask;
  }

  /** Pushes the tool set to LiveKit, only when it really changed: each push writes history. */
  syncTools(): void {
    const agentTask = this.agentTask;
    if (!agentTask || this.ended || agentTask.done) return;
    const next = this.toolSet();
    if (next.length === this.pushedTools.length && next.every((tool, i) => tool === this.pushedTools[i])) return;
    this.pushedTools = next;
    this.pendingPushes++;
    agentTask
      .updateTools(next)
      .catch((error: unknown) => this.workflow.reportError(asError(error)))
      .finally(() => {
        this.pendingPushes--;
        this.workflow.toolsUpdated(this);
      });
  }

  complete = (result: unknown): void => {
    if (this.ended || this.completed || this.agentTask?.done) {
      throw new llm.ToolError(
        `react-agent-tasks: ${this.controller.label} is already complete; complete() was called a second time. ` +
          'Call complete() once per visit of a task.',
      );
    }
    this.completed = true;
    if (this.agentTask) this.agentTask.complete(result);
    else this.earlyCompletion = { result };
  };

  /** Ends the visit with an error: from rendering, from a callback, or the model going back. */
  fail(error: Error): void {
    if (this.ended || this.completed || this.agentTask?.done) return;
    if (this.agentTask) {
      this.completed = true;
      this.agentTask.complete(error);
    } else {
      this.renderError ??= error;
    }
  }

  callbackContext(): TaskCallbackContext {
    const session = this.workflow.session;
    return {
      session,
      // Read on use: LiveKit's getter throws when the session was started without userData.
      get userData() {
        return session.userData;
      },
      agentTask: this.agentTask!,
      complete: this.complete,
    };
  }

  /**
   * Runs the `useOnEnter` callbacks without awaiting them: awaiting speech playout in an enter
   * callback of a task started from a tool would otherwise deadlock (see LiveKit's testing guide).
   */
  enter(): void {
    const context = this.callbackContext();
    for (const handler of this.enterHandlers.values()) this.runCallback(() => handler.current(context));
    this.workflow.taskEntered(this);
  }

  async exit(): Promise<void> {
    const context = this.callbackContext();
    await Promise.all([...this.exitHandlers.values()].map((handler) => this.runCallback(() => handler.current(context))));
  }

  end(): void {
    this.ended = true;
  }

  private async runCallback(callback: () => unknown): Promise<void> {
    try {
      await this.workflow.batch(callback);
    } catch (error) {
      this.fail(asError(error));
    }
  }

  private async executeTool(name: string, latest: Latest<ToolDeclaration>, args: unknown, options: llm.ToolOptions<any>): Promise<unknown> {
    if (this.ended) {
      throw new llm.ToolError(`react-agent-tasks: the tool "${name}" belongs to ${this.controller.label}, which is no longer running.`);
    }
    const context: ToolCallContext = Object.assign(this.callbackContext(), {
      runContext: options.ctx,
      toolCallId: options.toolCallId,
      abortSignal: options.abortSignal,
    });
    try {
      const running = this.workflow.batch(() => latest.current.execute(args as never, context));
      // A call still running when the session closes would hold LiveKit's close() forever.
      return await abandonOnAbort(Promise.resolve(running), [options.abortSignal, this.workflow.session._closingSignal], name);
    } catch (error) {
      if (error instanceof llm.ToolError) throw error;
      throw new llm.ToolError(`${name} failed: ${asError(error).message}`);
    } finally {
      this.workflow.userDataChanged();
    }
  }
}

/** The AgentTask behind one visit of a `<Task>`. */
export class ReactAgentTask extends voice.AgentTask<unknown> {
  constructor(
    readonly visit: TaskVisit,
    options: voice.AgentOptions<unknown> & { preserveFunctionCallHistory?: boolean },
  ) {
    super(options);
  }

  override async onEnter(): Promise<void> {
    this.visit.enter();
  }

  override async onExit(): Promise<void> {
    await this.visit.exit();
  }
}

function abandonOnAbort<T>(running: Promise<T>, signals: Array<AbortSignal | undefined>, name: string): Promise<T> {
  const live = signals.filter((signal): signal is AbortSignal => !!signal);
  if (live.some((signal) => signal.aborted)) return Promise.reject(new llm.ToolError(`${name} was cancelled`));
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

const normalized = new WeakMap<object, ToolSet>();

/** The `tools` prop as entries, normalized once per prop value so tool identity stays stable. */
function staticTools(tools: llm.ToolContextLike | undefined): ToolSet {
  if (!tools) return [];
  let entries = normalized.get(tools);
  if (!entries) {
    entries = [...llm.toToolContext(tools).tools];
    normalized.set(tools, entries);
  }
  return entries;
}
