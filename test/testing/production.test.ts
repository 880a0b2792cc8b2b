/**
 * The kit as a CI runs it: many export NODE_ENV=production, which loads React's production build
 * (no act()). A child vitest runs a small suite that way, with the workflow coverage reporter.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'rat-production-'));
const coverageFile = join(scratch, 'workflows.json');

let run: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  // The child is a fresh vitest: none of this run's VITEST_* variables, NODE_ENV as a CI sets it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
  run = await new Promise((resolve) => {
    execFile(
      join(root, 'node_modules/.bin/vitest'),
      ['run', '--config', 'test/testing/fixtures/production/vitest.config.ts'],
      { cwd: root, env: { ...env, NODE_ENV: 'production', NO_COLOR: '1', WORKFLOW_COVERAGE_FILE: coverageFile }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
  return () => rmSync(scratch, { recursive: true, force: true });
}, 60_000);

describe('a vitest run with NODE_ENV=production', () => {
  test('passes: renders, drives and closes workflows without act()', () => {
    expect(run.stdout + run.stderr).not.toMatch(/act is not a function/);
    expect(run.stdout).toMatch(/Tests\s+3 passed \(3\)/);
    expect(run.code).toBe(0);
  });

  test('the coverage reporter prints the summary and writes the JSON report', () => {
    expect(run.stdout).toContain(
      [
        'Workflow coverage (react-agent-tasks): 1 workflow(s), 2 run(s)',
        'sign_up · 2 run(s)',
        '  steps       2/2 entered   all',
        '  tools       2/2 called    all',
        '  go-backs    1/2 taken     never: name → email',
      ].join('\n'),
    );
    const report = JSON.parse(readFileSync(coverageFile, 'utf8'));
    expect(report.workflows).toEqual([
      {
        workflow: 'sign_up',
        runs: 2,
        files: ['test/testing/fixtures/production/scenario.tsx'],
        steps: [
          { path: 'name', kind: 'task', runsRendered: 2, runsEntered: 2, entries: 3, runsSkipped: 0, conditional: false },
          { path: 'email', kind: 'task', runsRendered: 2, runsEntered: 2, entries: 3, runsSkipped: 0, conditional: false },
        ],
        tools: [
          { task: 'name', tool: 'save_name', calls: 3, rejected: 0 },
          { task: 'email', tool: 'save_email', calls: 2, rejected: 0 },
        ],
        goBacks: [
          { from: 'email', to: 'name', taken: 1 },
          { from: 'name', to: 'email', taken: 0 },
        ],
      },
    ]);
  });
});
