/** The testing kit removes each workaround of LiveKit's testing guide; these tests show it. */
import { afterAll, describe, expect, test, vi } from 'vitest';
import { useState } from 'react';
import { z } from 'zod';
import { Task, TaskGroup, WorkflowClosedError, useComplete, useTool } from 'react-agent-tasks';
import { type WorkflowHandle, renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { NameThenEmail, Step, save } from '../fixtures/steps.js';

function SaveName() {
  const complete = useComplete<string>();
  const [attempts, setAttempts] = useState(0);
  useTool<z.ZodObject<{ name: z.ZodString }>, { candidateName?: string }>('save_name', {
    description: 'Saves the name.',
    parameters: z.object({ name: z.string() }),
    execute: ({ name }, { userData }) => {
      setAttempts(attempts + 1);
      userData.candidateName = name;
      complete(name);
    },
  });
  return null;
}

const renderSaveName = () =>
  renderWorkflow(
    <Task instructions="Get the name.">
      <SaveName />
    </Task>,
    { llm: scriptedLLM([{ user: 'Eve', toolCalls: [{ name: 'save_name', args: { name: 'Eve' } }] }]) },
  );

function Lookup() {
  useTool('lookup', {
    description: 'Looks up the account.',
    parameters: z.object({ account: z.string() }),
    execute: () => new Promise(() => {}),
  });
  return null;
}

/** A task whose one tool never returns. */
const renderHanging = (options: { timeoutMs?: number }) =>
  renderWorkflow(
    <TaskGroup summarize={false}>
      <Task id="lookup" description="Looks up the account">
        <Lookup />
      </Task>
    </TaskGroup>,
    { llm: scriptedLLM([{ user: 'find me', toolCalls: [{ name: 'lookup', args: { account: 'eve' } }] }]), ...options },
  );

describe('workarounds that are no longer needed', () => {
  test('userData defaults to {} so tool writes never vanish', async () => {
    const flow = await renderSaveName();
    await flow.say('Eve');
    expect(flow.session.userData).toEqual({ candidateName: 'Eve' });
  });

  test('start-up output is a turn of its own, with LiveKit assertions', async () => {
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Step id="name" />
      </TaskGroup>,
      { llm: scriptedLLM([{ onEnter: 'Ask for name.', reply: 'Hello! What is your name?' }]) },
    );
    flow.startup.expect.nextEvent().isMessage({ role: 'assistant' });
    flow.startup.expect.noMoreEvents();
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'Hello! What is your name?' }]);
  });

  test('tool-call arguments arrive parsed, and the next task greeting belongs to the turn that caused it', async () => {
    const flow = await renderWorkflow(
      <NameThenEmail />,
      { llm: scriptedLLM([save('Eve', 'name'), { onEnter: 'Ask for email.', reply: 'And your email?' }]) },
    );
    const turn = await flow.say('Eve');
    expect(turn.toolCalls).toEqual([{ name: 'save_name', args: { value: 'Eve' }, output: '"saved"', isError: false }]);
    expect(turn.messages).toEqual([
      { role: 'user', text: 'Eve' },
      { role: 'assistant', text: 'And your email?' },
    ]);
    expect(turn.entered).toEqual(['email']);
  });

  test('state updates from tools cross into React inside act: no act warnings', async () => {
    const errors = vi.spyOn(console, 'error');
    const flow = await renderSaveName();
    await flow.say('Eve');
    await flow.result;
    expect(errors.mock.calls.filter((args) => String(args[0]).includes('act('))).toEqual([]);
    errors.mockRestore();
  });
});

describe('failures say what happened', () => {
  test('input no rule matches fails the turn, listing the rules and the active task', async () => {
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Step id="name" />
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name')]) },
    );
    await expect(flow.say('Bob')).rejects.toThrow(
      'react-agent-tasks/testing: scriptedLLM has no rule for the user input "Bob" while "name" held the session. ' +
        'Add a rule such as { user: "Bob", … }.\nTools it offers: save_name(value)\nRules:\n  1. user "Eve" → calls save_name',
    );
  });

  test('a turn that does not settle in time names the stuck task, the tool call it waits for, and the tree', async () => {
    const flow = await renderHanging({ timeoutMs: 300 });
    await expect(flow.say('find me')).rejects.toThrow(
      'react-agent-tasks/testing: timed out after 300 ms waiting for the session to answer "find me"; <Task id="lookup"> held the session, ' +
        'the tool call lookup({"account":"eve"}) in task "lookup" had not returned, 1 speech(es) still playing.\n' +
        'Tree:\ngroup task_group: active, entered 1×\n  task lookup: active, entered 1×',
    );
  });

  // The runner's clock is its own; the kit's wait runs on vitest's simulated one here, so the
  // default 10 s limit against vitest's default 5 s timeout is checked without waiting.
  test('the kit gives up before the test runner does, so its diagnosis is what the user sees', { timeout: 5_000 }, async () => {
    const flow = await renderHanging({});
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const said = flow.say('find me');
      const failure = said.then(() => new Error('the turn settled'), (error: Error) => error);
      await vi.advanceTimersByTimeAsync(5_000);
      const error = await failure;
      expect(error.message).toMatch(/^react-agent-tasks\/testing: timed out after \d+ ms \(cut short of the test's 5000 ms timeout\) waiting for the session to answer "find me"; /);
      // Half a second (a tenth of the runner's timeout) is left for the test to report it.
      expect(Number(/after (\d+) ms/.exec(error.message)![1])).toBeLessThanOrEqual(4_500);
    } finally {
      vi.useRealTimers();
    }
  });

  test('renderWorkflow rejects with the misuse error when the first render fails', async () => {
    function CompletesOutsideATask() {
      useComplete();
      return null;
    }
    await expect(
      renderWorkflow(
        <TaskGroup summarize={false}>
          <CompletesOutsideATask />
          <Step id="name" />
        </TaskGroup>,
        { llm: scriptedLLM([]) },
      ),
    ).rejects.toThrow(/^react-agent-tasks: useComplete\(\) was called outside a <Task>/);
    await expect(
      renderWorkflow(
        <TaskGroup summarize={false}>
          <Step id="name" />
          <Step id="name" />
        </TaskGroup>,
        { llm: scriptedLLM([]) },
      ),
    ).rejects.toThrow('react-agent-tasks: <Task id="name"> has the same id as a sibling step in <TaskGroup>.');
  });
});

describe('the tree and the turn', () => {
  test('tree() after the workflow ended is the tree it ended with', async () => {
    const flow = await renderWorkflow(
      <NameThenEmail />,
      { llm: scriptedLLM([save('Eve', 'name'), save('eve@example.com', 'email')]) },
    );
    await flow.say('Eve');
    await flow.say('eve@example.com');
    await flow.result;
    expect(flow.workflow.closed).toBe(true);
    expect(flow.tree()).toBe('group task_group: done, entered 1×\n  task name: done, entered 1×\n  task email: done, entered 1×');
  });

  test('tree() after closing mid-flow shows where it stopped', async () => {
    const flow = await renderWorkflow(
      <NameThenEmail />,
      { llm: scriptedLLM([save('Eve', 'name')]) },
    );
    await flow.say('Eve');
    await flow.close();
    expect(flow.tree()).toBe('group task_group: failed, entered 1×\n  task name: done, entered 1×\n  task email: failed, entered 1×');
  });

  test('turn.entered lists the tasks entered, by path; a nested group shows as its first task', async () => {
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Step id="name" />
        <TaskGroup id="contact" description="Collects contact details" summarize={false}>
          <Step id="email" />
          <Step id="phone" />
        </TaskGroup>
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name'), save('eve@example.com', 'email')]) },
    );
    expect((await flow.say('Eve')).entered).toEqual(['contact/email']);
    expect((await flow.say('eve@example.com')).entered).toEqual(['contact/phone']);
  });
});

describe('cleanup', () => {
  let previous: WorkflowHandle | undefined;
  afterAll(async () => {
    // The hook this file registered ran after the first test: its workflow was closed for it.
    await expect(previous!.result).rejects.toBeInstanceOf(WorkflowClosedError);
  });

  test('a workflow left open by a test…', async () => {
    previous = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Step id="name" />
      </TaskGroup>,
      { llm: scriptedLLM([]) },
    );
    expect(previous.activeTask?.id).toBe('name');
  });

  test('…is closed automatically after it', async () => {
    await expect(previous!.result).rejects.toBeInstanceOf(WorkflowClosedError);
  });
});
