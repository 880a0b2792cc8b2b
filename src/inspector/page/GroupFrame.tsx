import { type PlacedStep, groupTitle } from './step-layout.js';
import { stepLabel } from './step-label.js';

/** A group in the graph: a frame around its steps, titled with its id and description. */
export function GroupFrame({ placed }: { placed: PlacedStep }) {
  const { step, x, y, width, height } = placed;
  return (
    <g className={`group status-${step.status}`} aria-label={stepLabel(step, false)} data-path={step.path} data-status={step.status}>
      <rect x={x} y={y} width={width} height={height} rx={10} />
      <text x={x + 10} y={y + 16} className="group-title">
        {groupTitle(step)}
        {step.entries > 1 ? ` · ${step.entries}×` : ''}
      </text>
    </g>
  );
}
