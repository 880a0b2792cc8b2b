/**
 * react-agent-tasks/testing: render a workflow (or a whole agent) against a real AgentSession and
 * drive it turn by turn, waiting on facts (a task entered, a turn settled) instead of time.
 */
import { cleanup } from './session-driver.js';

export { renderWorkflow, type RenderWorkflowOptions, type WorkflowHandle } from './render-workflow.js';
export { renderAgent } from './render-agent.js';
export { cleanup, type DriverOptions, type SayOptions, type SessionHandle } from './session-driver.js';
export { ScriptedLLM, scriptedLLM, type ScriptOptions, type ScriptRule, type ScriptedCallOf, type ScriptedToolCall } from './scripted-llm.js';
export type { ToolCallRecord, Turn } from './turn.js';

// Every update that crosses into React goes through act() in tests, as @testing-library does.
globalThis.IS_REACT_ACT_ENVIRONMENT ??= true;

// Clean up after each test, as @testing-library does, where the runner offers afterEach.
if (process.env.VITEST) {
  const { afterEach } = await import('vitest');
  afterEach(cleanup);
} else if (typeof (globalThis as { afterEach?: unknown }).afterEach === 'function') {
  (globalThis as unknown as { afterEach(fn: () => Promise<void>): void }).afterEach(cleanup);
}
