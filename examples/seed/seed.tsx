/**
 * The remaining snippets of LiveKit's "Tasks and task groups" page, as components: a task with a
 * typed result (GetContactInfoTask), and the complete interview workflow (IntroTask, CommuteTask)
 * in a group with an onTaskCompleted callback. CollectConsent is in ../consent, BehavioralTask in
 * ../survey.
 */
import { Task, TaskGroup, type TaskCompletedEvent, type TaskGroupResult, useOnEnter, useTool } from 'react-agent-tasks';
import { z } from 'zod';
import { type TrackedAgentOptions, createTrackedAgent } from '../shared/tracked-agent.js';

export interface ContactInfoResult {
  name: string;
  emailAddress: string;
  phoneNumber: string;
}

export interface IntroResults {
  name: string;
  intro: string;
}

export interface CommuteResults {
  canCommute: boolean;
  commuteMethod: string;
}

export interface InterviewUserData {
  candidateName?: string;
}

const ContactInfoArgs = z.object({
  name: z.string().describe("The user's name"),
  emailAddress: z.email().describe("The user's email address"),
  phoneNumber: z.string().describe("The user's phone number"),
});

/** GetContactInfoTask: `<Task<ContactInfoResult>>` completes with a typed object. */
export function GetContactInfo({ id = 'contact_info_task', onComplete }: { id?: string; onComplete?: (result: ContactInfoResult) => void }) {
  return (
    <Task<ContactInfoResult> id={id} description="Collects name, email and phone number" instructions="Collect the user's name, email address and phone number." onComplete={onComplete}>
      <ContactInfoTools />
    </Task>
  );
}

function ContactInfoTools() {
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: 'Ask for their name, email address and phone number.' });
  });
  useTool<typeof ContactInfoArgs, unknown, ContactInfoResult>('record_contact_info', {
    description: "Record the user's contact information",
    parameters: ContactInfoArgs,
    execute: (contact, { complete }) => complete(contact),
  });
  return null;
}

const IntroArgs = z.object({
  name: z.string().describe("The candidate's name"),
  introNotes: z.string().describe('Introduction notes'),
});

/** IntroTask: welcomes the candidate and writes their name to userData. */
export function IntroTask() {
  return (
    <Task<IntroResults> id="intro_task" description="Collects name and introduction" instructions="Welcome the candidate and collect their name and introduction.">
      <IntroTools />
    </Task>
  );
}

function IntroTools() {
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: 'Welcome the candidate and gather their name.' });
  });
  useTool<typeof IntroArgs, InterviewUserData, IntroResults>('record_intro', {
    description: "Record the candidate's name and introduction",
    parameters: IntroArgs,
    execute: ({ name, introNotes }, { userData, complete }) => {
      userData.candidateName = name;
      complete({ name, intro: introNotes });
    },
  });
  return null;
}

const CommuteArgs = z.object({
  canCommute: z.boolean().describe('Whether the candidate can commute'),
  commuteMethod: z.string().describe('Transportation method'),
});

/** CommuteTask. The seed's has no onEnter, so the candidate would have to speak first; here the step asks. */
export function CommuteTask() {
  return (
    <Task<CommuteResults> id="commute_task" description="Asks about commute flexibility" instructions="Ask about the candidate's ability to commute to the office.">
      <CommuteTools />
    </Task>
  );
}

function CommuteTools() {
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: "Ask about the candidate's ability to commute to the office." });
  });
  useTool<typeof CommuteArgs, unknown, CommuteResults>('record_commute_flexibility', {
    description: 'Record commute flexibility and transportation method',
    parameters: CommuteArgs,
    execute: (commute, { complete }) => complete(commute),
  });
  return null;
}

/** The seed's way of reporting each finished task. */
export const printTaskResult = (print: (line: string) => void) => (event: TaskCompletedEvent) =>
  print(`Task '${event.taskId}' completed with result: ${JSON.stringify(event.result)}`);

/** The complete workflow example, with the typed contact-info task between the two seed tasks. */
export function SeedInterview({ onTaskCompleted }: { onTaskCompleted?: (event: TaskCompletedEvent) => void }) {
  return (
    <TaskGroup onTaskCompleted={onTaskCompleted}>
      <IntroTask />
      <GetContactInfo />
      <CommuteTask />
    </TaskGroup>
  );
}

export function createSeedAgent({ onResults, print = () => {}, ...workflow }: Pick<TrackedAgentOptions<TaskGroupResult>, 'onEvent' | 'track'> & {
  onResults?: (results: TaskGroupResult) => void;
  print?: (line: string) => void;
}) {
  return createTrackedAgent<TaskGroupResult>(<SeedInterview onTaskCompleted={printTaskResult(print)} />, {
    ...workflow,
    instructions: 'You are a recruiter.',
    onResult: (results, agent) => {
      agent.session.generateReply({ instructions: 'Thank the candidate and say goodbye.' });
      onResults?.(results);
    },
  });
}
