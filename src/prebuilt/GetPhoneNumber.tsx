import { llm } from '@livekit/agents';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { misuse } from '../model/errors.js';
import { Collector } from './Collector.js';
import { type CollectorProps, composeInstructions, inputHandling, splitCollectorProps, useSessionModality } from './collector-props.js';
import type { KeypadInput } from './dtmf.js';
import { type DefaultCountry, callingCodeOf, parseDefaultCountry, parsePhone } from './phone.js';
import type { CaptureSpec } from './use-capture.js';

/** The result of {@link GetPhoneNumber}: the number in E.164 form, e.g. `+14155550123`. */
export interface GetPhoneNumberResult {
  phoneNumber: string;
}

/** Props of {@link GetPhoneNumber}. */
export interface GetPhoneNumberProps extends CollectorProps<GetPhoneNumberResult> {
  /**
   * How a number given without a country code is read: a calling code (`'+44'`) or an ISO 3166
   * region (`'GB'`). The country's own rules apply (a UK trunk `0` is dropped, a US number needs
   * its area code). Default: none, so a country code is required.
   */
  defaultCountryCode?: string;
  /** Also take the number typed on the phone keypad (ended with `#`); offered by the retry policy. */
  keypad?: KeypadInput;
}

const parameters = z.object({
  phone_number: z
    .string()
    .describe('The phone number as the user gave it, e.g. +1 415 555 0123 (a local number without country code is fine when one is assumed); spaces, dashes and parentheses are fine'),
});

function phoneSpec(defaults: DefaultCountry | undefined): CaptureSpec<string, typeof parameters, GetPhoneNumberResult> {
  return {
    component: '<GetPhoneNumber>',
    field: 'phone_number',
    declineName: 'phone_number',
    noun: 'phone number',
    parameters,
    updateDescription: "Records your best guess of the user's phone number. Call it as soon as you have a new guess, before asking anything.",
    parse: ({ phone_number }) => {
      const parsed = parsePhone(phone_number, defaults);
      if ('problem' in parsed) throw new llm.ToolError(`Invalid phone number: ${parsed.problem}.`);
      return parsed.phoneNumber;
    },
    readBack: (phone) => phone,
    confirmHint: () => 'Read it back digit by digit, in small groups, and ask the user to confirm it.',
    toResult: (phoneNumber) => ({ phoneNumber }),
    ask: {
      audio: `Ask the user to say their phone number${defaults ? '' : ', including the country code'}. If you already have it, ask them to confirm it.`,
      text: `Ask the user to type their phone number${defaults ? '' : ', including the country code'}. If you already have it, ask them to confirm it.`,
    },
    rephrase: 'ask for the country code and area code first, then the remaining digits, slowly, one digit at a time.',
    fromKeypad: (digits) => ({ phone_number: digits }),
  };
}

const instructions = (modality: 'audio' | 'text', defaults: DefaultCountry | undefined) =>
  [
    'You are one step in a larger conversation, responsible only for capturing a phone number.',
    inputHandling(modality),
    modality === 'audio' ? 'Users say digits one by one or in groups ("four one five, five five five…"); "oh" means zero, "double five" means 55.' : '',
    defaults
      ? `A number given without a country code is read as a +${callingCodeOf(defaults)} number; pass it as the user gave it.`
      : 'The number needs its country code (it starts with +); ask for it if missing.',
    'Call `update_phone_number` whenever you form a new guess of the number.',
    'If the user refuses to give a phone number, call `decline_phone_number_capture`. Stay on topic; no markdown.',
  ]
    .filter(Boolean)
    .join('\n');

/**
 * Collects a phone number, validated for its country with libphonenumber-js (Google's
 * libphonenumber metadata) and returned in E.164 form. Spaces, dashes, dots and parentheses are
 * stripped, spoken digits read ("double five"); with `defaultCountryCode` a local number needs no
 * country code. Tools: `update_phone_number`, `confirm_phone_number`, `decline_phone_number_capture`.
 * Result: `{ phoneNumber }`. Default id `phone_number`.
 *
 * @example
 * <GetPhoneNumber defaultCountryCode="GB" keypad={{ room: ctx.room }} />
 */
export function GetPhoneNumber(props: GetPhoneNumberProps): ReactElement {
  const { task, options, rest } = splitCollectorProps(props, { id: 'phone_number', description: "Collects the user's phone number" });
  const defaults = rest.defaultCountryCode === undefined ? undefined : parseDefaultCountry(rest.defaultCountryCode);
  if (defaults === null) {
    throw misuse(
      `<GetPhoneNumber defaultCountryCode="${rest.defaultCountryCode}">`,
      'is neither a calling code nor a country',
      'Give a calling code such as "+44" or an ISO 3166 region such as "GB".',
    );
  }
  const modality = useSessionModality(options.modality);
  return (
    <Task<GetPhoneNumberResult> collector="GetPhoneNumber" {...task} instructions={composeInstructions(instructions(modality, defaults), options)}>
      <Collector spec={phoneSpec(defaults)} options={options} modality={modality} keypad={rest.keypad} />
    </Task>
  );
}
