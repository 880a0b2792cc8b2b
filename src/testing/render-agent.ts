import type { voice } from '@livekit/agents';
import { SessionDriver } from './session-driver.js';
import type { DriverOptions, SessionHandle } from './session-handle.js';
import { createTestSession } from './test-session.js';

/**
 * Starts your own Agent in a real AgentSession (no room, no network) and drives it turn by turn,
 * seeing every workflow it runs with `runTask` — from its `onEnter`, or from a tool (one reply may
 * start several). Resolves once the agent is ready for the first user turn; rejects, with the
 * session closed, when it does not get there.
 *
 * @example
 * const call = await renderAgent(new OnboardingAgent(), { llm: scriptedLLM([...]) });
 * await call.say('Sign me up');           // a tool starts the workflow
 * expect(call.activeTask?.id).toBe('name');
 */
export async function renderAgent<U = Record<string, unknown>>(agent: voice.Agent, options: DriverOptions<U>): Promise<SessionHandle<U>> {
  const driver = new SessionDriver(createTestSession(options), options);
  try {
    await driver.start(agent);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return driver;
}
