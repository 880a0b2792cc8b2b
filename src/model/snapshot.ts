import type { AnyStep, Container, GroupStep } from './group-step.js';
import type { ActiveTask, StepSnapshot, WorkflowSnapshot } from './types.js';

/** The tree as data: what the CLI, the testing kit and the inspector read. */
export function snapshotOf(container: Container, activeTask: ActiveTask | null, finished: boolean): WorkflowSnapshot {
  const top = container.children[0];
  return { root: top ? snapshotStep(top, undefined) : null, activeTask, finished };
}

function snapshotStep(step: AnyStep, group: GroupStep | undefined): StepSnapshot {
  const hasResult = !!group && Object.prototype.hasOwnProperty.call(group.results, step.id);
  const snapshot: StepSnapshot = {
    kind: step.kind,
    id: step.id,
    path: step.path,
    status: step.status,
    entries: step.entries,
    sensitive: step.sensitive,
    hasResult,
    children: [],
  };
  if (step.props.description !== undefined) snapshot.description = step.props.description;
  if (step.props.collector !== undefined) snapshot.collector = step.props.collector;
  if (hasResult && !step.sensitive) snapshot.result = group!.results[step.id];
  if (step.kind === 'group') {
    snapshot.children = step.children.map((child) => snapshotStep(child, step));
    for (const [id, skipped] of step.skipped) {
      snapshot.children.push({
        kind: skipped.kind,
        id,
        path: step.path ? `${step.path}/${id}` : id,
        ...(skipped.description !== undefined && { description: skipped.description }),
        status: 'skipped',
        entries: 0,
        sensitive: step.sensitive,
        hasResult: false,
        children: [],
      });
    }
  }
  return snapshot;
}

/**
 * A stable text view of a snapshot, one step per line: `task email: active, entered 2×`, nested
 * steps indented under their group.
 */
export function treeText(snapshot: WorkflowSnapshot): string {
  const lines: string[] = [];
  const walk = (step: StepSnapshot, depth: number): void => {
    const entered = step.entries > 0 ? `, entered ${step.entries}×` : '';
    lines.push(`${'  '.repeat(depth)}${step.kind} ${step.id}: ${step.status}${entered}`);
    for (const child of step.children) walk(child, depth + 1);
  };
  if (snapshot.root) walk(snapshot.root, 0);
  return lines.join('\n');
}
