/**
 * Drives one scripted conversation on a real `voice.AgentSession` (no room, no network) through
 * either implementation. Readiness is a fact, never a sleep: the plain tasks report from their
 * onEnter, the JSX workflow from its `entered` event.
 */
// Both flavors close the same way: without LiveKit's 500 ms wait for a spoken turn no bench session has.
import { closeTestSession } from '../src/testing/close-test-session.js';
import { llm, voice } from '@livekit/agents';
import type { ReactElement } from 'react';
import { createAgent } from 'react-agent-tasks';
import type { beta } from '@livekit/agents';
import { PlainWorkflowAgent } from './plain.js';
import type { Script } from './script.js';
import { Tracker } from './tracker.js';

export type Flavor = 'plain' | 'jsx';
export const FLAVORS: Flavor[] = ['plain', 'jsx'];

/** One workflow, its script, and both ways of writing it. */
export interface Workload {
  script: Script;
  model: voice.testing.FakeLLM;
  plain: (tracker: Tracker, chatCtx: llm.ChatContext) => beta.TaskGroup;
  jsx: (tracker: Tracker) => ReactElement;
}

export interface ToolCallRecord {
  name: string;
  args: unknown;
  isError: boolean;
}

export interface Outcome {
  taskResults: Record<string, unknown>;
  toolCalls: ToolCallRecord[];
  stepChanges: number[];
}

const AGENT_INSTRUCTIONS = 'You are a recruiter screening a candidate.';

export function workload(script: Script, plain: Workload['plain'], jsx: Workload['jsx']): Workload {
  const model = new voice.testing.FakeLLM(script.responses);
  // One scripted model serves every session of a run; each live session listens to it.
  model.setMaxListeners(0);
  return { script, plain, jsx, model };
}

let sessionsCreated = 0;
let sessionsCollected = 0;
const collected = new FinalizationRegistry<undefined>(() => {
  sessionsCollected++;
});

/** Sessions created by this process that the garbage collector has not reclaimed yet. */
export const sessionsAlive = (): number => sessionsCreated - sessionsCollected;

/** A started session and how far its script has been played. */
export class Conversation {
  readonly tracker = new Tracker();
  readonly toolCalls: ToolCallRecord[] = [];
  readonly result: Promise<{ taskResults: Record<string, unknown> }>;
  private settle!: { resolve(result: unknown): void; reject(error: unknown): void };
  private played = 0;
  private expectedEntries = 1;
  readonly session: voice.AgentSession<any>;

  constructor(
    readonly flavor: Flavor,
    readonly work: Workload,
    recordToolCalls: boolean,
  ) {
    this.result = new Promise((resolve, reject) => {
      this.settle = { resolve: resolve as (result: unknown) => void, reject };
    });
    this.result.catch(() => {});
    this.session = new voice.AgentSession({ llm: work.model, userData: {} });
    sessionsCreated++;
    collected.register(this.session, undefined);
    if (recordToolCalls) {
      this.session.on(voice.AgentSessionEventTypes.FunctionToolsExecuted, (event) => {
        event.functionCalls.forEach((call, i) => {
          this.toolCalls.push({ name: call.name, args: JSON.parse(call.args), isError: event.functionCallOutputs[i]?.isError ?? false });
        });
      });
    }
  }

  async start(): Promise<void> {
    const { tracker, settle } = this;
    const agent =
      this.flavor === 'plain'
        ? new PlainWorkflowAgent(this.work.plain, tracker, settle)
        : createAgent(this.work.jsx(tracker), {
            instructions: AGENT_INSTRUCTIONS,
            onEvent: (event) => {
              if (event.type === 'entered') tracker.entered(event.id);
            },
            onResult: (result) => settle.resolve(result),
            onError: (error) => settle.reject(error),
          });
    await this.session.start({ agent });
  }

  /** Plays the next `count` turns of the script (all remaining ones by default). */
  async play(count = this.work.script.turns.length - this.played): Promise<void> {
    const turns = this.work.script.turns.slice(this.played, this.played + count);
    for (const turn of turns) {
      await Promise.race([this.tracker.waitForEntry(this.expectedEntries, turn.task), this.result.then(() => Promise.reject(new Error('workflow ended early')))]);
      try {
        await this.session.run({ userInput: turn.user }).wait();
      } catch (error) {
        if (!turn.goesBack || !String((error as Error)?.message ?? error).includes('out_of_scope')) throw error;
      }
      if (turn.then) this.expectedEntries++;
      this.played++;
    }
  }

  /**
   * Waits for the workflow's result and closes the session. A closing session idles about half
   * a second in LiveKit (it waits for a final transcript that never comes without STT), so a
   * benchmark closes later: with `close: 'background'` the close starts now and its promise is
   * pushed to `closing`; with `close: 'later'` a function that starts it is pushed instead.
   */
  async finish(close: CloseMode = 'now', closing: Array<Promise<void> | (() => Promise<void>)> = []): Promise<Outcome> {
    try {
      const { taskResults } = await this.result;
      return { taskResults, toolCalls: this.toolCalls, stepChanges: this.tracker.stepChanges };
    } finally {
      if (close === 'later') closing.push(() => closeTestSession(this.session));
      else if (close === 'background') closing.push(closeTestSession(this.session));
      else await closeTestSession(this.session);
    }
  }
}

export type CloseMode = 'now' | 'background' | 'later';

export interface ConverseOptions {
  /** Record every tool call (name, parsed args, error flag): the equal-work check. */
  recordToolCalls?: boolean;
  /** When to close the session; see Conversation.finish(). Default 'now'. */
  close?: CloseMode;
  /** Receives the close promises ('background') or close functions ('later'). */
  closing?: Array<Promise<void> | (() => Promise<void>)>;
}

/** Starts a session, plays the whole script and returns what it produced. */
export async function converse(flavor: Flavor, work: Workload, options: ConverseOptions = {}): Promise<Outcome> {
  const conversation = new Conversation(flavor, work, options.recordToolCalls ?? false);
  try {
    await conversation.start();
    await conversation.play();
  } catch (error) {
    await closeTestSession(conversation.session);
    throw error;
  }
  return conversation.finish(options.close, options.closing);
}

/** Runs what converse() collected: awaits the promises, starts and awaits the functions. */
export async function closeAll(closing: Array<Promise<void> | (() => Promise<void>)>): Promise<void> {
  await Promise.all(closing.map((close) => (typeof close === 'function' ? close() : close)));
}
