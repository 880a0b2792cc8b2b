import type { voice } from '@livekit/agents';
import type { WorkflowEvent } from '../model/types.js';

/** A running workflow as observers see it (engine/workflow.ts implements it). */
export interface ObservedWorkflow {
  readonly session: voice.AgentSession<any>;
}

type Observer<W extends ObservedWorkflow> = (event: WorkflowEvent, workflow: W) => void;

/**
 * Lets the testing kit see every workflow run in a session, including those an agent starts from
 * its own code (`runTask` inside a tool) where no `onEvent` could be passed.
 */
const observers = new WeakMap<voice.AgentSession<any>, Observer<any>>();

export function observeWorkflows<W extends ObservedWorkflow>(session: voice.AgentSession<any>, observer: Observer<W>): () => void {
  observers.set(session, observer);
  return () => {
    if (observers.get(session) === observer) observers.delete(session);
  };
}

export function reportWorkflowEvent(event: WorkflowEvent, workflow: ObservedWorkflow): void {
  observers.get(workflow.session)?.(event, workflow);
}
