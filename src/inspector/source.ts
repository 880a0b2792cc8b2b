/**
 * ADAPTER — the one file that reads the engine's internals. The types below are the core's
 * contract (workflow.snapshot(), outline(element)); the functions build them from what the engine
 * has today and defer to the real methods as soon as they exist. When the core ships
 * `workflow.snapshot()` and `outline()`, this file shrinks to the type re-exports.
 */
import { initializeLogger, log, voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import * as api from '../index.js';
import type { Workflow } from '../index.js';
import { Workflow as WorkflowImpl } from '../runtime/workflow.js';

export type StepStatus = 'pending' | 'active' | 'done' | 'failed' | 'skipped';

/** One step of a workflow as data; `workflow.tree()` is a text view of it. */
export interface StepSnapshot {
  kind: 'task' | 'group';
  id: string;
  /** `email`, `card/expiry`; `''` for a top-level group. */
  path: string;
  description?: string;
  status: StepStatus;
  /** Times entered (a revisit counts again). */
  entries: number;
  /** `<Task sensitive>` / `<TaskGroup sensitive>`: its values are never shown. */
  sensitive: boolean;
  hasResult: boolean;
  /** Present only when `hasResult` and neither the step nor an ancestor is sensitive. */
  result?: unknown;
  /** A group's steps in order, skipped ones included with status `skipped`. */
  children: StepSnapshot[];
}

/** Where a workflow stands. */
export interface WorkflowSnapshot {
  root: StepSnapshot | null;
  activeTask: { id: string; path: string } | null;
  finished: boolean;
}

/** A step of a static outline: a snapshot rendered with no results, plus what decides its presence. */
export interface OutlineStep extends StepSnapshot {
  /** The step is present only for some results/userData. */
  conditional?: boolean;
  /** What its presence depends on, where known: step paths (`account_type`) or `userData.<key>`. */
  dependsOn?: string[];
  /** The prebuilt collector the step is (`GetEmail`), when known. */
  collector?: string;
  children: OutlineStep[];
}

/** What to assume was collected when outlining: results by step path, and userData. */
export interface Assumption {
  results?: Record<string, unknown>;
  userData?: Record<string, unknown>;
}

// --- The engine's internals as this adapter reads them (structural, so a rename fails softly). ---

interface ControllerView {
  kind: 'task' | 'group';
  id: string;
  path: string;
  status: StepStatus;
  entries: number;
  props: { description?: string; sensitive?: boolean; collector?: unknown };
  results?: Record<string, unknown>;
  skipped?: Map<string, { kind: 'task' | 'group'; description?: string }>;
  setResult?(id: string, result: unknown): void;
}
interface NodeView {
  controller: ControllerView;
  children: NodeView[];
}
interface WorkflowInternals {
  fiber?: { container?: { children: NodeView[] } };
  ended?: boolean;
  snapshot?: () => WorkflowSnapshot;
}

function topNode(workflow: Workflow): NodeView | undefined {
  return (workflow as unknown as WorkflowInternals).fiber?.container?.children[0];
}

function stepFromNode(node: NodeView, parent: ControllerView | null, hidden: boolean): StepSnapshot {
  const step = node.controller;
  const sensitive = step.props.sensitive === true;
  const hide = hidden || sensitive;
  const hasResult = !!parent?.results && Object.hasOwn(parent.results, step.id);
  const children = node.children.map((child) => stepFromNode(child, step, hide));
  for (const [id, skipped] of step.skipped ?? []) {
    const path = step.path ? `${step.path}/${id}` : id;
    children.push({ kind: skipped.kind, id, path, description: skipped.description, status: 'skipped', entries: 0, sensitive: false, hasResult: false, children: [] });
  }
  return {
    kind: step.kind,
    id: step.id,
    path: step.path,
    ...(step.props.description !== undefined && { description: step.props.description }),
    status: step.status,
    entries: step.entries,
    sensitive,
    hasResult,
    ...(hasResult && !hide && { result: parent!.results![step.id] }),
    children,
  };
}

/** `workflow.snapshot()`, or the same data read from today's engine. */
export function snapshotOf(workflow: Workflow): WorkflowSnapshot {
  const internals = workflow as unknown as WorkflowInternals;
  if (typeof internals.snapshot === 'function') return internals.snapshot();
  const node = topNode(workflow);
  return {
    root: node ? stepFromNode(node, null, false) : null,
    activeTask: workflow.activeTask,
    finished: internals.ended === true,
  };
}

function asOutline(step: StepSnapshot, node: NodeView | undefined): OutlineStep {
  const { result: _result, ...rest } = step;
  // No engine marks prebuilt collectors yet; a `collector` name on the step's props is read when one does.
  const collector = node?.controller.props.collector;
  return {
    ...rest,
    status: 'pending',
    entries: 0,
    hasResult: false,
    ...(typeof collector === 'string' && { collector }),
    children: step.children.map((child) => asOutline(child, node?.children.find((n) => n.controller.path === child.path))),
  };
}

function findGroup(node: NodeView | undefined, path: string): ControllerView | undefined {
  if (!node) return undefined;
  if (node.controller.kind === 'group' && node.controller.path === path) return node.controller;
  for (const child of node.children) {
    const found = findGroup(child, path);
    if (found) return found;
  }
  return undefined;
}

function ensureLogger(): void {
  try {
    log();
  } catch {
    initializeLogger({ pretty: false, level: 'error' });
  }
}

/**
 * `outline(element)`: the workflow's steps as rendered with no results and empty userData (or with
 * `assume`d ones), without running anything. The session exists only because the engine's
 * components read userData from one; it is never started.
 */
export function outlineOf(element: ReactNode, assume: Assumption = {}): OutlineStep {
  const official = (api as unknown as { outline?: (element: ReactNode) => OutlineStep }).outline;
  if (official && !assume.results && !assume.userData) return official(element);
  ensureLogger();
  const session = new voice.AgentSession<object>({ userData: { ...assume.userData }, vad: null });
  const workflow = new WorkflowImpl(session);
  try {
    workflow.mount(element);
    // Shallow paths first: a nested group appears only once the result it depends on is set.
    const byDepth = Object.entries(assume.results ?? {}).sort(([a], [b]) => a.split('/').length - b.split('/').length);
    for (const [path, value] of byDepth) {
      const cut = path.lastIndexOf('/');
      // A step in a group that these answers do not render: nothing to assume it for.
      const group = findGroup(topNode(workflow), cut < 0 ? '' : path.slice(0, cut));
      if (group?.setResult) workflow.apply(() => group.setResult!(path.slice(cut + 1), value));
    }
    const { root } = snapshotOf(workflow);
    if (!root) throw new Error('outline: the element rendered no step');
    return asOutline(root, topNode(workflow));
  } finally {
    workflow.unmount();
  }
}
