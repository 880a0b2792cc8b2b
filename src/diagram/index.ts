/**
 * react-agent-tasks/diagram: a workflow's structure as a Mermaid flowchart, from code alone (no
 * session, no model).
 */
export { toMermaid, type MermaidOptions } from './to-mermaid.js';
export { outlineWorkflow } from './outline-workflow.js';
export { mergeOutlines, type Probe } from './conditional-steps.js';
export type { Assumption, OutlineStep, StepSnapshot, StepStatus } from '../inspector/source.js';
