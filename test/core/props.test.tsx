/** The props of <Task> and <TaskGroup> that pass through to LiveKit. */
import { llm } from '@livekit/agents';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { Task, TaskGroup, useOnEnter } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { SaveValue, Step, save } from '../fixtures/steps.js';

const seeded = () => {
  const chatCtx = llm.ChatContext.empty();
  chatCtx.addMessage({ role: 'user', content: 'I called earlier about my order.' });
  return chatCtx;
};

/** Records the user messages the task's context holds when it enters. */
function SeenOnEnter({ seen }: { seen: string[][] }) {
  useOnEnter(({ agentTask }) => {
    seen.push(agentTask.chatCtx.items.flatMap((item) => (item.type === 'message' && item.role === 'user' ? [item.textContent ?? ''] : [])));
  });
  return null;
}

describe('<Task> props', () => {
  test('static LiveKit tools sit beside the ones hooks declare', async () => {
    const looked: string[] = [];
    const lookup = llm.tool({
      name: 'lookup_order',
      description: 'Looks up an order.',
      parameters: z.object({ order: z.string() }),
      execute: async ({ order }) => {
        looked.push(order);
        return 'shipped';
      },
    });
    const flow = await renderWorkflow(
      <Task id="order" tools={[lookup]} instructions="Help with the order.">
        <SaveValue id="order" />
      </Task>,
      {
        llm: scriptedLLM([
          { user: 'Where is A1?', toolCalls: [{ name: 'lookup_order', args: { order: 'A1' } }] },
          save('thanks', 'order', 'A1 shipped'),
        ]),
      },
    );
    expect(Object.keys(flow.session.currentAgent.toolCtx.functionTools).sort()).toEqual(['lookup_order', 'save_order']);
    const turn = await flow.say('Where is A1?');
    expect(turn.toolCalls[0]).toMatchObject({ name: 'lookup_order', output: '"shipped"' });
    expect(looked).toEqual(['A1']);
    await flow.say('thanks');
    expect(await flow.result).toBe('A1 shipped');
  });

  test('chatCtx seeds a task run on its own; onComplete gets its result', async () => {
    const seen: string[][] = [];
    const completed: unknown[] = [];
    const flow = await renderWorkflow(
      <Task id="order" chatCtx={seeded()} onComplete={(result) => void completed.push(result)}>
        <SeenOnEnter seen={seen} />
        <SaveValue id="order" />
      </Task>,
      { llm: scriptedLLM([save('A1', 'order')]) },
    );
    expect(seen).toEqual([['I called earlier about my order.']]);
    await flow.say('A1');
    await flow.result;
    expect(completed).toEqual(['A1']);
  });

  test.each([
    [true, true],
    [false, false],
  ])('preserveFunctionCallHistory=%s keeps function calls in the parent: %s', async (preserve, kept) => {
    const flow = await renderWorkflow(
      <Task id="order" preserveFunctionCallHistory={preserve}>
        <SaveValue id="order" />
      </Task>,
      { llm: scriptedLLM([save('A1', 'order')]) },
    );
    await flow.say('A1');
    await flow.result;
    const calls = flow.session.currentAgent.chatCtx.items.filter((item) => item.type === 'function_call');
    expect(calls.length > 0).toBe(kept);
  });
});

describe('<TaskGroup> props', () => {
  test('chatCtx seeds every step with the shared context; onComplete gets { taskResults }', async () => {
    const seen: string[][] = [];
    const completed: unknown[] = [];
    const flow = await renderWorkflow(
      <TaskGroup summarize={false} chatCtx={seeded()} onComplete={(result) => void completed.push(result)}>
        <Task id="order" description="Gets the order">
          <SeenOnEnter seen={seen} />
          <SaveValue id="order" />
        </Task>
        <Task id="email" description="Gets the email">
          <SeenOnEnter seen={seen} />
          <SaveValue id="email" />
        </Task>
      </TaskGroup>,
      { llm: scriptedLLM([save('A1', 'order'), save('eve@example.com', 'email')]) },
    );
    await flow.say('A1');
    await flow.say('eve@example.com');
    await flow.result;
    expect(seen).toEqual([['I called earlier about my order.'], ['I called earlier about my order.', 'A1']]);
    expect(completed).toEqual([{ taskResults: { order: 'A1', email: 'eve@example.com' } }]);
  });

  test.each([
    [true, true],
    [false, false],
  ])('preserveFunctionCallHistory=%s keeps the steps\' function calls in the parent: %s', async (preserve, kept) => {
    const flow = await renderWorkflow(
      <TaskGroup summarize={false} preserveFunctionCallHistory={preserve}>
        <Step id="order" />
      </TaskGroup>,
      { llm: scriptedLLM([save('A1', 'order')]) },
    );
    await flow.say('A1');
    await flow.result;
    const calls = flow.session.currentAgent.chatCtx.items.filter((item) => item.type === 'function_call');
    expect(calls.length > 0).toBe(kept);
  });

  test('waitForTask resolves when a task (by id or path) has entered', async () => {
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Step id="a" />
        <TaskGroup id="inner" description="Inner">
          <Step id="b" />
        </TaskGroup>
      </TaskGroup>,
      { llm: scriptedLLM([save('1', 'a')]) },
    );
    const waiting = flow.waitForTask('inner/b');
    await flow.say('1');
    expect(await waiting).toEqual({ id: 'b', path: 'inner/b' });
  });
});
