import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { describe, expect, test } from 'vitest';
import { createExampleCall } from '../shared/session.js';
import { AccountOpening, accountOpening } from './account-opening.js';
import { beyond } from './example.js';

const script = () =>
  scriptedLLM([
    ...beyond.simulation.script(),
    { user: 'Just for me.', toolCalls: [{ name: 'save_account_type', args: { value: 'personal' } }] },
    { user: 'eve@example.com, no call needed.', toolCalls: [{ name: 'save_contact', args: { email: 'eve@example.com', wantsCall: false } }] },
    { user: 'VAT 123', toolCalls: [{ name: 'save_vat_number', args: { value: '123' }, expectError: true }] },
  ]);

describe('<AccountOpening>', () => {
  test('a personal account without a call: neither the company group nor the phone step ever appears', async () => {
    const flow = await renderWorkflow(accountOpening, <AccountOpening />, { llm: script() });
    await flow.say('Just for me.');
    expect(flow.activeTask?.id).toBe('contact');
    await flow.say('eve@example.com, no call needed.');
    expect(await flow.result).toEqual({
      taskResults: { account_type: 'personal', contact: { email: 'eve@example.com', wantsCall: false } },
    });
  });

  test('a business account runs the nested company group; an invalid VAT number is refused; a call adds the phone step', async () => {
    const flow = await renderWorkflow(accountOpening, <AccountOpening />, { llm: script() });
    await flow.say("It's for my business.");
    expect(flow.activeTask).toEqual({ id: 'company_name', path: 'company/company_name' });
    await flow.say('Doe Robotics Ltd.');
    const refused = await flow.say('VAT 123');
    expect(refused.toolCalls[0]).toMatchObject({ name: 'save_vat_number', isError: true });
    await flow.say('GB123456789');
    await flow.say('jane@doerobotics.com, and yes, please have someone call me.');
    expect(flow.activeTask?.id).toBe('phone');
    await flow.say('+44 20 7946 0958');
    expect(await flow.result).toEqual({
      taskResults: {
        account_type: 'business',
        company: { taskResults: { company_name: 'Doe Robotics Ltd.', vat_number: 'GB123456789' } },
        contact: { email: 'jane@doerobotics.com', wantsCall: true },
        phone: '+44 20 7946 0958',
      },
    });
  });
});

describe('the account agent', () => {
  test('turning the business account personal drops the company group and its answers', async () => {
    const trees: string[] = [];
    const { call, run } = createExampleCall(beyond, { llm: scriptedLLM(beyond.simulation.script()) }, {
      onEvent: (e) => e.type === 'workflow' && e.event.type === 'entered' && trees.push(e.workflow.tree()),
    });
    await call.start(run.agent);
    for (const line of beyond.simulation.caller) await call.say(line);
    await call.settled('the agent to finish', run.finished);
    await call.close();
    expect(trees.at(-1)).toBe(
      [
        'group task_group: active, entered 1×',
        '  task account_type: done, entered 2×',
        '  task contact: done, entered 1×',
        '  task phone: active, entered 2×',
        '  group company: skipped',
      ].join('\n'),
    );
    expect(Object.fromEntries(run.report()).results).toEqual({
      account_type: 'personal',
      contact: { email: 'jane@doerobotics.com', wantsCall: true },
      phone: '+44 20 7946 0958',
    });
  });
});
