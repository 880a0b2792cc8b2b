import { type llm, voice } from '@livekit/agents';
import type { AnyStep } from '../model/group-step.js';
import type { TaskVisit } from '../model/visit.js';

const NOTHING_TO_WAIT_FOR: Promise<void> = Promise.resolve();

/** Fields of a LiveKit AgentTask that belong to its run, not its options: never copied. */
export const RUN_STATE = new Set(['_agentActivity', 'started', 'future', 'inactive', '_oldAgent']);

/** The options a step's AgentTask gets, in the order LiveKit's TaskGroup applies them. */
export interface StepTaskOptions {
  agentOptions: voice.AgentOptions<unknown> & { preserveFunctionCallHistory?: boolean };
  /** The shared context the step starts from (filtered by the step's own tools, as LiveKit does). */
  seed: llm.ChatContext;
  /** Added after seeding (`out_of_scope`), so the seed's filter drops earlier go-back calls, as LiveKit's does. */
  extraTools: llm.ToolContextEntry<any>[];
}

/**
 * The AgentTask of one visit of a step. `run()` is called before its options exist: its
 * synchronous part binds it to the calling agent's activity, which tells a workflow its session
 * before anything renders, so the top-level step is itself the first AgentTask run (a turn right
 * after `session.start()` reaches it, as with a plain AgentTask). `configure()` then applies the
 * options before LiveKit starts the task's activity (that waits on the session's activity lock).
 */
export class StepAgentTask extends voice.AgentTask<unknown> {
  step: AnyStep | null = null;
  visit: TaskVisit | null = null;
  /** A group's work: LiveKit's TaskGroup also runs its steps from onEnter. */
  groupWork: (() => Promise<void>) | null = null;

  constructor() {
    super({ instructions: '' });
  }

  /** The agent whose activity this task paused: known as soon as `run()` was called. */
  get caller(): voice.Agent | undefined {
    return this._oldAgent;
  }

  /**
   * Applies the options through LiveKit's own constructor and update methods (on a template, so
   * every option gets LiveKit's exact treatment), then takes the template's option fields.
   * `test/core/step-agent-task.test.ts` pins the fields this relies on.
   */
  configure({ agentOptions, seed, extraTools }: StepTaskOptions): void {
    const template = new voice.AgentTask<unknown>(agentOptions);
    void template.updateChatCtx(seed);
    if (extraTools.length > 0) void template.updateTools([...template.toolCtx.tools, ...extraTools]);
    const fields = this as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(template)) {
      if (!RUN_STATE.has(key)) fields[key] = value;
    }
  }

  /**
   * Lets go of the workflow once it ended: LiveKit may keep a finished task reachable (run
   * results name the agents of each hand-off), and its tools would otherwise hold the tree.
   */
  release(): void {
    this.step = null;
    this.visit = null;
    this.groupWork = null;
  }

  override async onEnter(): Promise<void> {
    if (this.groupWork) return this.groupWork();
    this.visit?.enter();
  }

  override onExit(): Promise<void> {
    return this.visit?.exit() ?? NOTHING_TO_WAIT_FOR;
  }
}
