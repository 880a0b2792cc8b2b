/**
 * Each test closes what it rendered when it ends, so tests may run side by side: a short test
 * ending (and its session closing) does not touch the sessions of longer tests still running.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { TaskGroup, WorkflowClosedError } from 'react-agent-tasks';
import { type WorkflowHandle, renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { Step, save } from '../fixtures/steps.js';

const renderSignUp = () =>
  renderWorkflow(
    <TaskGroup summarize={false}>
      <Step id="name" />
      <Step id="email" />
      <Step id="phone" />
    </TaskGroup>,
    { llm: scriptedLLM([save('Eve', 'name'), save('eve@example.com', 'email'), save('555 0100', 'phone')]) },
  );

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const shortClosed = deferred();
const mediumClosed = deferred();
const flows: WorkflowHandle[] = [];

describe.concurrent('tests of different lengths, side by side', () => {
  test('short: one turn, then it ends and its session closes', async () => {
    const flow = await renderSignUp();
    flows.push(flow);
    await flow.say('Eve');
    flow.result.catch((error: unknown) => {
      expect(error).toBeInstanceOf(WorkflowClosedError);
      shortClosed.resolve();
    });
  });

  test('medium: goes on after the short test closed, then ends mid-flow', async () => {
    const flow = await renderSignUp();
    flows.push(flow);
    await shortClosed.promise;
    await flow.say('Eve');
    await flow.say('eve@example.com');
    expect(flow.activeTask?.id).toBe('phone');
    flow.result.catch(() => mediumClosed.resolve());
  });

  test('long: runs to the end after both others closed', async () => {
    const flow = await renderSignUp();
    flows.push(flow);
    await flow.say('Eve');
    await Promise.all([shortClosed.promise, mediumClosed.promise]);
    await flow.say('eve@example.com');
    await flow.say('555 0100');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve', email: 'eve@example.com', phone: '555 0100' } });
  });
});

afterAll(() => {
  expect(flows).toHaveLength(3);
  for (const flow of flows) expect(flow.workflow.closed).toBe(true);
});
