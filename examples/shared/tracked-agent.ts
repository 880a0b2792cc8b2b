import type { ReactNode } from 'react';
import { type CreateAgentOptions, WorkflowAgent } from 'react-agent-tasks';

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

/** `createAgent`, with the agent's onEnter reported to `track`. */
export function createTrackedAgent<R>(element: ReactNode, { track, ...options }: TrackedAgentOptions<R>): WorkflowAgent<R> {
  return new TrackedWorkflowAgent<R>(element, options, track);
}
