import type { Example } from '../shared/example.js';
import { type AccountResults, createAccountAgent } from './account-opening.js';

/** A business account turns personal half-way: the nested company group drops out with its answers. */
export const beyond: Example = {
  name: 'beyond',
  summary: "what LiveKit's TaskGroup cannot do: steps that appear or drop out with earlier answers, a nested group",
  start({ onEvent, track }) {
    let opened: AccountResults | undefined;
    const agent = createAccountAgent({ onEvent, track, onOpened: (results) => (opened = results) });
    return {
      agent,
      userData: {},
      finished: () => opened !== undefined,
      report: () => [['results', opened]],
    };
  },
  simulation: {
    caller: [
      "It's for my business.",
      'Doe Robotics Ltd.',
      'GB123456789',
      'jane@doerobotics.com, and yes, please have someone call me.',
      'Actually, make it a personal account after all.',
      '+44 20 7946 0958',
    ],
    script: () => [
      { onEnter: /personal or for a business/, reply: 'Welcome to Acme Bank! Is this account for you personally, or for a business?' },
      { user: /my business/, toolCalls: [{ name: 'save_account_type', args: { value: 'business' } }] },
      { onEnter: /registered name/, reply: "What is the company's registered name?" },
      { user: 'Doe Robotics Ltd.', toolCalls: [{ name: 'save_company_name', args: { value: 'Doe Robotics Ltd.' } }] },
      { onEnter: /VAT number/, reply: 'And its VAT number?' },
      { user: 'GB123456789', toolCalls: [{ name: 'save_vat_number', args: { value: 'GB123456789' } }] },
      { onEnter: /email address/, reply: 'What email should we use, and would you like an advisor to call you?' },
      {
        user: /jane@doerobotics\.com/,
        toolCalls: [{ name: 'save_contact', args: { email: 'jane@doerobotics.com', wantsCall: true } }],
      },
      { onEnter: /phone number/, reply: 'Which number should the advisor call?' },
      { user: /personal account/, reply: 'No problem.', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['account_type'] } }] },
      // Back in the first step the answer is already in the conversation: the model saves it at once.
      { onEnter: /personal or for a business/, toolCalls: [{ name: 'save_account_type', args: { value: 'personal' } }] },
      { onEnter: /phone number/, reply: 'Changed to a personal account. Which number should the advisor call?' },
      { user: /^\+44/, toolCalls: [{ name: 'save_phone', args: { value: '+44 20 7946 0958' } }] },
      { summary: true, reply: 'Personal account for jane@doerobotics.com; an advisor will call +44 20 7946 0958.' },
      { onEnter: /Confirm that the personal account/, reply: 'Your personal account is on its way, and an advisor will call you shortly. Goodbye!' },
    ],
  },
};
