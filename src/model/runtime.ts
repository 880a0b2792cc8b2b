import type { voice } from '@livekit/agents';
import type { ResumedCall } from './resumed.js';
import type { Step } from './step.js';
import type { TaskVisit } from './visit.js';

/**
 * What steps and visits need from the workflow that runs them. The engine implements it; the
 * model depends only on this interface, so imports point one way (model → … → engine).
 */
export interface WorkflowRuntime {
  /** The session, once the workflow's first AgentTask has found it. */
  readonly session: voice.AgentSession<any>;
  /** True once the workflow ended or its session began closing: no step may start. */
  readonly closed: boolean;
  /** Aborts when the workflow ends or its session closes. */
  readonly signal: AbortSignal;
  /** Runs a callback so the state updates it makes synchronously are committed before it returns. */
  batch<T>(callback: () => T): T;
  stepChanged(step: Step): void;
  taskEntered(visit: TaskVisit): void;
  /** A visit's set of tools may have changed; pushed to LiveKit after the current commit. */
  toolsChanged(visit: TaskVisit): void;
  toolsUpdated(visit: TaskVisit): void;
  /** A running task's `instructions` prop changed; pushed to LiveKit after the current commit. */
  instructionsChanged(visit: TaskVisit): void;
  /** A tool ran: components that read userData render again. */
  userDataChanged(): void;
  subscribeUserData(listener: () => void): () => void;
  getUserDataVersion(): number;
  /** A group recorded or dropped a result: components that read the workflow's results render again. */
  resultsChanged(): void;
  subscribeResults(listener: () => void): () => void;
  /** Every result recorded so far, keyed by path (`consent`, `card/number`); a new object after each change. */
  getResults(): Readonly<Record<string, unknown>>;
  /** An error the developer must see (a throwing tool, callback or update); never sent to the model. */
  reportError(error: Error): void;
  /** The model asked to go back to `targets` (paths) from this visit. */
  goBack(visit: TaskVisit, targets: string[]): void;
  /** Set when the workflow took over a dropped call from a checkpoint; announced through `subscribeResults`. */
  readonly resumed: ResumedCall | null;
  /** The first task visit that started since the call resumed: where to say "welcome back". */
  readonly firstVisitSinceResume: TaskVisit | null;
}
