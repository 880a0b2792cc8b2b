/**
 * The same workflows written with react-agent-tasks: one component per step's behaviour,
 * `<Task>`s in a `<TaskGroup summarize={false}>`. Tracker calls sit where plain.ts has them.
 */
import { useRef, type ReactElement } from 'react';
import { Task, TaskGroup, type ToolCallContext, useOnEnter, useTool } from 'react-agent-tasks';
import { z } from 'zod';
import { enterInstructions, stepId } from './script.js';
import type { Tracker } from './tracker.js';

interface Tracked {
  tracker: Tracker;
}

/** Asks the step's question when the task is entered. */
function useAsk(tracker: Tracker, ask: string): void {
  useOnEnter(({ session }) => {
    tracker.enterStarted();
    session.generateReply({ instructions: ask });
  });
}

function Intro({ tracker }: Tracked): null {
  useAsk(tracker, enterInstructions('Welcome the candidate and gather their name.', 'welcome'));
  useTool('record_intro', {
    description: "Record the candidate's name and introduction",
    parameters: z.object({ name: z.string(), intro_notes: z.string() }),
    execute: ({ name, intro_notes }, { complete }) => {
      tracker.completing();
      complete({ name, intro: intro_notes });
    },
  });
  return null;
}

function Email({ tracker }: Tracked): null {
  useAsk(tracker, enterInstructions('Ask for the email address.', 'ask email'));
  useTool('record_email', {
    description: "Record the candidate's email address",
    parameters: z.object({ email: z.string() }),
    execute: ({ email }, { complete }) => {
      tracker.completing();
      complete({ email });
    },
  });
  return null;
}

function Commute({ tracker }: Tracked): null {
  useAsk(tracker, enterInstructions('Ask about commuting.', 'ask commute'));
  useTool('record_commute', {
    description: 'Record commute flexibility and transportation method',
    parameters: z.object({ can_commute: z.boolean(), commute_method: z.string() }),
    execute: ({ can_commute, commute_method }, { complete }) => {
      tracker.completing();
      complete({ canCommute: can_commute, commuteMethod: commute_method });
    },
  });
  return null;
}

function Experience({ tracker }: Tracked): null {
  useAsk(tracker, enterInstructions('Ask about experience.', 'ask experience'));
  useTool('record_experience', {
    description: "Record the candidate's experience",
    parameters: z.object({ years: z.number(), summary: z.string() }),
    execute: ({ years, summary }, { complete }) => {
      tracker.completing();
      complete({ years, summary });
    },
  });
  return null;
}

interface BehavioralResults {
  strengths: string;
  weaknesses: string;
  workStyle: string;
}

function Behavioral({ tracker }: Tracked): null {
  useAsk(tracker, enterInstructions('Ask about strengths, weaknesses and work style.', 'ask behavioral'));
  const results = useRef<Partial<BehavioralResults>>({});
  const record = (part: Partial<BehavioralResults>, { complete, session }: ToolCallContext) => {
    results.current = { ...results.current, ...part };
    const { strengths, weaknesses, workStyle } = results.current;
    if (strengths && weaknesses && workStyle) {
      tracker.completing();
      complete({ strengths, weaknesses, workStyle });
    } else {
      session.generateReply({ instructions: enterInstructions('Continue collecting remaining information.', 'continue behavioral') });
    }
  };
  useTool('record_strengths', {
    description: "Record candidate's strengths",
    parameters: z.object({ strengths_summary: z.string() }),
    execute: ({ strengths_summary }, ctx) => record({ strengths: strengths_summary }, ctx),
  });
  useTool('record_weaknesses', {
    description: "Record candidate's weaknesses",
    parameters: z.object({ weaknesses_summary: z.string() }),
    execute: ({ weaknesses_summary }, ctx) => record({ weaknesses: weaknesses_summary }, ctx),
  });
  useTool('record_work_style', {
    description: "Record candidate's work style",
    parameters: z.object({ work_style: z.string() }),
    execute: ({ work_style }, ctx) => record({ workStyle: work_style }, ctx),
  });
  return null;
}

/** The survey as `<Task>`s in a `<TaskGroup>`, summarize off. */
export function JsxSurvey({ tracker }: Tracked): ReactElement {
  return (
    <TaskGroup summarize={false}>
      <Task id="intro" description="Collects name and introduction" instructions="Welcome the candidate and collect their name and introduction.">
        <Intro tracker={tracker} />
      </Task>
      <Task id="email" description="Collects the candidate's email" instructions="Collect the candidate's email address.">
        <Email tracker={tracker} />
      </Task>
      <Task id="commute" description="Asks about commute flexibility" instructions="Ask about the candidate's ability to commute to the office.">
        <Commute tracker={tracker} />
      </Task>
      <Task id="experience" description="Collects years of experience" instructions="Collect the candidate's years of experience and a short summary.">
        <Experience tracker={tracker} />
      </Task>
      <Task id="behavioral" description="Collects strengths, weaknesses and work style" instructions="Collect strengths, weaknesses, and work style in any order.">
        <Behavioral tracker={tracker} />
      </Task>
    </TaskGroup>
  );
}

function Answer({ tracker, index }: Tracked & { index: number }): null {
  useAsk(tracker, enterInstructions(`Ask question ${index}.`, `ask ${index}`));
  useTool('record_answer', {
    description: 'Record the answer',
    parameters: z.object({ answer: z.string() }),
    execute: ({ answer }, { complete }) => {
      tracker.completing();
      complete({ answer });
    },
  });
  return null;
}

/** `count` generated one-question steps in a `<TaskGroup>`, summarize off. */
export function JsxGenerated({ tracker, count }: Tracked & { count: number }): ReactElement {
  const steps = Array.from({ length: count }, (_, i) => i + 1);
  return (
    <TaskGroup summarize={false}>
      {steps.map((i) => (
        <Task key={i} id={stepId(i)} description={`Collects answer ${i}`} instructions={`Ask question ${i} and record the answer.`}>
          <Answer tracker={tracker} index={i} />
        </Task>
      ))}
    </TaskGroup>
  );
}
