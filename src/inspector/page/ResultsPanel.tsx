import { MASK } from '../protocol.js';
import type { StepSnapshot } from '../source.js';

function collected(step: StepSnapshot): StepSnapshot[] {
  return [...(step.hasResult ? [step] : []), ...step.children.flatMap(collected)];
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What the workflow has collected so far, step by step; a sensitive step's value is never shown. */
export function ResultsPanel({ root }: { root: StepSnapshot | null }) {
  const steps = root ? collected(root) : [];
  if (steps.length === 0) return <p className="empty">Nothing collected yet.</p>;
  return (
    <dl className="results">
      {steps.map((step) => (
        <div key={step.path} className="result">
          <dt>{step.path}</dt>
          <dd className={'result' in step ? '' : 'masked'}>{'result' in step ? show(step.result) : `${MASK} (sensitive)`}</dd>
        </div>
      ))}
    </dl>
  );
}
