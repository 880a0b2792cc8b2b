import { useMemo } from 'react';
import type { WorkflowSnapshot } from '../source.js';
import { GroupFrame } from './GroupFrame.js';
import { layoutSteps } from './step-layout.js';
import { TaskBox } from './TaskBox.js';

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
