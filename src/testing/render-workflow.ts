import { type llm, voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import { misuse } from '../model/errors.js';
import type { ResultOf, StepHandle } from '../model/step-handle.js';
import { runTask } from '../run-task.js';
import { type ComponentResult, type TaskComponent, type TaskComponentProps, workflowSource } from '../workflow-source.js';
import { SessionDriver } from './session-driver.js';
import type { DriverOptions, SessionHandle } from './session-handle.js';
import { createTestSession } from './test-session.js';

/** Options of {@link renderWorkflow}. */
export interface RenderWorkflowOptions<U> extends DriverOptions<U> {
  /** Seeds the workflow's chat context. */
  chatCtx?: llm.ChatContext;
  /** Render under React StrictMode, to catch effects that are not idempotent. */
  strict?: boolean;
  /** The instructions of the Agent that runs the workflow. */
  instructions?: string;
}

/** A rendered workflow in a live session, driven turn by turn. */
export interface WorkflowHandle<R = unknown, U = any> extends SessionHandle<U> {
  /** The workflow's result. */
  readonly result: Promise<R>;
}

/**
 * Renders a workflow into a real AgentSession (no room, no network) whose Agent runs it, and
 * resolves once its first task has entered and finished speaking. Rejects, with the session
 * closed, when the workflow fails before that: a misuse found by the first render (a hook outside
 * `<Task>`, duplicate ids) or a first task that fails at once.
 * `renderWorkflow(step, element, options)` and `renderWorkflow(Component, props, options)` type
 * `result`, as with `runTask`; `renderWorkflow(element, options)` gives `unknown` (or the `R` you assert).
 *
 * @example
 * const flow = await renderWorkflow(<Onboarding />, { llm: scriptedLLM([...]) });
 * const turn = await flow.say('My name is Eve.');
 * expect(turn.toolCalls[0]).toMatchObject({ name: 'save_name', args: { name: 'Eve' } });
 */
export async function renderWorkflow<H extends StepHandle, U = Record<string, unknown>>(
  step: H,
  element: ReactNode,
  options: RenderWorkflowOptions<U>,
): Promise<WorkflowHandle<ResultOf<H>, U>>;
export async function renderWorkflow<C extends TaskComponent, U = Record<string, unknown>>(
  component: C,
  props: TaskComponentProps<C>,
  options: RenderWorkflowOptions<U>,
): Promise<WorkflowHandle<ComponentResult<C>, U>>;
export async function renderWorkflow<R = unknown, U = Record<string, unknown>>(element: ReactNode, options: RenderWorkflowOptions<U>): Promise<WorkflowHandle<R, U>>;
export async function renderWorkflow<R, U>(...args: unknown[]): Promise<WorkflowHandle<R, U>> {
  const { element, options: given } = workflowSource<RenderWorkflowOptions<U>>(args);
  if (!given) throw misuse('renderWorkflow()', 'was given no options', 'Pass { llm } last: renderWorkflow(element, { llm }), renderWorkflow(step, element, { llm }) or renderWorkflow(Component, props, { llm }).');
  const options: RenderWorkflowOptions<U> = given;
  const session = createTestSession(options);
  let settled = false;
  let failure: { error: unknown } | undefined;
  let finish!: { resolve(value: R): void; reject(reason: unknown): void };
  const result = new Promise<R>((resolve, reject) => {
    finish = { resolve, reject };
  });
  const driver = new SessionDriver(session, options, () => settled);
  result.then(
    () => ((settled = true), driver.notify()),
    (error: unknown) => ((settled = true), (failure = { error }), driver.notify()),
  );

  class WorkflowHarnessAgent extends voice.Agent {
    override async onEnter(): Promise<void> {
      try {
        finish.resolve((await runTask(element, { chatCtx: options.chatCtx ?? this.chatCtx, strict: options.strict })) as R);
      } catch (error) {
        finish.reject(error);
      }
    }
  }
  try {
    await driver.start(new WorkflowHarnessAgent({ instructions: options.instructions ?? 'You are a helpful assistant.' }));
  } catch (error) {
    await driver.close();
    throw error;
  }
  if (failure) {
    await driver.close();
    throw failure.error;
  }
  return Object.assign(driver, { result }) as SessionDriver<U> & WorkflowHandle<R, U>;
}
