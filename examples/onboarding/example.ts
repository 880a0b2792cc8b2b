import type { TaskCompletedEvent } from 'react-agent-tasks';
import type { Example } from '../shared/example.js';
import { OnboardingAgent, type OnboardingResults } from './onboarding.js';

/** The group started from a tool, with a correction of the name half-way. */
export const onboarding: Example = {
  name: 'onboarding',
  summary: 'a tool starts a two-step group (name, email); onTaskCompleted; summary; "change my name to …"',
  start({ onEvent, log }) {
    const steps: Array<Pick<TaskCompletedEvent, 'taskId' | 'result'>> = [];
    let outcome: { results: OnboardingResults; summary?: string } | undefined;
    const agent = new OnboardingAgent({
      onEvent,
      onStep: ({ taskId, result }) => {
        steps.push({ taskId, result });
        log?.(`onTaskCompleted: ${taskId} = ${JSON.stringify(result)}`);
      },
      onOnboarded: (results, summary) => (outcome = { results, summary }),
    });
    return {
      agent,
      userData: {},
      finished: () => outcome !== undefined,
      report: () => [
        ['steps completed', steps.map((step) => step.taskId).join(', ')],
        ['results', outcome?.results],
        ['summary', outcome?.summary],
      ],
    };
  },
  simulation: {
    caller: ['Yes please, sign me up.', "I'm Eve.", 'Actually, change my name to Evelyn.', 'evelyn@example.com', 'Thanks!'],
    script: () => [
      { onEnter: /offer to get them set up/, reply: "Hi! I can get you set up in a minute. Shall we start?" },
      { user: /sign me up/, toolCalls: [{ name: 'start_onboarding', args: {} }] },
      { onEnter: /Ask for the user's name/, reply: "Great. What's your name?" },
      { user: "I'm Eve.", toolCalls: [{ name: 'save_name', args: { name: 'Eve' } }] },
      { onEnter: /email address/, reply: 'Thanks, Eve. What email address should we use?' },
      { user: /change my name to Evelyn/, reply: 'Sure.', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['name'] } }] },
      // Back in the name step, the correction is already in the conversation: the model saves it at once.
      { onEnter: /Ask for the user's name/, toolCalls: [{ name: 'save_name', args: { name: 'Evelyn' } }] },
      { onEnter: /email address/, reply: 'Done, Evelyn. And your email address?' },
      { user: 'evelyn@example.com', toolCalls: [{ name: 'save_email', args: { email: 'evelyn@example.com' } }] },
      { summary: true, reply: 'The user gave their name as Eve, then corrected it to Evelyn; their email is evelyn@example.com.' },
      { afterTool: 'start_onboarding', reply: "You're all set, Evelyn! We'll write to evelyn@example.com." },
      { user: 'Thanks!', reply: 'Anytime. Have a great day!' },
    ],
  },
};
