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
  /** Every model call made before the session was closed. */
  calls: ModelCall[];
  /** How each played user turn's run ended: 'ok' or the error it rejected with. */
  runs: string[];
  /** Step ids in the order they were entered. */
  entries: string[];
  /** At each model call (in the order of `calls`): the session's agent then, and how many tasks had entered. */
  callTags: CallTag[];
  /** For each user turn said when it was the user's turn: the index in `entries` of the task it was said to. */
  turnEntries: Array<number | undefined>;
  /** What onTaskCompleted received, in order. */
  completions: string[];
  /** The workflow's outcome, normalised; undefined when it had not settled when the session closed. */
  outcome: unknown;
  /** The session was closed mid-conversation (a turn's `closeAfter`), or right after an early turn. */
  closedEarly: boolean;
  /** The early turn was said while the workflow was busy (a task not entered yet, or speech in flight). */
  earlyWhileBusy?: boolean;
  /** Errors the scenario's own code hit (a failed tool update, a workflow error event): none is expected. */
  errors: string[];
  probe: Probe;
  session: voice.AgentSession<any>;
  model: RecordingLLM;
  /** The session's close, started and not awaited: sessions close slowly (see README, Closing). */
  closing: Promise<void>;
}

export interface RunOptions {
  /** A turn that takes longer fails the run (a hang detector, never an assertion on speed). */
  deadlineMs?: number;
  /** Also play the turn after the workflow, to see what the parent agent's context kept. Default true. */
  afterwards?: boolean;
  /**
   * The index of a turn the user says without waiting for the previous one to settle (speech
   * during a transition). What follows is not predictable: the session closes once it settled.
   */
  early?: number;
  /**
   * Close as a user hanging up does (`session.close()`): LiveKit then waits half a second for a
   * spoken turn to commit. Default: close without that wait (see fastClose).
   */
  cleanClose?: boolean;
  /** Runs just before the session starts (a leak check takes its baseline here). */
  beforeStart?: (session: voice.AgentSession<any>) => void;
}

/** Where the workflow stood when the model was called. */
export interface CallTag {
  agent: voice.Agent | undefined;
  entered: number;
}

/** A turn that did not settle before the deadline: the run hung. */
export class StuckError extends Error {}

export async function play(flavor: Flavor, scenario: Scenario, options: RunOptions = {}): Promise<RunLog> {
  const deadlineMs = options.deadlineMs ?? 10_000;
  const model = new RecordingLLM(scenario.turns);
  const session: voice.AgentSession<any> = new voice.AgentSession({ llm: model, userData: {} });
  const probe = new Probe();
  model.tag = (): CallTag => ({ agent: currentAgent(session), entered: probe.entries.length });
  const turnEntries: Array<number | undefined> = [];
  const speech = new Set<voice.SpeechHandle>();
  const onSpeech = ({ speechHandle }: voice.SpeechCreatedEvent) => {
    speech.add(speechHandle);
    speechHandle.addDoneCallback(() => {
      speech.delete(speechHandle);
      probe.notify();
    });
  };
  const runs: string[] = [];
  let calls: ModelCall[] | undefined;
  let callTags: CallTag[] | undefined;
  let closing: Promise<void> | undefined;
  let closedEarly = false;

  const close = (): Promise<void> => {
    session.off(voice.AgentSessionEventTypes.SpeechCreated, onSpeech);
    // What LiveKit does after close (a TaskGroup with returnExceptions runs on and summarizes)
    // is not compared: react-agent-tasks deliberately stops there (README, Errors).
    calls ??= [...model.calls];
    callTags ??= model.tags.slice(0, calls.length) as CallTag[];
    closing ??= options.cleanClose ? session.close() : fastClose(session);
    return closing;
  };

  const userTurn = (): boolean => {
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
        const state = agent instanceof voice.AgentTask ? (agent.done ? 'done' : 'running') : 'an agent';
        reject(
          new StuckError(
            `${flavor}: ${scenario.name}: nothing settled within ${deadlineMs} ms waiting for ${what}; current agent ${agent?.id} (${state}), ` +
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

  /** Sends one user turn; resolves once its run ended and, unless `settle` is false, it is the user's turn again. */
  let earlyWhileBusy: boolean | undefined;
  const say = async (text: string, settle = true): Promise<void> => {
    if (options.early !== undefined && text === scenario.turns[options.early]?.user) earlyWhileBusy = !userTurn();
    noteTurn(text);
    const run = session.run({ userInput: text });
    let ended = false;
    void run
      .wait()
      .then(
        () => runs.push('ok'),
        (error: unknown) => runs.push(error instanceof Error ? error.message : String(error)),
      )
      .finally(() => {
        ended = true;
        probe.notify();
      });
    await until(() => ended && (!settle || userTurn()), `the turn ${JSON.stringify(text)} to ${settle ? 'settle' : 'end'}`);
  };

  /** Which task a user turn goes to, when it is said at the user's turn. */
  const noteTurn = (text: string) => {
    const index = scenario.turns.findIndex((turn) => turn.user === text);
    const agent = currentAgent(session);
    if (index >= 0) turnEntries[index] = userTurn() && !probe.outcome && agent ? probe.entryOf(agent) : undefined;
  };

  options.beforeStart?.(session);
  session.on(voice.AgentSessionEventTypes.SpeechCreated, onSpeech);
  try {
    const history = !!scenario.history;
    await session.start({ agent: flavor === 'plain' ? new PlainParent(scenario.workflow, probe, history) : new JsxParent(scenario.workflow, probe, history) });
    await until(userTurn, 'the first task');
    for (const [index, turn] of scenario.turns.entries()) {
      if (probe.outcome) break;
      if (turn.closeAfter === 'sent') {
        // Close while the model is answering: no waiting for the run at all.
        noteTurn(turn.user);
        void session.run({ userInput: turn.user }).wait().catch(() => {});
        closedEarly = true;
        break;
      }
      const nextIsEarly = options.early === index + 1;
      await say(turn.user, turn.closeAfter !== 'answered' && !nextIsEarly);
      if (turn.closeAfter || options.early === index) {
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
  return {
    flavor,
    calls: calls!,
    callTags: callTags!,
    turnEntries,
    runs,
    entries: probe.entries,
    completions: probe.completions,
    outcome: normalizeOutcome(probe.outcome),
    closedEarly,
    ...(earlyWhileBusy === undefined ? {} : { earlyWhileBusy }),
    errors: probe.errors.map((error) => error.message),
    probe,
    session,
    model,
    closing: closing!,
  };
}

function currentAgent(session: voice.AgentSession<any>): voice.Agent | undefined {
  try {
    return session.currentAgent;
  } catch {
    return undefined;
  }
}

/**
 * Closes without the half second LiveKit 1.9 waits in a clean close for the user's last spoken
 * turn to commit (a close with reason ERROR skips that commit): these sessions have no audio, so
 * no spoken turn is lost. The same way src/testing closes test sessions; everything else about
 * closing (signals, activities, the workflow's reaction) is the same.
 */
export async function fastClose(session: voice.AgentSession<any>): Promise<void> {
  session.shutdown({ drain: false, reason: voice.CloseReason.ERROR });
  // Joins the close shutdown() began (LiveKit keeps one closing task per session).
  await session.close();
}

/** A result as plain data, errors as `{ error: message }`, so results compare with JSON. */
export const asData = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value, (_key, item) => (item instanceof Error ? { error: item.message } : item)));

/** An outcome as data: the result, or `{ failed: message }`. */
export function normalizeOutcome(outcome: Outcome | undefined): unknown {
  if (!outcome) return undefined;
  return outcome.ok ? asData(outcome.value) : { failed: outcome.error.message };
}
