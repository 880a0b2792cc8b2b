import { llm, voice } from '@livekit/agents';
import { Task, type TaskCompletedEvent, TaskGroup, type WorkflowOptions, runTask, useOnEnter, useTool } from 'react-agent-tasks';
import { z } from 'zod';
import { findSummary } from '../shared/summary.js';

export interface OnboardingResults {
  name: string;
  email: string;
}

function NameStep() {
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: "Ask for the user's name." });
  });
  useTool('save_name', {
    description: "Save the user's name (again when they correct it).",
    parameters: z.object({ name: z.string().min(1) }),
    execute: ({ name }, { complete }) => complete(name),
  });
  return null;
}

function EmailStep() {
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: "Ask for the user's email address." });
  });
  useTool('save_email', {
    description: "Save the user's email address.",
    parameters: z.object({ email: z.email() }),
    execute: ({ email }, { complete }) => complete(email),
  });
  return null;
}

/**
 * Name, then email. The model may go back to the name from the email step (LiveKit's
 * `out_of_scope`, offered once the name was visited); the group then asks for the email again.
 */
export function Onboarding({ onTaskCompleted }: { onTaskCompleted?: (event: TaskCompletedEvent) => void }) {
  return (
    <TaskGroup onTaskCompleted={onTaskCompleted}>
      <Task id="name" description="Collects the user's name" instructions="Collect the user's name.">
        <NameStep />
      </Task>
      <Task id="email" description="Collects the user's email address" instructions="Collect the user's email address.">
        <EmailStep />
      </Task>
    </TaskGroup>
  );
}

export interface OnboardingAgentOptions extends WorkflowOptions {
  /** Each finished step, as `onTaskCompleted` reports it (a correction reports the step again). */
  onStep?: (event: TaskCompletedEvent) => void;
  /** The group's results and the summary it left in the agent's context. */
  onOnboarded?: (results: OnboardingResults, summary: string | undefined) => void;
}

/**
 * An ordinary agent whose `start_onboarding` tool runs the group: the workflow starts from a tool
 * (`runTask` inside `execute`), and its result is what the tool returns to the model.
 */
export class OnboardingAgent extends voice.Agent {
  constructor(options: OnboardingAgentOptions = {}) {
    const { onStep, onOnboarded, ...workflow } = options;
    super({
      instructions: 'You are a friendly assistant who signs new users up. Start the onboarding when the user agrees.',
      tools: {
        start_onboarding: llm.tool({
          description: 'Start onboarding: collects the name, then the email address.',
          execute: async () => {
            const { taskResults } = await runTask(<Onboarding onTaskCompleted={onStep} />, { ...workflow, chatCtx: this.chatCtx });
            const results = taskResults as unknown as OnboardingResults;
            onOnboarded?.(results, findSummary(this.chatCtx));
            return { onboarded: true, ...results };
          },
        }),
      },
    });
  }

  override async onEnter(): Promise<void> {
    this.session.generateReply({ instructions: 'Greet the user and offer to get them set up.' });
  }
}
