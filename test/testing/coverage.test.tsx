/**
 * Workflow coverage: what each test's sessions entered, called and went back to lands in the
 * test's meta, and the reporter adds the runs up and names what never happened.
 */
import { describe, expect, test } from 'vitest';
import { TaskGroup } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { formatCoverage, mergeCoverage } from 'react-agent-tasks/testing/reporter';
import { COVERAGE_META_KEY, type CoverageRun } from '../../src/testing/coverage/run.js';
import { ConsentThenNotice, Step, goBack, save } from '../fixtures/steps.js';

const signUp = () => (
  <TaskGroup id="sign_up" summarize={false}>
    <ConsentThenNotice />
  </TaskGroup>
);

/** Consent yes, the notice, back to consent, no: the notice drops out; one refused email call. */
async function runWithCorrection() {
  const flow = await renderWorkflow(signUp(), {
    llm: scriptedLLM([
      save('yes', 'consent'),
      goBack('back to consent', ['consent']),
      save('no', 'consent'),
      { user: 'eve', toolCalls: [{ name: 'save_email', args: {}, expectError: true }] },
      save('eve@example.com', 'email'),
    ]),
  });
  for (const line of ['yes', 'back to consent', 'no', 'eve', 'eve@example.com']) await flow.say(line);
  await flow.result;
}

/** Consent no from the start: the notice never renders. */
async function runStraight() {
  const flow = await renderWorkflow(signUp(), { llm: scriptedLLM([save('no', 'consent'), save('eve@example.com', 'email')]) });
  await flow.say('no');
  await flow.say('eve@example.com');
  await flow.result;
}

describe('workflow coverage', () => {
  test('a run records the steps seen, the tools and go-backs each task offered, and what was used', async ({ task }) => {
    await runWithCorrection();
    expect(task.meta[COVERAGE_META_KEY as keyof typeof task.meta]).toEqual([
      {
        workflow: 'sign_up',
        steps: {
          consent: { kind: 'task', entries: 2, skipped: false },
          notice: { kind: 'task', entries: 1, skipped: true },
          email: { kind: 'task', entries: 1, skipped: false },
        },
        tools: {
          consent: { save_consent: { calls: 2, rejected: 0 } },
          notice: { save_notice: { calls: 0, rejected: 0 } },
          email: { save_email: { calls: 2, rejected: 1 } },
        },
        goBacks: { notice: { consent: 1 }, consent: { notice: 0 }, email: { consent: 0 } },
      },
    ] satisfies CoverageRun[]);
  });

  test('the report adds runs up: a step rendered in some runs only is conditional; what never happened is named', async ({ task }) => {
    await runWithCorrection();
    await runStraight();
    const report = mergeCoverage(task.meta[COVERAGE_META_KEY as keyof typeof task.meta] as unknown as CoverageRun[]);
    expect(report.workflows[0]?.steps.find((step) => step.path === 'notice')).toEqual({
      path: 'notice',
      kind: 'task',
      runsRendered: 1,
      runsEntered: 1,
      entries: 1,
      runsSkipped: 1,
      conditional: true,
    });
    expect(formatCoverage(report)).toBe(
      [
        'Workflow coverage (react-agent-tasks): 1 workflow(s), 2 run(s)',
        'sign_up · 2 run(s)',
        '  steps       3/3 entered   all',
        '  tools       2/3 called    never: notice › save_notice',
        '  go-backs    1/3 taken     never: consent → notice, email → consent',
        '  rejected    email › save_email 1×',
        '  conditional notice: rendered in 1/2 runs, skipped in 1',
      ].join('\n'),
    );
  });
});
