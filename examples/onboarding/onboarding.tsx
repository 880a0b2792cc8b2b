import { llm, voice } from '@livekit/agents';
import {
  type GroupResultsOf,
  Task,
  type TaskCompletedEvent,
  TaskGroup,
  type WorkflowOptions,
  defineGroup,
  defineTask,
  defineTool,
  runTask,
  useComplete,
  useOnEnter,
  useTool,
} from 'react-agent-tasks';
import { z } from 'zod';
import { findSummary } from '../shared/summary.js';

// The steps and the group as handles: their ids and result types, defined once.
const name = defineTask<string>('name');
const email = defineTask<string>('email');
export const onboarding = defineGroup({ name, email });

export type OnboardingResults = GroupResultsOf<typeof onboarding>;

// The tools as values, so a test's scripted calls are checked against their schemas.
export const saveName = defineTool('save_name', {
  description: "Save the user's name (again when they correct it).",
  parameters: z.object({ name: z.string().min(1) }),
});
export const saveEmail = defineTool('save_email', {
  description: "Save the user's email address.",
  parameters: z.object({ email: z.email() }),
});

function NameStep() {
  const complete = useComplete(name);
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: "Ask for the user's name." });
  });
  useTool(saveName, { execute: (args) => complete(args.name) });
  return null;
}

function EmailStep() {
  const complete = useComplete(email);
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: "Ask for the user's email address." });
  });
  useTool(saveEmail, { execute: (args) => complete(args.email) });
  return null;
}

/**
 * Name, then email. The model may go back to the name from the email step (LiveKit's
 * `out_of_scope`, offered once the name was visited); the group then asks for the email again.
 */
export function Onboarding({ onTaskCompleted }: { onTaskCompleted?: (event: TaskCompletedEvent) => void }) {
  return (
    <TaskGroup step={onboarding} onTaskCompleted={onTaskCompleted}>
      <Task step={name} description="Collects the user's name" instructions="Collect the user's name.">
        <NameStep />
      </Task>
      <Task step={email} description="Collects the user's email address" instructions="Collect the user's email address.">
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
            const { taskResults } = await runTask(onboarding, <Onboarding onTaskCompleted={onStep} />, { ...workflow, chatCtx: this.chatCtx });
            onOnboarded?.(taskResults, findSummary(this.chatCtx));
            return { onboarded: true, ...taskResults };
          },
        }),
      },
    });
  }

  override async onEnter(): Promise<void> {
    this.session.generateReply({ instructions: 'Greet the user and offer to get them set up.' });
  }
}
