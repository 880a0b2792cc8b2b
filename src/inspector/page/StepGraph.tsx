import { useMemo } from 'react';
import type { StepSnapshot, WorkflowSnapshot } from '../source.js';
import { type PlacedStep, groupTitle, layoutSteps } from './step-layout.js';

/** How a step's state reads aloud and on screen. */
export function stepLabel(step: StepSnapshot, holding: boolean): string {
  const entered = step.entries > 0 ? `, entered ${step.entries}×` : '';
  return `${step.kind} ${step.path || step.id}: ${step.status}${entered}${holding ? ', holding the session' : ''}`;
}

function TaskBox({ placed, holding }: { placed: PlacedStep; holding: boolean }) {
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

function GroupFrame({ placed }: { placed: PlacedStep }) {
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

/** A workflow's tree, laid out as a graph: each step's state and entry count, the step holding the session. */
export function StepGraph({ snapshot }: { snapshot: WorkflowSnapshot }) {
  const root = snapshot.root;
  const placed = useMemo(() => (root ? layoutSteps(root) : null), [root]);
  if (!root || !placed) return <p className="empty">No steps yet.</p>;
  const holding = snapshot.activeTask?.path;
  return (
    <svg className="step-graph" viewBox={`0 0 ${placed.width} ${placed.height}`} width={placed.width} height={placed.height} role="img" aria-label="workflow steps">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head" />
        </marker>
      </defs>
      {placed.groups.map((group) => (
        <GroupFrame key={group.step.path || 'root'} placed={group} />
      ))}
      {placed.edges.map((points, i) => (
        <polyline key={i} className="edge" points={points.map((p) => `${p.x},${p.y}`).join(' ')} markerEnd="url(#arrow)" />
      ))}
      {placed.tasks.map((task) => (
        <TaskBox key={task.step.path} placed={task} holding={!snapshot.finished && task.step.path === holding} />
      ))}
    </svg>
  );
}
