import type { ReactNode } from 'react';
import { type CreateAgentOptions, type ResultOf, type StepHandle, WorkflowAgent, createAgent } from 'react-agent-tasks';

/** Options of {@link createTrackedAgent}: createAgent's, plus who to tell about the agent's work. */
export interface TrackedAgentOptions<R> extends CreateAgentOptions<R> {
  /**
   * Receives the agent's onEnter (the workflow, then `onResult`) as it starts. A driver waits on
   * it: after the workflow ends, `onResult` may still be evaluating or about to speak, and no
   * session event says so.
   */
  track?: (work: Promise<unknown>) => void;
}

class TrackedWorkflowAgent<R> extends WorkflowAgent<R> {
  constructor(
    element: ReactNode,
    options: CreateAgentOptions<R>,
    private readonly track: ((work: Promise<unknown>) => void) | undefined,
  ) {
    super(element, options);
  }

  override onEnter(): Promise<void> {
    const work = super.onEnter();
    this.track?.(work);
    return work;
  }
}

/**
 * `createAgent`, with the agent's work reported to `track` once it starts: its onEnter, or (typed
 * by a step handle, as `createAgent(step, element, options)`) the `settled` promise that ends with
 * it, reported at the workflow's first event (its onEnter has started it).
 */
export function createTrackedAgent<H extends StepHandle>(step: H, element: ReactNode, options: TrackedAgentOptions<ResultOf<H>>): WorkflowAgent<ResultOf<H>>;
export function createTrackedAgent<R>(element: ReactNode, options: TrackedAgentOptions<R>): WorkflowAgent<R>;
export function createTrackedAgent(...args: [StepHandle, ReactNode, TrackedAgentOptions<unknown>] | [ReactNode, TrackedAgentOptions<unknown>]): WorkflowAgent<unknown> {
  if (args.length === 2) {
    const [element, { track, ...options }] = args;
    return new TrackedWorkflowAgent(element, options, track);
  }
  const [step, element, { track, onEvent, ...options }] = args;
  let started = false;
  const agent = createAgent(step, element, {
    ...options,
    onEvent: (event, workflow) => {
      if (!started) track?.(agent.settled);
      started = true;
      onEvent?.(event, workflow);
    },
  });
  return agent;
}
