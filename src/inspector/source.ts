/**
 * ADAPTER — the one file of the inspector and the diagrams that reaches into the engine. The core
 * ships `workflow.snapshot()`; until it ships `outline(element)`, {@link outlineOf} renders the
 * workflow itself (mount only, nothing started) and defers to `outline` as soon as it exists.
 */
import { initializeLogger, log, voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import * as api from '../index.js';
import { type StepSnapshot, type StepStatus, Workflow, type WorkflowSnapshot } from '../index.js';

export type { StepSnapshot, StepStatus, WorkflowSnapshot };

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

/** Where a workflow stands: `workflow.snapshot()`. */
export function snapshotOf(workflow: Workflow): WorkflowSnapshot {
  return workflow.snapshot();
}

type TopStep = ReturnType<Workflow['mount']>;

/** What this adapter reads of the engine's steps beyond the snapshot. */
interface StepView {
  kind: 'task' | 'group';
  path: string;
  props: { collector?: unknown };
  children?: StepView[];
  setResult?(id: string, result: unknown): void;
}

function findStep(step: StepView | undefined, path: string): StepView | undefined {
  if (!step) return undefined;
  if (step.path === path) return step;
  for (const child of step.children ?? []) {
    const found = findStep(child, path);
    if (found) return found;
  }
  return undefined;
}

function asOutline(step: StepSnapshot, top: StepView): OutlineStep {
  const { result: _result, ...rest } = step;
  // No engine marks prebuilt collectors yet; a `collector` name on the step's props is read when one does.
  const collector = step.status === 'skipped' ? undefined : findStep(top, step.path)?.props.collector;
  return {
    ...rest,
    status: 'pending',
    entries: 0,
    hasResult: false,
    ...(typeof collector === 'string' && { collector }),
    children: step.children.map((child) => asOutline(child, top)),
  };
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
 * `assume`d ones), without running anything. The components that read userData read it from a
 * session that is never started.
 */
export function outlineOf(element: ReactNode, assume: Assumption = {}): OutlineStep {
  const official = (api as unknown as { outline?: (element: ReactNode) => OutlineStep }).outline;
  if (official && !assume.results && !assume.userData) return official(element);
  ensureLogger();
  const workflow = new Workflow(element, {});
  const internals = workflow as unknown as { boundSession: voice.AgentSession<object> | null; unmount(): void };
  internals.boundSession = new voice.AgentSession<object>({ userData: { ...assume.userData }, vad: null });
  try {
    const top: TopStep = workflow.mount();
    // Shallow paths first: a nested group appears only once the result it depends on is set.
    const byDepth = Object.entries(assume.results ?? {}).sort(([a], [b]) => a.split('/').length - b.split('/').length);
    for (const [path, value] of byDepth) {
      const cut = path.lastIndexOf('/');
      // A step in a group that these answers do not render: nothing to assume it for.
      const group = findStep(top as StepView, cut < 0 ? top.path : path.slice(0, cut));
      if (group?.kind === 'group') workflow.batch(() => group.setResult!(path.slice(cut + 1), value));
    }
    const { root } = workflow.snapshot();
    if (!root) throw new Error('outline: the element rendered no step');
    return asOutline(root, top as StepView);
  } finally {
    internals.unmount();
  }
}
