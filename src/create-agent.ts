import { voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import { checkOptions } from './engine/checkpointing.js';
import { type RunTaskOptions, runTask } from './run-task.js';

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
    const { onEvent, strict, checkpoint } = this.options;
    this.result = runTask<R>(this.element, { chatCtx: this.chatCtx, onEvent, strict, checkpoint });
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
 *
 * @example
 * await session.start({ agent: createAgent(<Interview />, { instructions: 'You are a recruiter.' }) });
 */
export function createAgent<R = unknown>(element: ReactNode, options: CreateAgentOptions<R> = {}): WorkflowAgent<R> {
  return new WorkflowAgent<R>(element, options);
}
