import type { StepSnapshot } from '../source.js';

/** How a step's state reads aloud and on screen. */
export function stepLabel(step: StepSnapshot, holding: boolean): string {
  const entered = step.entries > 0 ? `, entered ${step.entries}×` : '';
  return `${step.kind} ${step.path || step.id}: ${step.status}${entered}${holding ? ', holding the session' : ''}`;
}
