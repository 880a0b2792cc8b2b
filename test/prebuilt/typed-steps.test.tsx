/** The prebuilt collectors as typed steps: in a group of yours by handle, and run alone by component. */
import { describe, expect, it } from 'vitest';
import { Task, TaskGroup, defineGroup, defineTask, useComplete, useOnEnter, useResult, useTool, useWorkflowResults } from 'react-agent-tasks';
import { CardRestart, GetCreditCard, GetEmail, type GetEmailResult, defineCreditCard } from 'react-agent-tasks/prebuilt';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';

const today = () => new Date(2026, 10, 24);
const VISA = '4242 4242 4242 4242';

const email = defineTask<GetEmailResult>('email');
const confirm = defineTask<boolean>('confirm');
const booking = defineGroup({ email, payment: defineCreditCard('payment'), confirm });

/** Reads the card (its result) and one of its inner steps (by path), both typed, to say what it confirms. */
function Confirm() {
  const card = useResult(booking.steps.payment);
  const expiry = useWorkflowResults(booking)['payment/expiry'];
  const complete = useComplete(confirm);
  const until = expiry instanceof CardRestart ? '?' : expiry?.expirationDate;
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: `Confirm the ${card?.issuer} card ending ${card?.cardNumber.slice(-4)}, valid until ${until}.` });
  });
  useTool('confirmed', { description: 'The user confirmed.', execute: () => complete(true) });
  return null;
}

describe('prebuilt collectors as typed steps', () => {
  it('a collector and the card fill the steps of your group; a later step reads the card and its inner steps', async () => {
    const flow = await renderWorkflow(
      booking,
      <TaskGroup step={booking} summarize={false}>
        <GetEmail step={email} />
        <GetCreditCard step={booking.steps.payment} today={today} />
        <Task step={confirm} instructions="Confirm the booking.">
          <Confirm />
        </Task>
      </TaskGroup>,
      {
        llm: scriptedLLM([
          { user: 'eve@example.com', toolCalls: [{ name: 'update_email_address', args: { email: 'eve@example.com' } }] },
          { user: VISA, toolCalls: [{ name: 'update_card_number', args: { card_number: VISA } }] },
          { user: 'April twenty-nine', toolCalls: [{ name: 'update_expiration_date', args: { month: 4, year: 29 } }] },
          { user: '123', toolCalls: [{ name: 'update_security_code', args: { security_code: '123' } }] },
          { user: 'Eve Adams', toolCalls: [{ name: 'update_name', args: { first_name: 'Eve', last_name: 'Adams' } }] },
          { onEnter: 'Confirm the Visa card ending 4242, valid until 04/29.', reply: 'Your Visa ending 4242, valid until April 2029?' },
          { user: 'yes', toolCalls: [{ name: 'confirmed', args: {} }] },
        ]),
      },
    );
    await flow.say('eve@example.com');
    expect(flow.activeTask?.path).toBe('payment/number');
    await flow.say(VISA);
    await flow.say('April twenty-nine');
    await flow.say('123');
    const holder = await flow.say('Eve Adams');
    expect(holder.messages.map((message) => message.text)).toContain('Your Visa ending 4242, valid until April 2029?');
    await flow.say('yes');
    const { taskResults } = await flow.result;
    expect(taskResults.email).toEqual({ emailAddress: 'eve@example.com' });
    expect(taskResults.payment).toEqual({ cardholderName: 'Eve Adams', issuer: 'Visa', cardNumber: '4242424242424242', securityCode: '123', expirationDate: '04/29' });
  });

  it('a collector run alone by component: the result is its own', async () => {
    const flow = await renderWorkflow(GetEmail, { id: 'work_email' }, {
      llm: scriptedLLM([{ user: 'eve@example.com', toolCalls: [{ name: 'update_email_address', args: { email: 'eve@example.com' } }] }]),
    });
    expect(flow.activeTask?.id).toBe('work_email');
    await flow.say('eve@example.com');
    expect(await flow.result).toEqual({ emailAddress: 'eve@example.com' });
  });
});
