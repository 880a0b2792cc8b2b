import type { TaskGroupResult } from 'react-agent-tasks';
import type { Example } from '../shared/example.js';
import { createSeedAgent } from './seed.js';

/** The seed page's snippets in one run: IntroTask, a typed GetContactInfo, CommuteTask, onTaskCompleted. */
export const seed: Example = {
  name: 'seed',
  summary: "LiveKit's own snippets: IntroTask (userData), a typed GetContactInfo task, CommuteTask, onTaskCompleted",
  start({ onEvent, track, log }) {
    let results: TaskGroupResult | undefined;
    const agent = createSeedAgent({ onEvent, track, print: log, onResults: (value) => (results = value) });
    return { agent, userData: {}, finished: () => results !== undefined, report: () => [['taskResults', results?.taskResults]] };
  },
  simulation: {
    caller: ["I'm Sam, I write compilers.", 'Sam Lee, sam@example.com, 555 0100.', 'Yes, by bus.'],
    script: () => [
      { onEnter: /gather their name/, reply: 'Welcome! What is your name, and tell me a bit about yourself?' },
      { user: /^I'm Sam/, toolCalls: [{ name: 'record_intro', args: { name: 'Sam', introNotes: 'Writes compilers.' } }] },
      { onEnter: /name, email address and phone number/, reply: 'Could I have your full name, email and phone number?' },
      {
        user: /sam@example\.com/,
        toolCalls: [{ name: 'record_contact_info', args: { name: 'Sam Lee', emailAddress: 'sam@example.com', phoneNumber: '555 0100' } }],
      },
      { onEnter: /commute/, reply: 'Can you commute to the office?' },
      { user: /by bus/, toolCalls: [{ name: 'record_commute_flexibility', args: { canCommute: true, commuteMethod: 'bus' } }] },
      { onEnter: /Thank the candidate/, reply: 'Thanks, Sam. Goodbye!' },
    ],
  },
};
