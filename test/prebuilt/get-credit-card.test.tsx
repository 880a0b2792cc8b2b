import { llm } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import { TaskGroup, type TaskGroupResult } from 'react-agent-tasks';
import { CaptureDeclinedError, GetCreditCard, GetEmail, type GetCreditCardResult } from 'react-agent-tasks/prebuilt';
import { renderWorkflow, scriptedLLM, type ScriptRule } from 'react-agent-tasks/testing';
import { offeredTools } from './helpers.js';

const today = () => new Date(2026, 10, 24);
const VISA = '4242 4242 4242 4242';
const AMEX = '378282246310005';

const number = (card_number: string) => ({ name: 'update_card_number', args: { card_number } });
const expiry = (month: number, year: number) => ({ name: 'update_expiration_date', args: { month, year } });
const code = (security_code: string) => ({ name: 'update_security_code', args: { security_code } });
const holder = (first_name: string, last_name: string) => ({ name: 'update_name', args: { first_name, last_name } });

const asks: ScriptRule[] = [
  { onEnter: /credit card number/, reply: 'What is the card number?' },
  { onEnter: /expiration date/, reply: 'And the expiry date?' },
  { onEnter: /security code/, reply: 'And the security code?' },
  { onEnter: /first name and last name/, reply: 'And the name on the card?' },
];

const visaCard: GetCreditCardResult = {
  cardholderName: 'Eve Adams',
  issuer: 'Visa',
  cardNumber: '4242424242424242',
  securityCode: '123',
  expirationDate: '04/29',
};

describe('<GetCreditCard>', () => {
  it('collects number → expiry → security code → name and completes with the card', async () => {
    const cards: GetCreditCardResult[] = [];
    const flow = await renderWorkflow<GetCreditCardResult & TaskGroupResult>(
      <GetCreditCard today={today} onComplete={(card) => void cards.push(card)} />,
      {
        llm: scriptedLLM([
          ...asks,
          { user: VISA, toolCalls: [number(VISA)] },
          { user: 'April twenty-nine', toolCalls: [expiry(4, 29)] },
          { user: '123', toolCalls: [code('123')] },
          { user: 'Eve Adams', toolCalls: [holder('Eve', 'Adams')] },
        ]),
      },
    );
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'What is the card number?' }]);
    expect(flow.activeTask?.path).toBe('number');
    expect(offeredTools(flow.session)).toEqual(['decline_card_capture', 'restart_card_collection', 'update_card_number']);

    await flow.say(VISA);
    await flow.say('April twenty-nine');
    await flow.say('123');
    await flow.say('Eve Adams');
    const result = await flow.result;
    // mapResult: the group resolves with the card itself.
    expect(result).toEqual(visaCard);
    expect(cards).toEqual([visaCard]);
  });

  it('offers extra tools (a shared disqualify) and the persona in every card step', async () => {
    const disqualify = llm.tool({ description: 'Ends the call.', execute: async () => 'ok' });
    const flow = await renderWorkflow(<GetCreditCard today={today} tools={{ disqualify }} persona="You are Ava." />, {
      llm: scriptedLLM([...asks, { user: VISA, toolCalls: [number(VISA)] }]),
    });
    expect(offeredTools(flow.session)).toContain('disqualify');
    await flow.say(VISA);
    await flow.waitForTask('expiry');
    expect(offeredTools(flow.session)).toContain('disqualify');
    expect(flow.session.currentAgent.instructions).toMatch(/^You are Ava.\n/);
  });

  it('refuses a number failing the Luhn check, an expired date, and a 3-digit code for American Express', async () => {
    const flow = await renderWorkflow<GetCreditCardResult>(<GetCreditCard today={today} />, {
      llm: scriptedLLM([
        ...asks,
        { user: 'typo', toolCalls: [{ ...number('4242 4242 4242 4241'), expectError: /checksum/ }] },
        { user: 'amex', toolCalls: [number(AMEX)] },
        { user: 'old', toolCalls: [{ ...expiry(10, 26), expectError: /in the past/ }] },
        { user: 'new', toolCalls: [expiry(11, 26)] },
        { user: '123', toolCalls: [{ ...code('123'), expectError: /4-digit/ }] },
        { user: '1234', toolCalls: [code('1234')] },
        { user: 'Eve Adams', toolCalls: [holder('Eve', 'Adams')] },
      ]),
    });
    expect((await flow.say('typo')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/checksum/) });
    await flow.say('amex');
    expect((await flow.say('old')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/10\/26 is in the past/) });
    await flow.say('new');
    expect((await flow.say('123')).toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/American Express card has a 4-digit/) });
    await flow.say('1234');
    await flow.say('Eve Adams');
    expect(await flow.result).toMatchObject({ issuer: 'American Express', cardNumber: AMEX, expirationDate: '11/26', securityCode: '1234' });
  });

  it('with confirmation, the user repeats the number and a different repetition is refused', async () => {
    const flow = await renderWorkflow(<GetCreditCard today={today} requireConfirmation />, {
      llm: scriptedLLM([
        ...asks,
        { user: VISA, toolCalls: [number(VISA)] },
        { user: 'repeat wrong', toolCalls: [{ name: 'confirm_card_number', args: { card_number: '4000 0566 5566 5556' }, expectError: /is not the recorded one/ }] },
        { user: 'repeat right', toolCalls: [{ name: 'confirm_card_number', args: { card_number: VISA } }] },
      ]),
    });
    const recorded = await flow.say(VISA);
    expect(recorded.toolCalls[0]?.output).toMatch(/ask the user to repeat it/);
    expect(recorded.toolCalls[0]?.output).not.toMatch(/4242424242424242/);
    const wrong = await flow.say('repeat wrong');
    expect(wrong.toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/is not the recorded one/) });
    expect(flow.activeTask?.path).toBe('number');
    await flow.say('repeat right');
    await flow.waitForTask('expiry');
  });

  it('goes back to the expiry step from a later step and resumes there', async () => {
    const flow = await renderWorkflow<GetCreditCardResult>(<GetCreditCard today={today} />, {
      llm: scriptedLLM([
        ...asks,
        { user: VISA, toolCalls: [number(VISA)] },
        { user: 'April twenty-eight', toolCalls: [expiry(4, 28)] },
        { user: 'The expiry was wrong.', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['expiry'] } }] },
        { user: 'April twenty-nine', toolCalls: [expiry(4, 29)] },
        { user: '123', toolCalls: [code('123')] },
        { user: 'Eve Adams', toolCalls: [holder('Eve', 'Adams')] },
      ]),
    });
    await flow.say(VISA);
    await flow.say('April twenty-eight');
    await flow.waitForTask('security_code');
    const back = await flow.say('The expiry was wrong.');
    expect(back.wentBackTo).toEqual(['expiry']);
    expect(flow.activeTask?.path).toBe('expiry');
    await flow.say('April twenty-nine');
    await flow.waitForTask('security_code');
    await flow.say('123');
    await flow.say('Eve Adams');
    expect(await flow.result).toMatchObject(visaCard);
  });

  it('restart_card_collection starts the whole collection over with fresh steps, and the new card wins', async () => {
    const flow = await renderWorkflow<GetCreditCardResult & TaskGroupResult>(<GetCreditCard today={today} />, {
      llm: scriptedLLM([
        ...asks,
        { user: 'first card', toolCalls: [number(AMEX)] },
        { user: 'May thirty', toolCalls: [expiry(5, 30)] },
        { user: 'Let me use another card.', toolCalls: [{ name: 'restart_card_collection', args: { reason: 'another card' } }] },
        { user: VISA, toolCalls: [number(VISA)] },
        { user: 'April twenty-nine', toolCalls: [expiry(4, 29)] },
        { user: '123', toolCalls: [code('123')] },
        { user: 'Eve Adams', toolCalls: [holder('Eve', 'Adams')] },
      ]),
    });
    await flow.say('first card');
    await flow.say('May thirty');
    await flow.waitForTask('security_code');
    const restart = await flow.say('Let me use another card.');
    expect(restart.toolCalls).toEqual([expect.objectContaining({ name: 'restart_card_collection', isError: false })]);
    expect(restart.entered).toEqual(['number']);
    expect(flow.activeTask?.path).toBe('number');
    // Fresh steps: every one pending again, the number entered once in this round.
    expect(flow.tree()).toBe(
      [
        'group credit_card: active, entered 1×',
        '  task number: active, entered 1×',
        '  task expiry: pending',
        '  task security_code: pending',
        '  task cardholder_name: pending',
      ].join('\n'),
    );

    await flow.say(VISA);
    await flow.waitForTask('expiry');
    await flow.say('April twenty-nine');
    await flow.waitForTask('security_code');
    // The security code step is fresh: the issuer is now Visa, so 3 digits are right.
    await flow.say('123');
    await flow.say('Eve Adams');
    const result = await flow.result;
    // The restart was asked from the security code step: its real result replaced the restart marker.
    expect(result).toEqual(visaCard);
  });

  it('the cardholder step asks before it records, whatever requireExplicitAsk says: the name on the card may not be the caller', async () => {
    const flow = await renderWorkflow<GetCreditCardResult>(<GetCreditCard today={today} requireExplicitAsk={false} />, {
      llm: scriptedLLM([
        ...asks.slice(0, 3),
        { onEnter: /first name and last name/, reply: 'Is the card in the name of Eve Adams?', toolCalls: [{ ...holder('Eve', 'Adams'), expectError: /^Unknown function/ }] },
        { user: VISA, toolCalls: [number(VISA)] },
        { user: 'April twenty-nine', toolCalls: [expiry(4, 29)] },
        { user: '123', toolCalls: [code('123')] },
        { user: 'No, it is Adam Smith.', toolCalls: [holder('Adam', 'Smith')] },
      ]),
    });
    await flow.say(VISA);
    await flow.say('April twenty-nine');
    const entered = await flow.say('123');
    expect(entered.toolCalls.filter((call) => call.name === 'update_name').every((call) => call.isError && /Unknown function/.test(call.output ?? ''))).toBe(true);
    expect(flow.activeTask?.path).toBe('cardholder_name');
    await flow.say('No, it is Adam Smith.');
    expect(await flow.result).toMatchObject({ cardholderName: 'Adam Smith' });
  });

  it('decline_card_capture fails the card with a CaptureDeclinedError', async () => {
    const flow = await renderWorkflow(<GetCreditCard today={today} />, {
      llm: scriptedLLM([...asks, { user: 'No cards.', toolCalls: [{ name: 'decline_card_capture', args: { reason: 'no card' } }] }]),
    });
    await flow.say('No cards.');
    const error = await flow.result.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CaptureDeclinedError);
    expect((error as Error).message).toBe("couldn't get the card number: no card");
  });

  it('nested in a group: its result is the card, and a card step can go back to an earlier step outside it', async () => {
    const flow = await renderWorkflow<TaskGroupResult>(
      <TaskGroup summarize={false}>
        <GetEmail requireConfirmation={false} />
        <GetCreditCard today={today} />
      </TaskGroup>,
      {
        llm: scriptedLLM([
          { onEnter: /email address/, reply: 'Your email?' },
          ...asks,
          { user: 'eve@example.com', toolCalls: [{ name: 'update_email_address', args: { email: 'eve@example.com' } }] },
          { user: VISA, toolCalls: [number(VISA)] },
          { user: 'Actually my email is wrong.', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['email'] } }] },
          { user: 'eva@example.com', toolCalls: [{ name: 'update_email_address', args: { email: 'eva@example.com' } }] },
          { user: 'April twenty-nine', toolCalls: [expiry(4, 29)] },
          { user: '123', toolCalls: [code('123')] },
          { user: 'Eve Adams', toolCalls: [holder('Eve', 'Adams')] },
        ]),
      },
    );
    await flow.say('eve@example.com');
    await flow.waitForTask('credit_card/number');
    await flow.say(VISA);
    await flow.waitForTask('credit_card/expiry');
    const back = await flow.say('Actually my email is wrong.');
    expect(back.wentBackTo).toEqual(['email']);
    await flow.say('eva@example.com');
    // Back in the card where it was interrupted: the number is kept.
    await flow.waitForTask('credit_card/expiry');
    await flow.say('April twenty-nine');
    await flow.say('123');
    await flow.say('Eve Adams');
    const { taskResults } = await flow.result;
    expect(taskResults.email).toEqual({ emailAddress: 'eva@example.com' });
    expect(taskResults.credit_card).toMatchObject(visaCard);
  });
});
