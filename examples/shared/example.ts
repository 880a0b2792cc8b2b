import type { voice } from '@livekit/agents';
import type { CheckpointOptions, Workflow, WorkflowEvent } from 'react-agent-tasks';
import type { ScriptRule } from 'react-agent-tasks/testing';

/** What an example needs from whoever runs it (the CLI, a test, a LiveKit worker). */
export interface ExampleContext {
  /** Handed to every workflow the agent runs, so the caller can follow its steps. */
  onEvent?: (event: WorkflowEvent, workflow: Workflow) => void;
  /** Handed the agent's onEnter work (see createTrackedAgent), so the caller can wait for it. */
  track?: (work: Promise<unknown>) => void;
  /** Shows a line next to the conversation (what an `onTaskCompleted` saw, say). */
  log?: (text: string) => void;
  /** Where the survey writes its CSV; other examples ignore it. */
  csvPath?: string;
  /** Saves the call's progress so that a dropped call resumes (the survey uses it; README "Durable workflows"). */
  checkpoint?: CheckpointOptions;
}

/** One run of an example: the agent to start, its session's userData, and what to show at the end. */
export interface ExampleRun {
  agent: voice.Agent;
  userData: object;
  /** The facts to print once the call is over (typed results, summary, …), as label/value pairs. */
  report(): Array<[string, unknown]>;
  /** True once the agent has nothing left to do after the caller's last line (results recorded, goodbye said). */
  finished(): boolean;
}

/** An example the CLI can simulate offline, serve live, or deploy as a worker. */
export interface Example {
  name: string;
  /** One line for `--help` and the README. */
  summary: string;
  start(context: ExampleContext): ExampleRun;
  /** The offline call: what the caller says, and the scripted model that answers. */
  simulation: {
    caller: string[];
    script(): ScriptRule[];
    /** The line drops after this many caller lines; the caller calls back, and the call resumes from its checkpoint. */
    dropsAfter?: number;
  };
}
