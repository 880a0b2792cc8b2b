import type { PlacedStep } from './step-layout.js';
import { stepLabel } from './step-label.js';

/** A task in the graph: its id, state and entry count; a thick border while it holds the session. */
export function TaskBox({ placed, holding }: { placed: PlacedStep; holding: boolean }) {
  const { step, x, y, width, height } = placed;
  return (
    <g className={`step status-${step.status}${holding ? ' holding' : ''}`} aria-label={stepLabel(step, holding)} data-path={step.path} data-status={step.status}>
      <rect x={x} y={y} width={width} height={height} rx={8} />
      <text x={x + 12} y={y + 22} className="step-id">
        {step.sensitive ? '🔒 ' : ''}
        {step.id}
      </text>
      <text x={x + 12} y={y + 41} className="step-state">
        {holding ? '● holding the session' : step.status}
      </text>
      {step.entries > 0 && (
        <text x={x + width - 10} y={y + 22} className="step-entries" textAnchor="end">
          {step.entries}×
        </text>
      )}
    </g>
  );
}
