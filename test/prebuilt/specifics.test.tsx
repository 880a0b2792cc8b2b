/** What single collectors do beyond the shared contract: name parts and spelling, time of birth, country codes, consent. */
import { describe, expect, it } from 'vitest';
import { CollectConsent, GetAddress, GetDateOfBirth, GetName, GetPhoneNumber } from 'react-agent-tasks/prebuilt';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { offeredTools } from './helpers.js';

const today = () => new Date(2026, 10, 24);

describe('<GetName>', () => {
  it('requires the parts chosen by props and keeps optional parts the user gave', async () => {
    const flow = await renderWorkflow(<GetName middleName />, {
      llm: scriptedLLM([
        { onEnter: /first name and middle name/, reply: 'Your first and middle name?' },
        { user: 'Eve', toolCalls: [{ name: 'update_name', args: { first_name: 'Eve' } }] },
        { user: 'Eve Marie Adams', toolCalls: [{ name: 'update_name', args: { first_name: 'Eve', middle_name: 'Marie', last_name: 'Adams' } }] },
      ]),
    });
    expect((await flow.say('Eve')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/middle name is required/) });
    await flow.say('Eve Marie Adams');
    expect(await flow.result).toEqual({ firstName: 'Eve', middleName: 'Marie', lastName: 'Adams' });
  });

  it('verifySpelling spells the name back and waits for confirm_name, even for typed input', async () => {
    const flow = await renderWorkflow(<GetName verifySpelling />, {
      llm: scriptedLLM([
        { user: 'Mary-Jane', toolCalls: [{ name: 'update_name', args: { first_name: 'Mary-Jane' } }] },
        { user: 'Yes', toolCalls: [{ name: 'confirm_name', args: { first_name: 'Mary-Jane' } }] },
      ]),
    });
    const recorded = await flow.say('Mary-Jane');
    expect(recorded.toolCalls[0]?.output).toContain('M A R Y - J A N E');
    expect(recorded.completed).toEqual([]);
    await flow.say('Yes');
    expect(await flow.result).toEqual({ firstName: 'Mary-Jane' });
  });

  it('refuses characters names do not have', async () => {
    const flow = await renderWorkflow(<GetName />, {
      llm: scriptedLLM([{ user: 'x', toolCalls: [{ name: 'update_name', args: { first_name: 'R2D2' } }] }]),
    });
    expect((await flow.say('x')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/characters names do not have/) });
  });
});

describe('<GetDateOfBirth>', () => {
  it('refuses a date in the future and reads two-digit years as past years', async () => {
    const flow = await renderWorkflow(<GetDateOfBirth today={today} />, {
      llm: scriptedLLM([
        { user: 'next year', toolCalls: [{ name: 'update_date_of_birth', args: { year: 2027, month: 1, day: 1 } }] },
        { user: 'ninety', toolCalls: [{ name: 'update_date_of_birth', args: { year: 90, month: 2, day: 28 } }] },
      ]),
    });
    expect((await flow.say('next year')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/in the future/) });
    await flow.say('ninety');
    expect(await flow.result).toEqual({ dateOfBirth: '1990-02-28' });
  });

  it('with includeTime, records a valid time of birth and refuses an impossible one', async () => {
    const flow = await renderWorkflow(<GetDateOfBirth includeTime today={today} />, {
      llm: scriptedLLM([
        { onEnter: /time of birth/, reply: 'Your date and time of birth?' },
        { user: 'bad time', toolCalls: [{ name: 'update_date_of_birth', args: { year: 1990, month: 1, day: 15, hour: 25, minute: 0 } }] },
        { user: 'ok', toolCalls: [{ name: 'update_date_of_birth', args: { year: 1990, month: 1, day: 15, hour: 7, minute: 5 } }] },
      ]),
    });
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'Your date and time of birth?' }]);
    expect((await flow.say('bad time')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/hour 25/) });
    await flow.say('ok');
    expect(await flow.result).toEqual({ dateOfBirth: '1990-01-15', timeOfBirth: '07:05' });
  });
});

describe('<GetPhoneNumber>', () => {
  it('adds defaultCountryCode to a national number', async () => {
    const flow = await renderWorkflow(<GetPhoneNumber defaultCountryCode="+44" />, {
      llm: scriptedLLM([{ user: '020 7946 0958', toolCalls: [{ name: 'update_phone_number', args: { phone_number: '020 7946 0958' } }] }]),
    });
    await flow.say('020 7946 0958');
    expect(await flow.result).toEqual({ phoneNumber: '+442079460958' });
  });
});

describe('<GetAddress>', () => {
  it('leaves out an empty unit number', async () => {
    const flow = await renderWorkflow(<GetAddress />, {
      llm: scriptedLLM([
        { user: 'x', toolCalls: [{ name: 'update_address', args: { street_address: ' 10  Downing Street ', unit_number: ' ', locality: 'London', country: 'UK' } }] },
      ]),
    });
    await flow.say('x');
    expect(await flow.result).toEqual({ address: '10 Downing Street, London, UK', streetAddress: '10 Downing Street', locality: 'London', country: 'UK' });
  });
});

describe('<CollectConsent>', () => {
  it.each([
    ['Yes, go ahead.', 'consent_given', true],
    ['No, please do not.', 'consent_denied', false],
  ])('%s → %s', async (answer, tool, expected) => {
    const flow = await renderWorkflow<boolean>(<CollectConsent persona="You are Ava from Acme." />, {
      llm: scriptedLLM([
        { onEnter: /ask for permission to record the call/, reply: 'Hi, I am Ava. May I record this call?' },
        { user: answer, toolCalls: [{ name: tool, args: {} }] },
      ]),
    });
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'Hi, I am Ava. May I record this call?' }]);
    expect(flow.session.currentAgent.instructions).toMatch(/^You are Ava from Acme.\nAsk for recording consent/);
    expect(offeredTools(flow.session)).toEqual(['consent_denied', 'consent_given', 'consent_unclear']);
    await flow.say(answer);
    expect(await flow.result).toBe(expected);
  });
});
