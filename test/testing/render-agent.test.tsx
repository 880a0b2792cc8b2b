/** renderAgent drives a whole agent, seeing the workflows it starts from onEnter or from a tool. */
import { llm, voice } from '@livekit/agents';
import { describe, expect, test } from 'vitest';
import { TaskGroup, WorkflowClosedError, runTask } from 'react-agent-tasks';
import { renderAgent, scriptedLLM } from 'react-agent-tasks/testing';
import { Step, save } from '../fixtures/steps.js';

const onboarding = (
  <TaskGroup summarize={false}>
    <Step id="name" />
    <Step id="email" />
  </TaskGroup>
);

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
