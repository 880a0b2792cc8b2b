import { describe, expect, test } from 'vitest';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { Onboarding } from '../fixtures/onboarding.js';

const script = () =>
  scriptedLLM([
    { onEnter: 'Ask the user for their name', reply: 'What is your name?' },
    { onEnter: 'Ask the user for their email', reply: 'What is your email?' },
    { user: 'My name is Eve.', toolCalls: [{ name: 'save_name', args: { name: 'Eve' } }] },
    { user: 'eve@example.com', toolCalls: [{ name: 'save_email', args: { email: 'eve@example.com' } }] },
    { user: /change my name/i, toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['name'] } }] },
    { user: 'Evelyn', toolCalls: [{ name: 'save_name', args: { name: 'Evelyn' } }] },
  ]);

describe('onboarding', () => {
  test('a candidate corrects their name', async () => {
    const completed: string[] = [];
    const flow = await renderWorkflow(<Onboarding onTaskCompleted={(id) => completed.push(id)} />, { llm: script() });
    expect(flow.activeTask?.id).toBe('name');
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'What is your name?' }]);

    const first = await flow.say('My name is Eve.');
    expect(first.toolCalls[0]).toMatchObject({ name: 'save_name', args: { name: 'Eve' } });
    expect(first.completed).toEqual(['name']);
    expect(flow.activeTask?.id).toBe('email');

    const back = await flow.say('Actually, change my name to Evelyn');
    expect(back.wentBackTo).toEqual(['name']);
    expect(back.error).toBeUndefined();
    expect(flow.activeTask?.id).toBe('name');
    expect(flow.tree()).toMatchInlineSnapshot(`
      "group task_group: active, entered 1×
        task name: active, entered 2×
        task email: pending, entered 1×"
    `);

    await flow.say('Evelyn');
    await flow.say('eve@example.com');
    expect(await flow.result).toEqual({ taskResults: { name: 'Evelyn', email: 'eve@example.com' } });
    expect(completed).toEqual(['name', 'name', 'email']);
  });
});
