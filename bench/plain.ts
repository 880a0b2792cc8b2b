/**
 * The workflows written by hand with `@livekit/agents`: one `voice.AgentTask` class per step and
 * `beta.TaskGroup`, as LiveKit's documentation writes them. The yardstick for the JSX version.
 */
import { beta, llm, voice } from '@livekit/agents';
import { z } from 'zod';
import { enterInstructions, stepId } from './script.js';
import type { Tracker } from './tracker.js';

/** An AgentTask that asks its question on entry and tells the tracker. */
abstract class SurveyTask<R> extends voice.AgentTask<R> {
  constructor(
    protected readonly tracker: Tracker,
    private readonly ask: string,
    options: ConstructorParameters<typeof voice.AgentTask>[0],
  ) {
    super(options);
  }

  override async onEnter(): Promise<void> {
    this.tracker.enterStarted();
    this.session.generateReply({ instructions: this.ask });
    this.tracker.entered(this.id);
  }

  protected finish(result: R): void {
    this.tracker.completing();
    this.complete(result);
  }
}

class IntroTask extends SurveyTask<{ name: string; intro: string }> {
  constructor(tracker: Tracker) {
    super(tracker, enterInstructions('Welcome the candidate and gather their name.', 'welcome'), {
      id: 'intro',
      instructions: 'Welcome the candidate and collect their name and introduction.',
      tools: {
        record_intro: llm.tool({
          description: "Record the candidate's name and introduction",
          parameters: z.object({ name: z.string(), intro_notes: z.string() }),
          execute: async ({ name, intro_notes }) => this.finish({ name, intro: intro_notes }),
        }),
      },
    });
  }
}

class EmailTask extends SurveyTask<{ email: string }> {
  constructor(tracker: Tracker) {
    super(tracker, enterInstructions('Ask for the email address.', 'ask email'), {
      id: 'email',
      instructions: "Collect the candidate's email address.",
      tools: {
        record_email: llm.tool({
          description: "Record the candidate's email address",
          parameters: z.object({ email: z.string() }),
          execute: async ({ email }) => this.finish({ email }),
        }),
      },
    });
  }
}

class CommuteTask extends SurveyTask<{ canCommute: boolean; commuteMethod: string }> {
  constructor(tracker: Tracker) {
    super(tracker, enterInstructions('Ask about commuting.', 'ask commute'), {
      id: 'commute',
      instructions: "Ask about the candidate's ability to commute to the office.",
      tools: {
        record_commute: llm.tool({
          description: 'Record commute flexibility and transportation method',
          parameters: z.object({ can_commute: z.boolean(), commute_method: z.string() }),
          execute: async ({ can_commute, commute_method }) => this.finish({ canCommute: can_commute, commuteMethod: commute_method }),
        }),
      },
    });
  }
}

class ExperienceTask extends SurveyTask<{ years: number; summary: string }> {
  constructor(tracker: Tracker) {
    super(tracker, enterInstructions('Ask about experience.', 'ask experience'), {
      id: 'experience',
      instructions: "Collect the candidate's years of experience and a short summary.",
      tools: {
        record_experience: llm.tool({
          description: "Record the candidate's experience",
          parameters: z.object({ years: z.number(), summary: z.string() }),
          execute: async ({ years, summary }) => this.finish({ years, summary }),
        }),
      },
    });
  }
}

interface BehavioralResults {
  strengths: string;
  weaknesses: string;
  workStyle: string;
}

class BehavioralTask extends SurveyTask<BehavioralResults> {
  private results: Partial<BehavioralResults> = {};

  constructor(tracker: Tracker) {
    super(tracker, enterInstructions('Ask about strengths, weaknesses and work style.', 'ask behavioral'), {
      id: 'behavioral',
      instructions: 'Collect strengths, weaknesses, and work style in any order.',
      tools: {
        record_strengths: llm.tool({
          description: "Record candidate's strengths",
          parameters: z.object({ strengths_summary: z.string() }),
          execute: async ({ strengths_summary }) => this.record({ strengths: strengths_summary }),
        }),
        record_weaknesses: llm.tool({
          description: "Record candidate's weaknesses",
          parameters: z.object({ weaknesses_summary: z.string() }),
          execute: async ({ weaknesses_summary }) => this.record({ weaknesses: weaknesses_summary }),
        }),
        record_work_style: llm.tool({
          description: "Record candidate's work style",
          parameters: z.object({ work_style: z.string() }),
          execute: async ({ work_style }) => this.record({ workStyle: work_style }),
        }),
      },
    });
  }

  private record(part: Partial<BehavioralResults>): void {
    this.results = { ...this.results, ...part };
    const { strengths, weaknesses, workStyle } = this.results;
    if (strengths && weaknesses && workStyle) {
      this.finish({ strengths, weaknesses, workStyle });
    } else {
      this.session.generateReply({ instructions: enterInstructions('Continue collecting remaining information.', 'continue behavioral') });
    }
  }
}

/** The survey as LiveKit's TaskGroup, summarize off. */
export function plainSurvey(tracker: Tracker, chatCtx: llm.ChatContext): beta.TaskGroup {
  return new beta.TaskGroup({ summarizeChatCtx: false, chatCtx })
    .add(() => new IntroTask(tracker), { id: 'intro', description: 'Collects name and introduction' })
    .add(() => new EmailTask(tracker), { id: 'email', description: "Collects the candidate's email" })
    .add(() => new CommuteTask(tracker), { id: 'commute', description: 'Asks about commute flexibility' })
    .add(() => new ExperienceTask(tracker), { id: 'experience', description: 'Collects years of experience' })
    .add(() => new BehavioralTask(tracker), { id: 'behavioral', description: 'Collects strengths, weaknesses and work style' });
}

class AnswerTask extends SurveyTask<{ answer: string }> {
  constructor(tracker: Tracker, index: number) {
    super(tracker, enterInstructions(`Ask question ${index}.`, `ask ${index}`), {
      id: stepId(index),
      instructions: `Ask question ${index} and record the answer.`,
      tools: {
        record_answer: llm.tool({
          description: 'Record the answer',
          parameters: z.object({ answer: z.string() }),
          execute: async ({ answer }) => this.finish({ answer }),
        }),
      },
    });
  }
}

/** `count` generated one-question steps as LiveKit's TaskGroup, summarize off. */
export function plainGenerated(count: number) {
  return (tracker: Tracker, chatCtx: llm.ChatContext): beta.TaskGroup => {
    const group = new beta.TaskGroup({ summarizeChatCtx: false, chatCtx });
    for (let i = 1; i <= count; i++) {
      group.add(() => new AnswerTask(tracker, i), { id: stepId(i), description: `Collects answer ${i}` });
    }
    return group;
  };
}

/** The session's agent: runs the group from its onEnter and hands the result to the driver. */
export class PlainWorkflowAgent extends voice.Agent {
  constructor(
    private readonly build: (tracker: Tracker, chatCtx: llm.ChatContext) => beta.TaskGroup,
    private readonly tracker: Tracker,
    private readonly settle: { resolve(result: unknown): void; reject(error: unknown): void },
  ) {
    super({ instructions: 'You are a recruiter screening a candidate.' });
  }

  override async onEnter(): Promise<void> {
    try {
      this.settle.resolve(await this.build(this.tracker, this.chatCtx).run());
    } catch (error) {
      this.settle.reject(error);
    }
  }
}
