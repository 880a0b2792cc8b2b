import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { describe, expect, test } from 'vitest';
import type { CallEvent } from '../shared/simulated-call.js';
import { createExampleCall } from '../shared/session.js';
import { onboarding } from './example.js';
import { Onboarding } from './onboarding.js';

describe('<Onboarding>', () => {
  test('name then email; a malformed email is refused and the step stays', async () => {
    const flow = await renderWorkflow(<Onboarding />, {
      llm: scriptedLLM([
        ...onboarding.simulation.script(),
        { user: 'eve at home', toolCalls: [{ name: 'save_email', args: { email: 'eve at home' }, expectError: true }] },
        { user: 'eve@example.com', toolCalls: [{ name: 'save_email', args: { email: 'eve@example.com' } }] },
      ]),
    });
    expect(flow.activeTask?.id).toBe('name');
    await flow.say("I'm Eve.");
    const refused = await flow.say('eve at home');
    expect(refused.toolCalls[0]).toMatchObject({ name: 'save_email', isError: true });
    expect(flow.activeTask?.id).toBe('email');
    await flow.say('eve@example.com');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve', email: 'eve@example.com' } });
  });
});

describe('the onboarding agent', () => {
  test('a tool starts the group; each step is reported, the name is corrected, the summary lands in the agent', async () => {
    const events: CallEvent[] = [];
    const { call, run } = createExampleCall(onboarding, { llm: scriptedLLM(onboarding.simulation.script()) }, { onEvent: (e) => events.push(e) });
    await call.start(run.agent);
    for (const line of onboarding.simulation.caller) await call.say(line);
    await call.settled('the agent to finish', run.finished);
    await call.close();

    expect(events.filter((e) => e.type === 'note').map((e) => (e as { text: string }).text)).toEqual([
      'onTaskCompleted: name = "Eve"',
      'onTaskCompleted: name = "Evelyn"',
      'onTaskCompleted: email = "evelyn@example.com"',
    ]);
    const toolOutputs = events.flatMap((e) => (e.type === 'tool' && e.name === 'start_onboarding' ? [JSON.parse(e.output)] : []));
    expect(toolOutputs).toEqual([{ onboarded: true, name: 'Evelyn', email: 'evelyn@example.com' }]);
    const report = Object.fromEntries(run.report());
    expect(report.summary).toMatch(/corrected it to Evelyn/);
    // After the tool returned, the agent carries on as an ordinary agent.
    expect(events.filter((e) => e.type === 'agent').at(-1)).toEqual({ type: 'agent', text: 'Anytime. Have a great day!' });
  });
});
