import { llm } from '@livekit/agents';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { Collector } from './Collector.js';
import { type CollectorProps, composeInstructions, inputHandling, splitCollectorProps, useSessionModality } from './collector-props.js';
import { emailProblem, normalizeEmail } from './email.js';
import { FIELD_LIMITS, bounded } from './text.js';
import type { CaptureSpec } from './use-capture.js';

/** The result of {@link GetEmail}. */
export interface GetEmailResult {
  emailAddress: string;
}

/** Props of {@link GetEmail}: the shared collector props. */
export type GetEmailProps = CollectorProps<GetEmailResult>;

const parameters = z.object({
  email: z.string().describe('The email address, with spoken words turned into symbols: "john dot doe at gmail dot com" is john.doe@gmail.com'),
});

const spec: CaptureSpec<string, typeof parameters, GetEmailResult> = {
  component: '<GetEmail>',
  field: 'email_address',
  declineName: 'email',
  noun: 'email address',
  parameters,
  updateDescription:
    "Records your best guess of the user's email address. Call it as soon as you have a new guess, before asking anything.",
  parse: ({ email }) => {
    const normalized = normalizeEmail(bounded(email, FIELD_LIMITS.emailSpoken, 'email address'));
    const problem = emailProblem(normalized);
    if (problem) throw new llm.ToolError(`Invalid email address: ${problem}.`);
    return normalized;
  },
  readBack: (email) => email,
  confirmHint: (email) => `Repeat it back, spelling it character by character if useful (${[...email].join(' ')}), and ask the user to confirm it.`,
  toResult: (emailAddress) => ({ emailAddress }),
  rephrase: 'ask for the part before the @ first, then the domain, and have the user spell anything unclear letter by letter.',
  ask: {
    audio: 'Ask the user to say their email address. If you already have it, ask them to confirm it.',
    text: 'Ask the user to type their email address. If you already have it, ask them to confirm it.',
  },
};

const instructions = (modality: 'audio' | 'text') =>
  [
    'You are one step in a larger conversation, responsible only for capturing an email address.',
    inputHandling(modality),
    modality === 'audio'
      ? 'Users say emails aloud: "john dot doe at gmail dot com", "susan underscore smith at yahoo dot co dot uk", or a name followed by its spelling ("theo t h e o"). Convert dot, underscore, dash and plus into symbols and "at" into @.'
      : '',
    'Call `update_email_address` whenever you form a new guess of the address. If it is unclear, ask for the part before the @, then the domain.',
    'If the user refuses to give an email address, call `decline_email_capture`. Stay on topic; no markdown.',
  ]
    .filter(Boolean)
    .join('\n');

/**
 * Collects an email address. The model records candidates with `update_email_address`
 * (validated; spoken forms such as "john dot doe at gmail dot com" normalised), confirms them with
 * `confirm_email_address` when confirmation applies, and may call `decline_email_capture`.
 * Result: `{ emailAddress }`. Default id `email`.
 *
 * @example
 * <GetEmail requireConfirmation persona="You are Ava from Acme support." />
 */
export function GetEmail(props: GetEmailProps): ReactElement {
  const { task, options } = splitCollectorProps(props, { id: 'email', description: "Collects the user's email address" });
  const modality = useSessionModality(options.modality);
  const text = composeInstructions(instructions(modality), options);
  return (
    <Task<GetEmailResult> collector="GetEmail" {...task} instructions={text}>
      <Collector spec={spec} options={options} modality={modality} />
    </Task>
  );
}
