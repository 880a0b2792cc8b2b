import type { llm, voice } from '@livekit/agents';
import type { Workflow } from '../engine/workflow.js';
import type { ActiveTask } from '../model/types.js';
import type { Turn } from './turn.js';

/** Options shared by `renderWorkflow` and `renderAgent`. */
export interface DriverOptions<U> {
  /** The model: any LiveKit LLM, a `scriptedLLM(...)`, or FakeLLM responses. */
  llm: llm.LLM | voice.testing.FakeLLMResponse[];
  /** The session's userData; defaults to `{}` so writes never vanish. */
  userData?: U;
  /**
   * How long one wait (for the first turn, for a turn to settle) may take before it fails, naming
   * the stuck task and tool call. Default 10 s, and always short of the test runner's own timeout
   * (vitest) so that this diagnosis is what you see.
   */
  timeoutMs?: number;
}

/** Options of `say`. */
export interface SayOptions {
  /** How the user's words arrived: typed (`'text'`, the default) or spoken (`'audio'`). */
  inputModality?: 'text' | 'audio';
}

/** A live session driven turn by turn. */
export interface SessionHandle<U = any> {
  readonly session: voice.AgentSession<U>;
  /** The workflow that ran last (or runs now), once one has rendered. */
  readonly workflow: Workflow;
  /** What was produced before the first `say` (greetings from `useOnEnter`). */
  readonly startup: Turn;
  /** The task holding the session, or null between steps and outside workflows. */
  readonly activeTask: ActiveTask | null;
  /**
   * Waits until it is the user's turn, runs one user turn, and waits until all it set off has
   * settled. `inputModality: 'audio'` marks the turn as spoken (LiveKit's default is typed text).
   * Fails when the scripted model had no rule for the input, or a scripted tool call went
   * otherwise than the script said (see `ScriptedToolCall.expectError`).
   */
  say(text: string, options?: SayOptions): Promise<Turn>;
  /** Resolves once the task with this id (or path) has entered. */
  waitForTask(id: string): Promise<ActiveTask>;
  /** The tree of the workflow that ran last as stable text, live while it runs, as it ended after. */
  tree(): string;
  /**
   * Closes the session mid-flow: trees unmount, pending results reject, nothing is left running.
   * It closes with LiveKit's reason `'error'`, which skips the 500 ms wait for a spoken last turn
   * a test session cannot have (see close-test-session.ts); `session.close()` is the slow, clean way.
   */
  close(): Promise<void>;
}
