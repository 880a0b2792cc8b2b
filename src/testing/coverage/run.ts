/** What one workflow run contributed to coverage: plain data, so a test runner can carry it to a reporter. */
export interface CoverageRun {
  /** The workflow: its top step's id (an unnamed top-level group adds its steps' ids). */
  workflow: string;
  /** Every step rendered during the run, by path, with how often it was entered and whether it was skipped. */
  steps: Record<string, { kind: 'task' | 'group'; entries: number; skipped: boolean }>;
  /** Tools each task offered (by task path, then tool name), with how often they were called and rejected. */
  tools: Record<string, Record<string, { calls: number; rejected: number }>>;
  /** Go-backs each task offered (`out_of_scope` targets, by task path), with how often each was taken. */
  goBacks: Record<string, Record<string, number>>;
}

/** Where the kit leaves a test's coverage runs in vitest's `task.meta`. */
export const COVERAGE_META_KEY = 'reactAgentTasksCoverage';
