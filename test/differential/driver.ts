/**
 * Plays a scenario on a real `voice.AgentSession` (no room, no network) with either interpreter
 * and returns what the model was shown and how the workflow settled.
 *
 * It is the user's turn when the run is done, no speech is in flight, and either the session's
 * current agent is a task that has finished entering and is not done, or the workflow settled.
 * Those are facts both interpreters report alike (probe.ts); time is used only as a failure
 * detector: a turn that does not settle within `deadlineMs` fails with where it stood.
 */
import { voice } from '@livekit/agents';
import { JsxParent } from './jsx.js';
import { PlainParent } from './plain.js';
import { type Outcome, Probe } from './probe.js';
import { type ModelCall, RecordingLLM } from './recorder.js';
import { AFTERWARDS, type Scenario } from './spec.js';

export type Flavor = 'plain' | 'jsx';

export interface RunLog {
  flavor: Flavor;
  calls: ModelCall[];
  /** How each played user turn's run ended: 'ok' or the error it rejected with. */
  runs: string[];
  /** Step ids in the order they were entered. */
  entries: string[];
  /** What onTaskCompleted received, in order. */
  completions: string[];
  /** The workflow's outcome, normalised; undefined when it had not settled when the session closed. */
  outcome: unknown;
  closedEarly: boolean;
  /** Errors the scenario's own code hit (a failed tool update): none is expected. */
  errors: string[];
  /** The session's close, started and not awaited: sessions close slowly (see README, Closing). */
  closing: Promise<void>;
}

export interface RunOptions {
  /** A turn that takes longer fails the run (a hang detector, never an assertion on speed). */
  deadlineMs?: number;
  /** Also play the turn after the workflow, to see what the parent agent's context kept. Default true. */
  afterwards?: boolean;
}

export class StuckError extends Error {}

export async function play(flavor: Flavor, scenario: Scenario, options: RunOptions = {}): Promise<RunLog> {
  const model = new RecordingLLM(scenario.turns);
  const session = new voice.AgentSession({ llm: model, userData: {} });
  const probe = new Probe();
  const speech = new Set<voice.SpeechHandle>();
  const onSpeech = ({ speechHandle }: voice.SpeechCreatedEvent) => {
    speech.add(speechHandle);
    speechHandle.addDoneCallback(() => {
      speech.delete(speechHandle);
      probe.notify();
    });
  };
  session.on(voice.AgentSessionEventTypes.SpeechCreated, onSpeech);
  const runs: string[] = [];
  let closing: Promise<void> | undefined;
  const close = () => {
    session.off(voice.AgentSessionEventTypes.SpeechCreated, onSpeech);
    // What LiveKit does after close (a TaskGroup with returnExceptions runs on and summarizes)
    // is not compared: react-agent-tasks deliberately stops there (README, Errors).
    calls ??= [...model.calls];
    closing ??= session.close();
    return closing;
  };
  let calls: ModelCall[] | undefined;

  const userTurn = () => {
    if (speech.size > 0) return false;
    if (probe.outcome) return true;
    const agent = session.currentAgent;
    return agent instanceof voice.AgentTask && probe.hasEntered(agent) && !agent.done;
  };
  const until = (fact: () => boolean, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (!fact()) return;
        stop();
        resolve();
      };
      const timer = setTimeout(() => {
        stop();
        const agent = session.currentAgent;
        reject(
          new StuckError(
            `${flavor}: ${scenario.name}: no user turn within ${deadlineMs} ms waiting for ${what}; ` +
              `current agent ${agent?.id} (${agent instanceof voice.AgentTask ? (agent.done ? 'done' : 'running') : 'agent'}), ` +
              `${speech.size} speech(es) in flight, entered ${JSON.stringify(probe.entries)}`,
          ),
        );
      }, deadlineMs);
      const stopListening = probe.listen(check);
      const stop = () => {
        clearTimeout(timer);
        stopListening();
      };
      check();
    });
  const deadlineMs = options.deadlineMs ?? 10_000;

  let closedEarly = false;
  try {
    await session.start({ agent: flavor === 'plain' ? new PlainParent(scenario.workflow, probe, !!scenario.history) : new JsxParent(scenario.workflow, probe, !!scenario.history) });
    await until(userTurn, 'the first task');
    for (const turn of scenario.turns) {
      if (probe.outcome) break;
      await say(turn.user);
      if (turn.closeAfter) {
        closedEarly = true;
        break;
      }
    }
    if (!closedEarly && probe.outcome && (options.afterwards ?? true)) await say(AFTERWARDS);
  } catch (error) {
    void close();
    throw error;
  }
  void close();
  return { flavor, calls: calls!, runs, entries: probe.entries, completions: probe.completions, outcome: normalizeOutcome(probe.outcome), closedEarly, errors: probe.errors.map((error) => error.message), closing: closing! };

  async function say(text: string): Promise<void> {
    const run = session.run({ userInput: text });
    let ended = false;
    void run.wait().then(
      () => runs.push('ok'),
      (error: unknown) => runs.push(error instanceof Error ? error.message : String(error)),
    ).finally(() => {
      ended = true;
      probe.notify();
    });
    await until(() => ended && userTurn(), `the turn ${JSON.stringify(text)} to settle`);
  }
}

/** Results with errors as `{ error: message }`, so outcomes compare as data. */
export function normalizeOutcome(outcome: Outcome | undefined): unknown {
  if (!outcome) return undefined;
  if (!outcome.ok) return { failed: outcome.error.message };
  return JSON.parse(JSON.stringify(outcome.value, (_key, value) => (value instanceof Error ? { error: value.message } : value)));
}
