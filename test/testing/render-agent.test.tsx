/** renderAgent drives a whole agent, seeing the workflows it starts from onEnter or from a tool. */
import { llm, voice } from '@livekit/agents';
import type { ReactElement } from 'react';
import { describe, expect, test } from 'vitest';
import { TaskGroup, WorkflowClosedError, runTask } from 'react-agent-tasks';
import { renderAgent, scriptedLLM } from 'react-agent-tasks/testing';
import { NameThenEmail, Step, save } from '../fixtures/steps.js';

const workflowOf = (id: string) => (
  <TaskGroup summarize={false}>
    <Step id={id} />
  </TaskGroup>
);

const onboarding = <NameThenEmail />;

describe('renderAgent', () => {
  test('a workflow started from a tool: the tool call waiting for it does not hold the turn', async () => {
    const results: unknown[] = [];
    const agent = new voice.Agent({
      instructions: 'You help people sign up.',
      tools: [
        llm.tool({
          name: 'start_onboarding',
          description: 'Starts onboarding.',
          execute: async () => {
            results.push(await runTask(onboarding));
            return 'onboarded';
          },
        }),
      ],
    });
    const call = await renderAgent(agent, {
      llm: scriptedLLM([
        { user: 'Hello', reply: 'Hi! Want to sign up?' },
        { user: 'Sign me up', toolCalls: [{ name: 'start_onboarding', args: {} }] },
        { onEnter: 'Ask for name.', reply: 'What is your name?' },
        save('Eve', 'name'),
        save('eve@example.com', 'email'),
        { afterTool: 'start_onboarding', reply: 'You are all set.' },
      ]),
    });
    expect(call.activeTask).toBeNull();
    expect((await call.say('Hello')).messages.at(-1)).toEqual({ role: 'assistant', text: 'Hi! Want to sign up?' });

    const start = await call.say('Sign me up');
    expect(start.entered).toEqual(['name']);
    expect(start.messages.at(-1)).toEqual({ role: 'assistant', text: 'What is your name?' });
    expect(call.activeTask?.id).toBe('name');

    await call.say('Eve');
    const last = await call.say('eve@example.com');
    // The workflow ended, the tool returned, and the agent's own reply belongs to this turn.
    expect(results).toEqual([{ taskResults: { name: 'Eve', email: 'eve@example.com' } }]);
    expect(call.activeTask).toBeNull();
    expect(last.messages.at(-1)).toEqual({ role: 'assistant', text: 'You are all set.' });
  });

  test('one reply starting two workflows: LiveKit runs them one after the other, each turn settles on the task waiting', async () => {
    const results: unknown[] = [];
    const starter = (name: string, element: ReactElement) =>
      llm.tool({
        name,
        description: `Starts ${name}.`,
        execute: async () => {
          results.push(await runTask(element));
          return `${name} done`;
        },
      });
    const agent = new voice.Agent({
      instructions: 'You help people sign up.',
      tools: [starter('start_name', workflowOf('name')), starter('start_email', workflowOf('email'))],
    });
    const call = await renderAgent(agent, {
      llm: scriptedLLM([
        { user: 'Sign me up', toolCalls: [{ name: 'start_name', args: {} }, { name: 'start_email', args: {} }] },
        save('Eve', 'name'),
        save('eve@example.com', 'email'),
        { afterTool: 'start_email', reply: 'Both done.' },
      ]),
    });
    expect((await call.say('Sign me up')).entered).toEqual(['name']);
    expect((await call.say('Eve')).entered).toEqual(['email']);
    const last = await call.say('eve@example.com');
    expect(results).toEqual([{ taskResults: { name: 'Eve' } }, { taskResults: { email: 'eve@example.com' } }]);
    // Both waiting tool calls return in the turn that ended the second workflow.
    expect(last.toolCalls.filter((tool) => tool.name.startsWith('start_')).map((tool) => tool.output)).toEqual(['"start_name done"', '"start_email done"']);
    expect(last.messages.at(-1)).toEqual({ role: 'assistant', text: 'Both done.' });
    expect(call.activeTask).toBeNull();
  });

  test('one tool running two workflows in a row', async () => {
    const agent = new voice.Agent({
      instructions: 'You help people sign up.',
      tools: [
        llm.tool({
          name: 'sign_up',
          description: 'Signs the user up.',
          execute: async () => {
            const name = await runTask(workflowOf('name'));
            const email = await runTask(workflowOf('email'));
            return { name, email };
          },
        }),
      ],
    });
    const call = await renderAgent(agent, {
      llm: scriptedLLM([{ user: 'Sign me up', toolCalls: [{ name: 'sign_up', args: {} }] }, save('Eve', 'name'), save('eve@example.com', 'email')]),
    });
    await call.say('Sign me up');
    expect((await call.say('Eve')).entered).toEqual(['email']);
    const last = await call.say('eve@example.com');
    expect(JSON.parse(last.toolCalls.at(-1)!.output!)).toEqual({ name: { taskResults: { name: 'Eve' } }, email: { taskResults: { email: 'eve@example.com' } } });
    expect(call.tree()).toBe('group task_group: done, entered 1×\n  task email: done, entered 1×');
  });

  test('a workflow run from onEnter; closing mid-flow rejects it', async () => {
    const outcome: unknown[] = [];
    class Greeter extends voice.Agent {
      constructor() {
        super({ instructions: 'You onboard people.' });
      }
      override async onEnter() {
        await runTask(onboarding).then(
          (result) => outcome.push(result),
          (error: unknown) => outcome.push(error),
        );
      }
    }
    const call = await renderAgent(new Greeter(), { llm: scriptedLLM([save('Eve', 'name')]) });
    expect(call.activeTask?.id).toBe('name');
    await call.say('Eve');
    expect(call.tree()).toContain('task email: active');
    await call.close();
    expect(outcome[0]).toBeInstanceOf(WorkflowClosedError);
  });
});
