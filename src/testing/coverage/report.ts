import type { CoverageRun } from './run.js';

/** One step of a workflow across every run that rendered it. */
export interface StepCoverage {
  path: string;
  kind: 'task' | 'group';
  /** Runs that rendered the step at all, runs that entered it, and how often it was entered in total. */
  runsRendered: number;
  runsEntered: number;
  entries: number;
  /** Runs in which it left the tree after being visited (a condition turned false). */
  runsSkipped: number;
  /** Seen rendered in some runs and not in others, or skipped: its condition went both ways. */
  conditional: boolean;
}

/** One workflow across the runs of a test suite. */
export interface WorkflowCoverage {
  workflow: string;
  runs: number;
  /** The test files that ran it. */
  files: string[];
  steps: StepCoverage[];
  tools: Array<{ task: string; tool: string; calls: number; rejected: number }>;
  goBacks: Array<{ from: string; to: string; taken: number }>;
}

export interface CoverageReport {
  workflows: WorkflowCoverage[];
}

/** Adds up the runs of each workflow; runs name their workflow, and may come with the file that ran them. */
export function mergeCoverage(runs: Array<CoverageRun & { file?: string }>): CoverageReport {
  const byName = new Map<string, Array<CoverageRun & { file?: string }>>();
  for (const run of runs) byName.set(run.workflow, [...(byName.get(run.workflow) ?? []), run]);
  const workflows = [...byName].map(([workflow, group]): WorkflowCoverage => {
    const steps = new Map<string, StepCoverage>();
    const tools = new Map<string, { task: string; tool: string; calls: number; rejected: number }>();
    const goBacks = new Map<string, { from: string; to: string; taken: number }>();
    for (const run of group) {
      for (const [path, seen] of Object.entries(run.steps)) {
        const step = steps.get(path) ?? { path, kind: seen.kind, runsRendered: 0, runsEntered: 0, entries: 0, runsSkipped: 0, conditional: false };
        step.runsRendered++;
        if (seen.entries > 0) step.runsEntered++;
        step.entries += seen.entries;
        if (seen.skipped) step.runsSkipped++;
        steps.set(path, step);
      }
      for (const [task, offered] of Object.entries(run.tools)) {
        for (const [tool, counts] of Object.entries(offered)) {
          const key = `${task}\u0000${tool}`;
          const total = tools.get(key) ?? { task, tool, calls: 0, rejected: 0 };
          total.calls += counts.calls;
          total.rejected += counts.rejected;
          tools.set(key, total);
        }
      }
      for (const [from, targets] of Object.entries(run.goBacks)) {
        for (const [to, taken] of Object.entries(targets)) {
          const key = `${from}\u0000${to}`;
          const total = goBacks.get(key) ?? { from, to, taken: 0 };
          total.taken += taken;
          goBacks.set(key, total);
        }
      }
    }
    for (const step of steps.values()) step.conditional = step.runsRendered < group.length || step.runsSkipped > 0;
    const files = [...new Set(group.flatMap((run) => (run.file ? [run.file] : [])))].sort();
    return { workflow, runs: group.length, files, steps: [...steps.values()], tools: [...tools.values()], goBacks: [...goBacks.values()] };
  });
  return { workflows: workflows.sort((a, b) => a.workflow.localeCompare(b.workflow)) };
}
