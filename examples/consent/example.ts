import type { Example } from '../shared/example.js';
import { createCustomerServiceAgent } from './consent.js';

const script = () => [
  {
    onEnter: /ask for permission to record/,
    reply: "Hi, I'm Sam from Acme support. May I record this call for quality and training? You're free to say no.",
  },
  { user: /^Sure/, toolCalls: [{ name: 'consent_given', args: {} }] },
  { user: /^No/, toolCalls: [{ name: 'consent_denied', args: {} }] },
  { onEnter: /Offer your assistance/, reply: 'Thank you! How can I help you today?' },
  { onEnter: /unable to proceed/, reply: "I understand. I'm afraid I can't continue without recording, so I'll end the call now. Goodbye!" },
  { user: /delivery address/, reply: "Of course. I've sent a link to update your delivery address to your email." },
];

function consentExample(name: string, summary: string, caller: string[]): Example {
  return {
    name,
    summary,
    start({ onEvent, track }) {
      let consent: boolean | undefined;
      const agent = createCustomerServiceAgent({ onEvent, track, onConsent: (value) => (consent = value) });
      return {
        agent,
        userData: {},
        finished: () => consent !== undefined,
        report: () => [['consent', consent]],
      };
    },
    simulation: { caller, script },
  };
}

/** The caller agrees to be recorded and gets help. */
export const consent = consentExample('consent', 'CollectConsent as a reusable task; the agent offers help once the caller agrees', [
  'Sure, go ahead.',
  "I'd like to change my delivery address.",
]);

/** The caller declines: the agent says goodbye and ends the call. */
export const consentDeclined = consentExample('consent-declined', 'the same agent when the caller declines: a polite goodbye, then session.shutdown', [
  "No, I'd rather you didn't.",
]);
