/**
 * react-agent-tasks/testing: render a workflow (or a whole agent) against a real AgentSession and
 * drive it turn by turn, waiting on facts (a task entered, a turn settled) instead of time.
 */
import { act } from 'react';
import { installRunnerHooks } from './runner-hooks.js';

export { renderWorkflow, type RenderWorkflowOptions, type WorkflowHandle } from './render-workflow.js';
export { renderAgent } from './render-agent.js';
export { cleanup } from './session-driver.js';
export type { DriverOptions, SayOptions, SessionHandle } from './session-handle.js';
export { recordCoverage } from './coverage/record-coverage.js';
export type { CoverageRun } from './coverage/run.js';
export { ScriptedLLM, scriptedLLM, type ScriptOptions, type ScriptRule, type ScriptedCallOf, type ScriptedToolCall } from './scripted-llm.js';
export type { ToolCallRecord, Turn } from './turn.js';

// Every update that crosses into React goes through act() in tests, as @testing-library does.
// React's production build (NODE_ENV=production, which many CIs export) has no act: updates are
// then flushed synchronously without it.
if (typeof act === 'function') globalThis.IS_REACT_ACT_ENVIRONMENT ??= true;

await installRunnerHooks();
