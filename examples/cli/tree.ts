import type { StepSnapshot, WorkflowSnapshot } from 'react-agent-tasks';

export const STATUS_MARKS: Record<string, string> = { pending: '○', active: '●', done: '✓', failed: '✗', skipped: '–' };

/**
 * The tree on one line, for a terminal: `intro ✓  email ●  card(number ✓  expiry ○)  notes –`.
 * The outermost group is implied; nested groups wrap their steps in parentheses. Reads the
 * workflow's snapshot (data), never its text.
 */
export function compactTree(snapshot: WorkflowSnapshot, paint: (status: string, text: string) => string = (_s, t) => t): string {
  const root = snapshot.root;
  if (!root) return '';
  const draw = (step: StepSnapshot): string =>
    step.kind === 'group'
      ? `${paint(step.status, step.id)}(${step.children.map(draw).join('  ')})`
      : paint(step.status, `${step.id} ${STATUS_MARKS[step.status] ?? step.status}`);
  return root.kind === 'group' ? root.children.map(draw).join('  ') : draw(root);
}
