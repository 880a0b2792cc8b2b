import type { Example } from '../shared/example.js';
import { createSurveyAgent } from './interview.js';
import { DEFAULT_CSV_PATH } from './record.js';
import type { InterviewRecord } from './types.js';

const SUMMARY =
  'Jane Doe (jane.doe@example.com) has six years of backend experience on payment APIs and data pipelines, ' +
  'can commute by train three days a week, is good at untangling legacy code, prefers small teams that pair, ' +
  'and can be slow to delegate.';

const start: Example['start'] = ({ onEvent, track, checkpoint, csvPath = DEFAULT_CSV_PATH }) => {
  let recorded: InterviewRecord | undefined;
  const agent = createSurveyAgent({ csvPath, onEvent, track, checkpoint, onRecorded: (record) => (recorded = record) });
  return {
    agent,
    userData: {},
    finished: () => recorded !== undefined,
    report: () => [
      ['status', recorded?.status ?? 'not recorded'],
      ['results', recorded?.results],
      ['userData', recorded?.userData],
      ['disqualification', recorded?.disqualification],
      ['summary', recorded?.summary],
      ['evaluation', recorded?.evaluation],
      ['csv', recorded?.writeError ?? csvPath],
    ],
  };
};

/** The screening interview, with one correction (the email) half-way through. */
export const survey: Example = {
  name: 'survey',
  summary: 'interview screening: five steps, a shared disqualify tool, CSV export and an evaluation by the model',
  start,
  simulation: {
    caller: [
      "Hi, I'm Jane Doe. I build backend services in Go and TypeScript.",
      'jane@example.org',
      'Sorry, before that: can I change my email? I gave you my old one.',
      'jane.doe@example.com',
      'Yes, I can take the train.',
      'Six years, mostly payment APIs and data pipelines.',
      "I'm good at untangling legacy code, and I like small teams that pair a lot.",
      'I can be slow to delegate.',
    ],
    script: () => [
      // First: the evaluation's prompt holds the caller's words, which later rules match too.
      { user: /^Interview summary:/, reply: 'Advance: strong backend experience and a good fit for a pairing team; probe delegation in the next round.' },
      { onEnter: /name and a short introduction/, reply: 'Hi, thanks for joining this screening call! Could you tell me your name and a little about yourself?' },
      {
        user: /Jane Doe/,
        toolCalls: [{ name: 'record_intro', args: { name: 'Jane Doe', introNotes: 'Builds backend services in Go and TypeScript.' } }],
      },
      { onEnter: /email address/, reply: 'Nice to meet you, Jane. What email address can we reach you at?' },
      { user: 'jane@example.org', toolCalls: [{ name: 'record_email', args: { email: 'jane@example.org' } }] },
      { onEnter: /commute/, reply: 'Our office is downtown. Could you commute there three days a week, and how?' },
      { user: /change my email/, reply: 'Of course.', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['email'] } }] },
      { onEnter: /email address/, reply: 'No problem. Which email should we use instead?' },
      { user: 'jane.doe@example.com', toolCalls: [{ name: 'record_email', args: { email: 'jane.doe@example.com' } }] },
      { onEnter: /commute/, reply: 'Updated. Back to the office: could you commute three days a week?' },
      {
        user: /train/,
        toolCalls: [{ name: 'record_commute_flexibility', args: { canCommute: true, commuteMethod: 'train' } }],
      },
      { onEnter: /years of professional experience/, reply: 'How many years of professional experience do you have, and on what?' },
      {
        user: /Six years/,
        toolCalls: [{ name: 'record_experience', args: { years: 6, summary: 'Payment APIs and data pipelines.' } }],
      },
      { onEnter: /strengths, weaknesses and work style/, reply: 'Last part: your strengths, your weaknesses, and how you like to work.' },
      {
        user: /legacy code/,
        toolCalls: [
          { name: 'record_strengths', args: { strengthsSummary: 'Untangling legacy code.' } },
          { name: 'record_work_style', args: { workStyle: 'Small teams that pair a lot.' } },
        ],
      },
      { afterTool: 'record_work_style', reply: 'Great. And what would you say is a weakness of yours?' },
      { user: /delegate/, toolCalls: [{ name: 'record_weaknesses', args: { weaknessesSummary: 'Slow to delegate.' } }] },
      { summary: true, reply: SUMMARY },
      { onEnter: /Thank Jane Doe/, reply: 'Thank you, Jane! The team will be in touch within a week. Goodbye!' },
      { onEnter: /won't move forward/, reply: "Thank you for your time. Unfortunately we won't move forward with your application. Goodbye!" },
    ],
  },
};

const DISQUALIFIED_SUMMARY = 'Jane Doe (jane@example.org) builds backend services in Go and TypeScript, and will not commute to the office.';

/** The same interview when the candidate cannot commute: the model disqualifies, the group ends early, the agent hangs up. */
export const surveyDisqualified: Example = {
  name: 'survey-disqualified',
  summary: 'the interview when the candidate cannot commute: disqualify ends the group early, a goodbye, a CSV row with the reason',
  start,
  simulation: {
    caller: survey.simulation.caller.slice(0, 2).concat(["No, I don't have a car and I won't come to an office."]),
    script: () => [
      { summary: true, reply: DISQUALIFIED_SUMMARY },
      ...survey.simulation.script().filter((rule) => String(rule.user) !== '/train/'),
      { user: /won't come to an office/, toolCalls: [{ name: 'disqualify', args: { reason: 'Will not commute to the office.' } }] },
    ],
  },
};

/**
 * The same interview when the line drops while the experience question is being asked: the
 * caller calls back, the call resumes from its checkpoint (the steps already answered are not
 * asked again), and the interview ends as the uninterrupted one does.
 */
export const surveyDropped: Example = {
  name: 'survey-dropped',
  summary: 'the interview when the line drops half-way: the caller calls back and it resumes from its checkpoint',
  start,
  simulation: {
    caller: survey.simulation.caller,
    dropsAfter: 5,
    script: () => [
      // The first question after the resume welcomes the caller back (steps.tsx, useResumed).
      { onEnter: /called back after the line dropped/, reply: 'Welcome back, Jane! We had just got to your experience: how many years do you have, and on what?' },
      ...survey.simulation.script(),
    ],
  },
};
