import { voice } from '@livekit/agents';
import { recordCoverage } from 'react-agent-tasks/testing';
import type { Example, ExampleContext, ExampleRun } from './example.js';
import { type CallEvent, SimulatedCall } from './simulated-call.js';

export type SessionModels = Pick<voice.AgentSessionOptions<object>, 'llm' | 'stt' | 'tts' | 'vad'>;

/**
 * The one place an example's session is made, for the CLI, the tests and the LiveKit worker
 * alike: only the models differ (scripted, OpenAI, or LiveKit Inference with speech).
 */
export function createExampleSession(
  example: Example,
  models: SessionModels,
  context: ExampleContext = {},
): { session: voice.AgentSession<object>; run: ExampleRun } {
  const run = example.start(context);
  // userData is always an object: LiveKit's getter throws when it was never set.
  const session = new voice.AgentSession<object>({ ...models, userData: run.userData });
  // Counted in the examples' workflow coverage when a test runs it; nothing happens elsewhere.
  recordCoverage(session);
  return { session, run };
}

export interface ExampleCallOptions {
  csvPath?: string;
  checkpoint?: ExampleContext['checkpoint'];
  /** Everything the call hears and does, for printing. */
  onEvent?: (event: CallEvent) => void;
  timeoutMs?: number;
}

/**
 * An example's agent in a {@link SimulatedCall}, wired so the call sees its workflows and its
 * onEvent work; `call.start(run.agent)` starts it.
 */
export function createExampleCall(example: Example, models: SessionModels, options: ExampleCallOptions = {}) {
  // The call needs the session, and the session needs the example's userData: wire the call in after.
  let call: SimulatedCall<object> | undefined;
  const { session, run } = createExampleSession(example, models, {
    csvPath: options.csvPath,
    checkpoint: options.checkpoint,
    onEvent: (event, workflow) => call?.onWorkflowEvent(event, workflow),
    track: (work) => call?.track(work),
    log: (text) => call?.note(text),
  });
  call = new SimulatedCall({ session, onEvent: options.onEvent, timeoutMs: options.timeoutMs });
  return { call, run };
}
