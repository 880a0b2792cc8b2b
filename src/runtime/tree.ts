import type { Container, StepNode } from '../reconciler/nodes.js';

/**
 * A stable text view of the live tree, one step per line:
 * `task email: active, entered 2×`, nested steps indented under their group.
 */
export function renderTree(container: Container): string {
  const lines: string[] = [];
  const walk = (node: StepNode, depth: number): void => {
    const step = node.controller;
    const indent = '  '.repeat(depth);
    const entered = step.entries > 0 ? `, entered ${step.entries}×` : '';
    lines.push(`${indent}${step.kind} ${step.id}: ${step.status}${entered}`);
    for (const child of node.children) walk(child, depth + 1);
    if (step.kind === 'group') {
      for (const [id, { kind }] of step.skipped) lines.push(`${indent}  ${kind} ${id}: skipped`);
    }
  };
  for (const node of container.children) walk(node, 0);
  return lines.join('\n');
}
