/**
 * One call of the application (application.tsx) in a real AgentSession with the scripted model:
 * started with `startCall`, driven with `talk` by a caller who answers whatever task holds the
 * session. Shared by the in-process resume tests and the kill test's child process.
 */
import { createAgent, type CheckpointOptions, type TaskGroupResult } from 'react-agent-tasks';
import { renderAgent, scriptedLLM, type SessionHandle } from 'react-agent-tasks/testing';
import { Application, type ApplicationHooks, applicationScript, callerLine } from './application.js';

export interface Call {
  handle: SessionHandle<Record<string, unknown>>;
  /** The workflow's result; rejects with WorkflowClosedError when the call drops. */
  result: Promise<TaskGroupResult>;
}

export interface CallOptions {
  checkpoint?: CheckpointOptions;
  hooks?: ApplicationHooks;
  userData?: Record<string, unknown>;
  /** Receives the workflow's `error` events (a failed save, a conflict). */
  onError?: (error: Error) => void;
  /** Render under React StrictMode. */
  strict?: boolean;
}

export async function startCall({ checkpoint, hooks = {}, userData = {}, onError, strict }: CallOptions): Promise<Call> {
  let settle!: { resolve(value: TaskGroupResult): void; reject(error: Error): void };
  const result = new Promise<TaskGroupResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  result.catch(() => {});
  const agent = createAgent<TaskGroupResult>(<Application hooks={hooks} />, {
    instructions: 'You are an assistant taking an application by phone.',
    checkpoint,
    strict,
    onEvent: (event) => {
      if (event.type === 'error') onError?.(event.error);
    },
    onResult: (value) => settle.resolve(value),
    onError: (error) => settle.reject(error),
  });
  const handle = await renderAgent(agent, { llm: scriptedLLM(applicationScript()), userData, timeoutMs: 30_000 });
  return { handle, result };
}

/** The caller answers the task holding the session, `turns` times at most (default: until the workflow ends). */
export async function talk(call: Call, turns = Number.POSITIVE_INFINITY, onSay?: (path: string, text: string) => void): Promise<void> {
  for (let said = 0; said < turns && call.handle.activeTask; said++) {
    const { path } = call.handle.activeTask;
    const text = callerLine(path, call.handle.workflow.getResults());
    onSay?.(path, text);
    await call.handle.say(text);
  }
}
