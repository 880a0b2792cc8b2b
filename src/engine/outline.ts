import { voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import type { StepSnapshot } from '../model/types.js';
import { Workflow } from './workflow.js';

/** What `outline` assumes was collected: results by step path (`account_type`, `card/number`), and userData. */
export interface OutlineOptions {
  results?: Record<string, unknown>;
  userData?: Record<string, unknown>;
}

/**
 * A workflow's steps as data, without a session or a model: the tree rendered with no results and
 * empty userData (or with the assumed ones), nothing started. Diagrams are drawn from it.
 *
 * @example
 * const steps = outline(<Interview />, { results: { consent: true } });
 * steps.children.map((step) => step.id); // ['consent', 'intro', 'recording_notice']
 */
export function outline(element: ReactNode, options: OutlineOptions = {}): StepSnapshot {
  // Never started: it only gives hooks their userData. No VAD, so nothing loads.
  const session = new voice.AgentSession<Record<string, unknown>>({ userData: { ...options.userData }, vad: null });
  return new Workflow(element, {}).outline(session, options.results ?? {});
}
