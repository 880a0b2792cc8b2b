/**
 * Each captured field has a length limit: an argument over it goes back to the model as a
 * ToolError naming the limit (never echoing the argument), the task goes on, and a value recorded
 * before is kept.
 */
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { CaptureDeclinedError, FIELD_LIMITS, GetAddress, GetCreditCard, GetDtmf, GetEmail, GetName, GetPhoneNumber } from 'react-agent-tasks/prebuilt';
import { renderWorkflow, scriptedLLM, type ScriptRule } from 'react-agent-tasks/testing';
import { EventEmitter } from 'node:events';

const today = () => new Date(2026, 10, 24);
const over = (limit: number, char = 'a') => char.repeat(limit + 1);
const address = { street_address: '1 Main St', locality: 'Springfield', country: 'USA' };

interface Case {
  render: () => ReactElement;
  /** Rules that bring the collector to the step under test. */
  before?: ScriptRule[];
  tool: string;
  args: Record<string, unknown>;
  limit: number;
}

const cases: Record<string, Case> = {
  'email (as spoken)': { render: () => <GetEmail />, tool: 'update_email_address', args: { email: over(FIELD_LIMITS.emailSpoken) }, limit: FIELD_LIMITS.emailSpoken },
  'phone number': { render: () => <GetPhoneNumber />, tool: 'update_phone_number', args: { phone_number: over(FIELD_LIMITS.phoneNumber, '5') }, limit: FIELD_LIMITS.phoneNumber },
  'first name': { render: () => <GetName lastName />, tool: 'update_name', args: { first_name: over(FIELD_LIMITS.namePart), last_name: 'Adams' }, limit: FIELD_LIMITS.namePart },
  'middle name': { render: () => <GetName />, tool: 'update_name', args: { first_name: 'Eve', middle_name: over(FIELD_LIMITS.namePart) }, limit: FIELD_LIMITS.namePart },
  'last name': { render: () => <GetName lastName />, tool: 'update_name', args: { first_name: 'Eve', last_name: over(FIELD_LIMITS.namePart) }, limit: FIELD_LIMITS.namePart },
  'street address': { render: () => <GetAddress />, tool: 'update_address', args: { ...address, street_address: over(FIELD_LIMITS.streetAddress) }, limit: FIELD_LIMITS.streetAddress },
  'unit number': { render: () => <GetAddress />, tool: 'update_address', args: { ...address, unit_number: over(FIELD_LIMITS.unitNumber) }, limit: FIELD_LIMITS.unitNumber },
  locality: { render: () => <GetAddress />, tool: 'update_address', args: { ...address, locality: over(FIELD_LIMITS.locality) }, limit: FIELD_LIMITS.locality },
  country: { render: () => <GetAddress />, tool: 'update_address', args: { ...address, country: over(FIELD_LIMITS.country) }, limit: FIELD_LIMITS.country },
  'card number': { render: () => <GetCreditCard today={today} />, tool: 'update_card_number', args: { card_number: over(FIELD_LIMITS.cardNumber, '4') }, limit: FIELD_LIMITS.cardNumber },
  'security code': {
    render: () => <GetCreditCard today={today} />,
    before: [
      { user: 'card', toolCalls: [{ name: 'update_card_number', args: { card_number: '4242424242424242' } }] },
      { user: 'expiry', toolCalls: [{ name: 'update_expiration_date', args: { month: 4, year: 29 } }] },
    ],
    tool: 'update_security_code',
    args: { security_code: over(FIELD_LIMITS.securityCode, '1') },
    limit: FIELD_LIMITS.securityCode,
  },
  digits: { render: () => <GetDtmf room={new EventEmitter()} />, tool: 'update_digits', args: { digits: over(FIELD_LIMITS.digits, '1') }, limit: FIELD_LIMITS.digits },
};

describe.each(Object.entries(cases))('%s', (field, c) => {
  it(`is refused over ${c.limit} characters, as a ToolError that does not echo it`, async () => {
    const flow = await renderWorkflow(c.render(), { llm: scriptedLLM([...(c.before ?? []), { user: 'huge', toolCalls: [{ name: c.tool, args: c.args, expectError: true }] }]) });
    for (const rule of c.before ?? []) await flow.say(rule.user as string);
    const turn = await flow.say('huge');
    const call = turn.toolCalls.find((candidate) => candidate.name === c.tool);
    expect(call).toMatchObject({ isError: true, output: expect.stringContaining(`a ${field.replace(' (as spoken)', ' address')} has at most ${c.limit}`) });
    expect(call!.output!.length).toBeLessThan(300);
    expect(flow.activeTask).not.toBeNull();
  });
});

describe('limits keep what was collected', () => {
  it('an email over 254 characters once normalised is refused; the address recorded before is still confirmed', async () => {
    const long = `${'a'.repeat(250)}@example.com`;
    const flow = await renderWorkflow(<GetEmail requireConfirmation />, {
      llm: scriptedLLM([
        { user: 'eve', toolCalls: [{ name: 'update_email_address', args: { email: 'eve@example.com' } }] },
        { user: 'long', toolCalls: [{ name: 'update_email_address', args: { email: long }, expectError: true }] },
        { user: 'yes', toolCalls: [{ name: 'confirm_email_address', args: { email: 'eve@example.com' } }] },
      ]),
    });
    await flow.say('eve');
    const refused = await flow.say('long');
    expect(refused.toolCalls[0]).toMatchObject({ isError: true, output: `Invalid email address: it has ${long.length} characters; an email address has at most 254.` });
    await flow.say('yes');
    expect(await flow.result).toEqual({ emailAddress: 'eve@example.com' });
  });

  it('a decline reason is kept, cut to its limit', async () => {
    const flow = await renderWorkflow(<GetEmail />, {
      llm: scriptedLLM([{ user: 'no', toolCalls: [{ name: 'decline_email_capture', args: { reason: 'x'.repeat(1_000_000) } }] }]),
    });
    await flow.say('no');
    const error = (await flow.result.catch((reason: unknown) => reason)) as CaptureDeclinedError;
    expect(error).toBeInstanceOf(CaptureDeclinedError);
    expect(error.reason).toHaveLength(FIELD_LIMITS.reason);
    expect(error.reason.endsWith('…')).toBe(true);
  });
});
