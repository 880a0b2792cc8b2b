/**
 * react-agent-tasks/inspector: a local web page that follows conversations live.
 */
export { startInspector, type Inspector, type InspectorOptions, type InspectedConversation } from './server.js';
export { MASK, type ConversationSummary, type ConversationView, type ServerMessage, type TranscriptEntry, type WorkflowView } from './protocol.js';
export type { StepSnapshot, StepStatus, WorkflowSnapshot } from './source.js';
