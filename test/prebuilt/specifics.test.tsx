/** What single collectors do beyond the shared contract: name parts and spelling, time of birth, country codes, consent. */
import { describe, expect, it } from 'vitest';
import { CollectConsent, GetAddress, GetDateOfBirth, GetName, type GetNameResult, GetPhoneNumber } from 'react-agent-tasks/prebuilt';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { offeredTools } from './helpers.js';

const today = () => new Date(2026, 10, 24);

describe('<GetName>', () => {
  it('requires the parts chosen by props and keeps optional parts the user gave', async () => {
    const flow = await renderWorkflow(<GetName middleName />, {
      llm: scriptedLLM([
        { onEnter: /first name and middle name/, reply: 'Your first and middle name?' },
        { user: 'Eve', toolCalls: [{ name: 'update_name', args: { first_name: 'Eve' }, expectError: /middle name is required/ }] },
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

  it.each<[string, Record<string, string>, GetNameResult]>([
    ['placeholders for a part not given are not a name', { first_name: 'Eve', middle_name: 'null', last_name: 'Adams' }, { firstName: 'Eve', lastName: 'Adams' }],
    ['other placeholders too', { first_name: 'Eve', middle_name: 'N/A', last_name: 'Adams' }, { firstName: 'Eve', lastName: 'Adams' }],
    ['quotes around a value are removed', { first_name: '"Eve"', last_name: '“Adams”' }, { firstName: 'Eve', lastName: 'Adams' }],
    ['a curly apostrophe is a plain one', { first_name: 'Seán', last_name: 'O’Brien' }, { firstName: 'Seán', lastName: "O'Brien" }],
    ["a leading apostrophe belongs to the name", { first_name: 'Gerard', last_name: "'t Hooft" }, { firstName: 'Gerard', lastName: "'t Hooft" }],
  ])('%s', async (_title, args, expected) => {
    const flow = await renderWorkflow(<GetName lastName requireConfirmation={false} />, {
      llm: scriptedLLM([{ user: 'x', toolCalls: [{ name: 'update_name', args }] }]),
    });
    await flow.say('x');
    expect(await flow.result).toEqual(expected);
  });

  it('a required part given as a placeholder is missing, not recorded', async () => {
    const flow = await renderWorkflow(<GetName lastName />, {
      llm: scriptedLLM([{ user: 'x', toolCalls: [{ name: 'update_name', args: { first_name: 'Eve', last_name: 'unknown' }, expectError: true }] }]),
    });
    expect((await flow.say('x')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/last name is required/) });
    expect(flow.activeTask?.id).toBe('name');
  });

  it('captures a last name only, and reads the name back in nameFormat', async () => {
    const only = await renderWorkflow(<GetName firstName={false} lastName requireConfirmation={false} />, {
      llm: scriptedLLM([
        { onEnter: /Ask the user to type their last name\./, reply: 'Your last name?' },
        { user: 'Adams', toolCalls: [{ name: 'update_name', args: { last_name: 'Adams' } }] },
      ]),
    });
    expect(only.startup.messages).toEqual([{ role: 'assistant', text: 'Your last name?' }]);
    await only.say('Adams');
    expect(await only.result).toEqual({ lastName: 'Adams' });

    const formatted = await renderWorkflow(<GetName lastName nameFormat="{last_name}, {first_name}" requireConfirmation />, {
      llm: scriptedLLM([{ user: 'Eve Adams', toolCalls: [{ name: 'update_name', args: { first_name: 'Eve', last_name: 'Adams' } }] }]),
    });
    expect(formatted.session.currentAgent.instructions).toContain('Collect the name parts in this order: last name and first name.');
    expect((await formatted.say('Eve Adams')).toolCalls[0]?.output).toMatch(/The name was updated to Adams, Eve\./);
  });

  it.each([
    [{ firstName: false }, /^react-agent-tasks: <GetName> captures no name part\. Require at least one/],
    [{ nameFormat: '{first_name} {surname}' }, /nameFormat "\{first_name\} \{surname\}" has unknown placeholders: \{surname\}/],
    [{ lastName: true, nameFormat: '{first_name}' }, /leaves out required parts: last name/],
  ])('misuse %j is named at once', async (props, message) => {
    await expect(renderWorkflow(<GetName {...props} />, { llm: scriptedLLM([]) })).rejects.toThrow(message);
  });

  it('refuses characters names do not have', async () => {
    const flow = await renderWorkflow(<GetName />, {
      llm: scriptedLLM([{ user: 'x', toolCalls: [{ name: 'update_name', args: { first_name: 'R2D2' }, expectError: true }] }]),
    });
    expect((await flow.say('x')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/characters names do not have/) });
  });

  it('refuses a card number crammed into update_name, and a part with no letters', async () => {
    const flow = await renderWorkflow(<GetName />, {
      llm: scriptedLLM([
        { user: 'x', toolCalls: [{ name: 'update_name', args: { first_name: '4242' }, expectError: true }] },
        { user: 'y', toolCalls: [{ name: 'update_name', args: { first_name: "'-." }, expectError: true }] },
      ]),
    });
    expect((await flow.say('x')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/characters names do not have/) });
    expect((await flow.say('y')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/has no letters: that is not a name/) });
  });
});

describe('<GetDateOfBirth>', () => {
  it('refuses a date in the future and reads two-digit years as past years', async () => {
    const flow = await renderWorkflow(<GetDateOfBirth today={today} />, {
      llm: scriptedLLM([
        { user: 'next year', toolCalls: [{ name: 'update_date_of_birth', args: { year: 2027, month: 1, day: 1 }, expectError: /in the future/ }] },
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
        { user: 'bad time', toolCalls: [{ name: 'update_date_of_birth', args: { year: 1990, month: 1, day: 15, hour: 25, minute: 0 }, expectError: /hour 25/ }] },
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
  it.each([
    ['GB', '020 7946 0958', '+442079460958'],
    ['+1', '(415) 555-0123', '+14155550123'],
    ['us', 'four one five, double five five, oh one two three', '+14155550123'],
  ])('with defaultCountryCode %s, reads the local number %j', async (country, said, e164) => {
    const flow = await renderWorkflow(<GetPhoneNumber defaultCountryCode={country} requireConfirmation={false} />, {
      llm: scriptedLLM([{ user: 'x', toolCalls: [{ name: 'update_phone_number', args: { phone_number: said } }] }]),
    });
    expect(flow.session.currentAgent.instructions).toMatch(/A number given without a country code is read as a \+(44|1) number/);
    await flow.say('x');
    expect(await flow.result).toEqual({ phoneNumber: e164 });
  });

  it('refuses a number not valid for its country, and an unknown defaultCountryCode is misuse', async () => {
    const flow = await renderWorkflow(<GetPhoneNumber defaultCountryCode="GB" />, {
      llm: scriptedLLM([{ user: 'x', toolCalls: [{ name: 'update_phone_number', args: { phone_number: '020 7946 09' }, expectError: true }] }]),
    });
    expect((await flow.say('x')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/\+44/) });

    // A misuse found by the first render rejects renderWorkflow itself.
    await expect(renderWorkflow(<GetPhoneNumber defaultCountryCode="Atlantis" />, { llm: scriptedLLM([]) })).rejects.toThrow(/^react-agent-tasks: <GetPhoneNumber defaultCountryCode="Atlantis"> is neither a calling code nor a country\./);
  });

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
  it('the question records nothing, even when the model tries to record consent in it (tool choice none)', async () => {
    const flow = await renderWorkflow<boolean>(<CollectConsent />, {
      llm: scriptedLLM([
        { onEnter: /ask for permission to record the call/, reply: 'May I record this call?', toolCalls: [{ name: 'consent_given', args: {} }] },
        { user: 'No.', toolCalls: [{ name: 'consent_denied', args: {} }] },
      ]),
    });
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'May I record this call?' }]);
    expect(flow.startup.toolCalls).toEqual([]);
    expect(flow.activeTask?.id).toBe('consent');
    await flow.say('No.');
    expect(await flow.result).toBe(false);
  });

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
