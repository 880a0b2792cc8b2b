/** What the inspector and the diagrams read of the engine: snapshots and outlines, as data. */
import { initializeLogger, log } from '@livekit/agents';
import type { ReactNode } from 'react';
import { type StepSnapshot, type StepStatus, type Workflow, type WorkflowSnapshot, outline } from '../index.js';

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

function asOutline(step: StepSnapshot): OutlineStep {
  const { result: _result, ...rest } = step;
  return {
    ...rest,
    status: 'pending',
    entries: 0,
    hasResult: false,
    ...(step.collector !== undefined && { collector: step.collector }),
    children: step.children.map(asOutline),
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
 * The engine's `outline(element)` as an outline for diagrams: every step pending, plus the
 * collector name where a step carries one.
 */
export function outlineOf(element: ReactNode, assume: Assumption = {}): OutlineStep {
  ensureLogger();
  const root = outline(element, assume);
  return asOutline(root);
}
