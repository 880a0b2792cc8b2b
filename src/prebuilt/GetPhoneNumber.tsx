import { llm } from '@livekit/agents';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { Collector } from './Collector.js';
import { type CollectorProps, composeInstructions, inputHandling, splitCollectorProps, useSessionModality } from './collector-props.js';
import { normalizePhoneNumber, phoneNumberProblem } from './phone.js';
import type { CaptureSpec } from './use-capture.js';

/** The result of {@link GetPhoneNumber}: the number in E.164 form, e.g. `+14155550123`. */
export interface GetPhoneNumberResult {
  phoneNumber: string;
}

/** Props of {@link GetPhoneNumber}. */
export interface GetPhoneNumberProps extends CollectorProps<GetPhoneNumberResult> {
  /** Prefixed to numbers given without a country code, e.g. `'+44'` (a trunk `0` is dropped). Default: none, so a country code is required. */
  defaultCountryCode?: string;
}

const parameters = z.object({
  phone_number: z.string().describe('The phone number with its country code, e.g. +1 415 555 0123; spaces, dashes and parentheses are fine'),
});

function phoneSpec(defaultCountryCode: string | undefined): CaptureSpec<string, typeof parameters, GetPhoneNumberResult> {
  return {
    field: 'phone_number',
    declineName: 'phone_number',
    noun: 'phone number',
    parameters,
    updateDescription: "Records your best guess of the user's phone number. Call it as soon as you have a new guess, before asking anything.",
    parse: ({ phone_number }) => {
      const normalized = normalizePhoneNumber(phone_number, defaultCountryCode);
      const problem = phoneNumberProblem(normalized);
      if (problem) throw new llm.ToolError(`Invalid phone number: ${problem}.`);
      return normalized;
    },
    readBack: (phone) => phone,
    confirmHint: () => 'Read it back digit by digit, in small groups, and ask the user to confirm it.',
    toResult: (phoneNumber) => ({ phoneNumber }),
    ask: {
      audio: 'Ask the user to say their phone number, including the country code. If you already have it, ask them to confirm it.',
      text: 'Ask the user to type their phone number, including the country code. If you already have it, ask them to confirm it.',
    },
  };
}

const instructions = (modality: 'audio' | 'text', defaultCountryCode: string | undefined) =>
  [
    'You are one step in a larger conversation, responsible only for capturing a phone number.',
    inputHandling(modality),
    modality === 'audio' ? 'Users say digits one by one or in groups ("four one five, five five five…"); "oh" means zero, "double five" means 55.' : '',
    defaultCountryCode
      ? `If the user gives no country code, assume ${defaultCountryCode}.`
      : 'The number needs its country code (it starts with +); ask for it if missing.',
    'Call `update_phone_number` whenever you form a new guess of the number.',
    'If the user refuses to give a phone number, call `decline_phone_number_capture`. Stay on topic; no markdown.',
  ]
    .filter(Boolean)
    .join('\n');

/**
 * Collects a phone number, validated E.164-style (`+` and 8–15 digits; spaces, dashes, dots and
 * parentheses stripped, spoken digits read). Tools: `update_phone_number`, `confirm_phone_number`,
 * `decline_phone_number_capture`. Result: `{ phoneNumber }`. Default id `phone_number`.
 *
 * @example
 * <GetPhoneNumber defaultCountryCode="+1" />
 */
export function GetPhoneNumber(props: GetPhoneNumberProps): ReactElement {
  const { task, options, rest } = splitCollectorProps(props, { id: 'phone_number', description: "Collects the user's phone number" });
  const modality = useSessionModality(options.modality);
  return (
    <Task<GetPhoneNumberResult> {...task} instructions={composeInstructions(instructions(modality, rest.defaultCountryCode), options)}>
      <Collector spec={phoneSpec(rest.defaultCountryCode)} options={options} modality={modality} />
    </Task>
  );
}
