import { voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import { checkOptions } from './engine/checkpointing.js';
import type { ResultOf, StepHandle } from './model/step-handle.js';
import { type RunTaskOptions, runTask } from './run-task.js';
import { type ComponentResult, type PropsThenOptions, type TaskComponent, workflowSource } from './workflow-source.js';

/** Options of {@link createAgent}: LiveKit's AgentOptions plus what to do with the result. */
export interface CreateAgentOptions<R> extends Omit<voice.AgentOptions<any>, 'instructions'>, Omit<RunTaskOptions, 'chatCtx'> {
  /** The agent's own instructions, used before and after the workflow. */
  instructions?: string;
  /** Called with the workflow's result inside the agent's onEnter: say goodbye, hand off, … */
  onResult?: (result: R, agent: WorkflowAgent<R>) => void | Promise<void>;
  /** Called when the workflow fails. Without it the error is logged by LiveKit. */
  onError?: (error: Error, agent: WorkflowAgent<R>) => void | Promise<void>;
}

/**
 * The Agent made by {@link createAgent}. `result` settles when its workflow does; `settled` once
 * `onResult` or `onError` has returned too.
 */
export class WorkflowAgent<R = unknown> extends voice.Agent {
  /** The workflow's result; set once onEnter has started it. */
  result: Promise<R> | undefined;
  /** Resolves when the workflow and its `onResult`/`onError` handler have finished, however they ended. */
  readonly settled: Promise<void>;
  private markSettled!: () => void;

  constructor(
    private readonly element: ReactNode,
    private readonly options: CreateAgentOptions<R>,
  ) {
    const { onResult: _r, onError: _e, onEvent: _v, strict: _s, checkpoint, instructions, ...agentOptions } = options;
    if (checkpoint !== undefined) checkOptions(checkpoint);
    super({ ...agentOptions, instructions: instructions ?? '' });
    this.settled = new Promise<void>((resolve) => {
      this.markSettled = resolve;
    });
  }

  override async onEnter(): Promise<void> {
    // The element already carries its type check (see workflowSource); R is what createAgent typed.
    const { onEvent, strict, checkpoint } = this.options;
    this.result = runTask(this.element, { chatCtx: this.chatCtx, onEvent, strict, checkpoint }) as Promise<R>;
    try {
      const result = await this.result;
      await this.options.onResult?.(result, this);
    } catch (error) {
      if (!this.options.onError) throw error;
      await this.options.onError(error as Error, this);
    } finally {
      this.markSettled();
    }
  }
}

/**
 * A `voice.Agent` whose onEnter runs the workflow: the short way to `session.start({ agent })`.
 * Typed as `runTask` is: `createAgent(step, element, options)` or `createAgent(Component, props,
 * options)` type `onResult` and `agent.result`; `createAgent(element, options)` gives `unknown`.
 *
 * @example
 * await session.start({ agent: createAgent(interview, <Interview />, { instructions: 'You are a recruiter.' }) });
 */
export function createAgent<H extends StepHandle>(step: H, element: ReactNode, options?: CreateAgentOptions<ResultOf<H>>): WorkflowAgent<ResultOf<H>>;
export function createAgent<C extends TaskComponent>(
  component: C,
  ...args: PropsThenOptions<C, CreateAgentOptions<ComponentResult<C>>>
): WorkflowAgent<ComponentResult<C>>;
export function createAgent(element: ReactNode, options?: CreateAgentOptions<unknown>): WorkflowAgent<unknown>;
/** @deprecated An unchecked assertion: pass the top-level step's handle, `createAgent(step, element, options)`, or a component. */
export function createAgent<R>(element: ReactNode, options?: CreateAgentOptions<R>): WorkflowAgent<R>;
export function createAgent(...args: unknown[]): WorkflowAgent<unknown> {
  const { element, options } = workflowSource<CreateAgentOptions<unknown>>(args);
  return new WorkflowAgent(element, options ?? {});
}
