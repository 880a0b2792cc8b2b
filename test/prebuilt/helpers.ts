import type { voice } from '@livekit/agents';

/** The tools the task holding the session offers the model right now. */
export function offeredTools(session: voice.AgentSession<any>): string[] {
  return Object.keys(session.currentAgent.toolCtx.functionTools).sort();
}
