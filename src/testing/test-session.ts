import { initializeLogger, voice } from '@livekit/agents';
import type { DriverOptions } from './session-handle.js';

let loggerReady = false;

/** A session for a test: the model attached, userData defaulted, LiveKit's logger initialised. */
export function createTestSession<U>(options: DriverOptions<U>): voice.AgentSession<U> {
  if (!loggerReady) {
    loggerReady = true;
    try {
      initializeLogger({ pretty: false, level: 'fatal' });
    } catch {
      // Already initialised by the application or a test setup file.
    }
  }
  const model = Array.isArray(options.llm) ? new voice.testing.FakeLLM(options.llm) : options.llm;
  return new voice.AgentSession<U>({ llm: model, userData: options.userData ?? ({} as U) });
}
