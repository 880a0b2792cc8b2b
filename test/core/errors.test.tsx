/** Developer mistakes throw at once with a `react-agent-tasks:` message that names the culprit. */
import { describe, expect, test } from 'vitest';
import { Task, TaskGroup, useComplete, useOnEnter, useTool } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { Step, save } from '../fixtures/steps.js';

/** Renders a workflow whose mistake must end it: the result rejects with the misuse error. */
async function failureOf(element: React.ReactNode): Promise<Error> {
  const flow = await renderWorkflow(element, { llm: scriptedLLM([]), timeoutMs: 2000 }).catch((error: Error) => error);
  if (flow instanceof Error) return flow;
  return flow.result.then(
    () => new Error('the workflow did not fail'),
    (error: Error) => error,
  );
}

function ToolOutsideTask() {
  useTool('x', { description: 'x', execute: () => 'x' });
  return null;
}

describe('developer misuse', () => {
  test('a task hook outside <Task>', async () => {
    const error = await failureOf(
      <TaskGroup>
        <ToolOutsideTask />
        <Step id="name" />
      </TaskGroup>,
    );
    expect(error.message).toBe('react-agent-tasks: useTool() was called outside a <Task>. Call useTool from a component rendered inside <Task>…</Task>.');
  });

  test('a task hook at the very top of a workflow, outside any <Task>', async () => {
    function UsesComplete() {
      useComplete();
      return null;
    }
    const error = await failureOf(<UsesComplete />);
    expect(error.message).toMatch(/^react-agent-tasks: useComplete\(\) was called outside a <Task>/);
  });

  test('duplicate sibling ids', async () => {
    const error = await failureOf(
      <TaskGroup>
        <Step id="email" />
        <Step id="email" />
      </TaskGroup>,
    );
    expect(error.message).toBe(
      'react-agent-tasks: <Task id="email"> has the same id as a sibling step in <TaskGroup>. Give every <Task> and <TaskGroup> in one group a unique id.',
    );
  });

  test('a <Task> in a group without an id', async () => {
    const error = await failureOf(
      <TaskGroup>
        <Task description="no id">
          <ToolOutsideTask />
        </Task>
      </TaskGroup>,
    );
    expect(error.message).toBe('react-agent-tasks: <Task> inside <TaskGroup> has no id. Give every step of a group an id: <Task id="email" …>.');
  });

  test('stray text children', async () => {
    const error = await failureOf(
      <TaskGroup>
        Collect the email
        <Step id="email" />
      </TaskGroup>,
    );
    expect(error.message).toMatch(/^react-agent-tasks: <TaskGroup> got the text "Collect the email" as a child\. Put words for the model in the `instructions` prop/);
  });

  test('a <Task> inside a <Task>', async () => {
    const error = await failureOf(
      <Task id="outer">
        <Task id="inner" />
      </Task>,
    );
    expect(error.message).toMatch(/^react-agent-tasks: <Task id="inner"> is inside <Task id="outer">\. Tasks do not nest/);
  });

  test('two top-level steps', async () => {
    const error = await failureOf(
      <>
        <Step id="a" />
        <Step id="b" />
      </>,
    );
    expect(error.message).toMatch(/^react-agent-tasks: runTask\(\) rendered 2 top-level steps\./);
  });

  test('the same tool declared twice in one task', async () => {
    function Twice() {
      useTool('save', { description: 'a', execute: () => 1 });
      useTool('save', { description: 'b', execute: () => 2 });
      return null;
    }
    const error = await failureOf(
      <Task id="t">
        <Twice />
      </Task>,
    );
    expect(error.message).toMatch(/^react-agent-tasks: useTool\("save"\) is declared twice in <Task id="t">/);
  });
});

describe('errors inside a running task', () => {
  function Exploding(): null {
    throw new Error('render exploded');
  }

  test('a render error fails that task; returnExceptions keeps it and the group goes on', async () => {
    const flow = await renderWorkflow<{ taskResults: Record<string, unknown> }>(
      <TaskGroup summarize={false} returnExceptions>
        <Task id="broken" description="Breaks">
          <Exploding />
        </Task>
        <Step id="email" />
      </TaskGroup>,
      { llm: scriptedLLM([save('eve@example.com', 'email')]) },
    );
    expect(flow.activeTask?.id).toBe('email');
    await flow.say('eve@example.com');
    const { taskResults } = await flow.result;
    expect((taskResults.broken as Error).message).toBe('render exploded');
    expect(taskResults.email).toBe('eve@example.com');
  });

  // A synchronous callback settles without a promise (visit.ts runCallback); both ways fail the task.
  test.each([
    ['rejects', async () => Promise.reject(new Error('greeting failed'))],
    ['throws synchronously', () => {
      throw new Error('greeting failed');
    }],
  ])('an enter callback that %s fails the task', async (_, callback) => {
    function BadEnter() {
      useOnEnter(callback);
      return null;
    }
    const error = await failureOf(
      <Task id="greet">
        <BadEnter />
      </Task>,
    );
    expect(error.message).toBe('greeting failed');
  });
});
