import { useRef } from 'react';
import { Task, useComplete, useOnEnter, useResumed } from 'react-agent-tasks';
import { z } from 'zod';
import { Disqualify } from './disqualify.js';
import { behavioral, commute, email, experience, intro, useTool } from './definition.js';
import type { BehavioralResult } from './types.js';

/**
 * Asks the step's opening question when the step takes over (again, after a correction); the
 * first question after a dropped call resumed welcomes the candidate back first.
 */
function Ask({ instructions }: { instructions: string }) {
  const resumed = useResumed();
  useOnEnter(({ session }) => {
    session.generateReply({
      instructions: resumed?.firstTask ? `The candidate called back after the line dropped. Welcome them back by name, then: ${instructions}` : instructions,
    });
  });
  return null;
}

const IntroArgs = z.object({
  name: z.string().describe("The candidate's name"),
  introNotes: z.string().describe('What the candidate said about themselves'),
});

/** Welcomes the candidate; writes their name to userData (read later by the goodbye). */
export function IntroStep() {
  return (
    <Task step={intro} description="Collects the candidate's name and introduction" instructions="You are interviewing a candidate for a software engineering role. Welcome them and collect their name and a short introduction.">
      <Ask instructions="Welcome the candidate and ask for their name and a short introduction." />
      <Disqualify />
      <IntroTools />
    </Task>
  );
}

function IntroTools() {
  const complete = useComplete(intro);
  useTool('record_intro', {
    description: "Record the candidate's name and introduction",
    parameters: IntroArgs,
    execute: ({ name, introNotes }, { userData }) => {
      userData.candidateName = name;
      complete({ name, intro: introNotes });
    },
  });
  return null;
}

/** Collects the email address; zod rejects a malformed one and the model is told so. */
export function EmailStep() {
  return (
    <Task step={email} description="Collects the candidate's email address" instructions="Collect the candidate's email address.">
      <Ask instructions="Ask for the candidate's email address." />
      <Disqualify />
      <EmailTools />
    </Task>
  );
}

function EmailTools() {
  const complete = useComplete(email);
  useTool('record_email', {
    description: "Record the candidate's email address",
    parameters: z.object({ email: z.email().describe('The email address') }),
    execute: (args) => complete({ email: args.email }),
  });
  return null;
}

/** Asks whether the candidate can commute to the office, and how. */
export function CommuteStep() {
  return (
    <Task step={commute} description="Asks about commute flexibility" instructions="Ask about the candidate's ability to commute to the office three days a week.">
      <Ask instructions="Ask whether the candidate can commute to the office three days a week, and how." />
      <Disqualify />
      <CommuteTools />
    </Task>
  );
}

function CommuteTools() {
  const complete = useComplete(commute);
  useTool('record_commute_flexibility', {
    description: 'Record commute flexibility and transportation method',
    parameters: z.object({
      canCommute: z.boolean().describe('Whether the candidate can commute'),
      commuteMethod: z.string().describe('Transportation method'),
    }),
    execute: (answer) => complete(answer),
  });
  return null;
}

/** Collects years of experience and a summary of it. */
export function ExperienceStep() {
  return (
    <Task step={experience} description="Collects the candidate's work experience" instructions="Ask about the candidate's professional experience.">
      <Ask instructions="Ask how many years of professional experience the candidate has, and what they worked on." />
      <Disqualify />
      <ExperienceTools />
    </Task>
  );
}

function ExperienceTools() {
  const complete = useComplete(experience);
  useTool('record_experience', {
    description: "Record the candidate's years of experience and a summary of it",
    parameters: z.object({
      years: z.number().min(0).describe('Years of professional experience'),
      summary: z.string().describe('What the candidate worked on'),
    }),
    execute: (answer) => complete(answer),
  });
  return null;
}

/** Collects strengths, weaknesses and work style in any order (the seed's BehavioralTask). */
export function BehavioralStep() {
  return (
    <Task step={behavioral} description="Collects strengths, weaknesses and work style" instructions="Collect strengths, weaknesses, and work style in any order.">
      <Ask instructions="Ask about the candidate's strengths, weaknesses and work style." />
      <Disqualify />
      <BehavioralTools />
    </Task>
  );
}

type Behavioral = Partial<BehavioralResult>;

function BehavioralTools() {
  const complete = useComplete(behavioral);
  // A ref, not state: answers are collected within one visit and nothing renders from them.
  const answers = useRef<Behavioral>({});
  const record = (key: keyof BehavioralResult, value: string) => {
    answers.current = { ...answers.current, [key]: value };
    const { strengths, weaknesses, workStyle } = answers.current;
    if (strengths && weaknesses && workStyle) {
      complete({ strengths, weaknesses, workStyle });
      return 'All recorded.';
    }
    // The seed calls generateReply here; telling the model what is missing lets its own reply ask for it.
    const missing = (['strengths', 'weaknesses', 'workStyle'] as const).filter((k) => !answers.current[k]);
    return `Recorded. Continue collecting the remaining information: ${missing.join(', ')}.`;
  };
  useTool('record_strengths', {
    description: "Record candidate's strengths",
    parameters: z.object({ strengthsSummary: z.string().describe("Summary of candidate's strengths") }),
    execute: ({ strengthsSummary }) => record('strengths', strengthsSummary),
  });
  useTool('record_weaknesses', {
    description: "Record candidate's weaknesses",
    parameters: z.object({ weaknessesSummary: z.string().describe("Summary of candidate's weaknesses") }),
    execute: ({ weaknessesSummary }) => record('weaknesses', weaknessesSummary),
  });
  useTool('record_work_style', {
    description: "Record candidate's work style",
    parameters: z.object({ workStyle: z.string().describe("Description of candidate's work style") }),
    execute: ({ workStyle }) => record('workStyle', workStyle),
  });
  return null;
}
