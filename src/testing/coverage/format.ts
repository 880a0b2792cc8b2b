import type { CoverageReport, WorkflowCoverage } from './report.js';

/**
 * The report as terminal text: per workflow, what was exercised out of what was seen, and by name
 * what never was.
 *
 * interview · 4 runs
 *   steps       5/6 entered   never: commute
 *   tools       6/7 called    never: email › save_backup_email
 *   go-backs    1/9 taken     never: commute → name, commute → email, …
 *   conditional disqualify: rendered in 1/4 runs
 */
export function formatCoverage(report: CoverageReport): string {
  const runs = report.workflows.reduce((sum, workflow) => sum + workflow.runs, 0);
  const head = `Workflow coverage (react-agent-tasks): ${report.workflows.length} workflow(s), ${runs} run(s)`;
  return [head, ...report.workflows.map(formatWorkflow)].join('\n');
}

function formatWorkflow(workflow: WorkflowCoverage): string {
  const { steps, tools, goBacks } = workflow;
  const entered = steps.filter((step) => step.runsEntered > 0);
  const called = tools.filter((tool) => tool.calls > 0);
  const taken = goBacks.filter((goBack) => goBack.taken > 0);
  const conditional = steps.filter((step) => step.conditional);
  const lines = [
    `${workflow.workflow} · ${workflow.runs} run(s)`,
    line('steps', `${entered.length}/${steps.length} entered`, steps.filter((step) => step.runsEntered === 0).map((step) => step.path)),
    line('tools', `${called.length}/${tools.length} called`, tools.filter((tool) => tool.calls === 0).map((tool) => `${tool.task} › ${tool.tool}`)),
    line('go-backs', `${taken.length}/${goBacks.length} taken`, goBacks.filter((goBack) => goBack.taken === 0).map((goBack) => `${goBack.from} → ${goBack.to}`)),
  ];
  const rejected = tools.filter((tool) => tool.rejected > 0).map((tool) => `${tool.task} › ${tool.tool} ${tool.rejected}×`);
  if (rejected.length > 0) lines.push(`  ${'rejected'.padEnd(12)}${rejected.join(', ')}`);
  if (conditional.length > 0) {
    const text = conditional.map((step) => {
      const skipped = step.runsSkipped > 0 ? `, skipped in ${step.runsSkipped}` : '';
      return `${step.path}: rendered in ${step.runsRendered}/${workflow.runs} runs${skipped}`;
    });
    lines.push(`  ${'conditional'.padEnd(12)}${text.join('; ')}`);
  }
  return lines.join('\n');
}

function line(label: string, count: string, never: string[]): string {
  return `  ${label.padEnd(12)}${count.padEnd(14)}${never.length > 0 ? `never: ${never.join(', ')}` : 'all'}`;
}
