import type { TaskProps } from '../components/Task.js';
import { useSession } from '../hooks/use-session.js';
import type { RetryPolicy } from './retry.js';

/** How the user talks to the agent: `'audio'` (speech, transcribed) or `'text'` (typed). */
export type Modality = 'audio' | 'text';

/** The options every prebuilt collector shares, besides the props of `<Task>`. */
export interface CollectorOptions {
  /** Replaces the collector's built-in instructions entirely. */
  instructions?: string;
  /** Who the agent is ("You are Ava, a friendly receptionist at …"): put before the instructions. */
  persona?: string;
  /** Added after the instructions (context, tone, language). */
  extraInstructions?: string;
  /**
   * Whether a recorded value must be confirmed by the user (a `confirm_<x>` tool) before the task
   * completes. Default: decided per turn from LiveKit's input modality — on when the value came
   * from speech (`speechHandle.inputDetails.modality === 'audio'`, misheard values are common),
   * off when it was typed. `modality` fixes that choice for every turn.
   */
  requireConfirmation?: boolean;
  /**
   * The value is not recorded until the agent has asked for it: the `update_<x>` tool is hidden
   * from the reply generated on entering the task (LiveKit's `ToolFlag.IGNORE_ON_ENTER`), so the
   * reply that asks cannot record anything — not a value from earlier in the conversation (it asks
   * the user to confirm it instead), not a guess. **Default true** (LiveKit's default is false);
   * `false` lets the greeting record a value already in the conversation, as LiveKit does.
   */
  requireExplicitAsk?: boolean;
  /**
   * What happens after repeated invalid attempts: re-phrase, offer keypad entry (collectors of
   * digits with a `keypad`), then fail with a `CaptureFailedError`. Default
   * `{ rephraseAfter: 2, keypadAfter: 3, maxAttempts: 5 }`; `false` never escalates (LiveKit's behaviour).
   */
  retry?: RetryPolicy | false;
  /**
   * Forces how the user is assumed to talk, for phrasing and for the default of
   * `requireConfirmation`. Default: the session's input (audio when it has an audio input, text
   * otherwise) for phrasing, each turn's input modality for confirmation.
   */
  modality?: Modality;
}

/** Props of a prebuilt collector: `<Task>` props (id, description, tools, llm, onComplete, …) plus {@link CollectorOptions}. */
export type CollectorProps<R> = Omit<TaskProps<R>, 'children' | 'instructions'> & CollectorOptions;

/** Splits collector props into what goes to `<Task>` and the collector's own options. */
export function splitCollectorProps<P extends CollectorProps<any>>(
  props: P,
  defaults: { id: string; description: string },
): { task: Omit<TaskProps<any>, 'children' | 'instructions'>; options: CollectorOptions; rest: Omit<P, keyof CollectorProps<any>> } {
  const {
    instructions, persona, extraInstructions, requireConfirmation, requireExplicitAsk, modality, retry,
    step, id, description, chatCtx, tools, preserveFunctionCallHistory, llm, tts, stt, vad, turnHandling, toolHandling, onComplete,
    ...rest
  } = props;
  return {
    task: {
      // A handle gives the id; the default id is for collectors rendered without one.
      step,
      id: step ? id : (id ?? defaults.id),
      description: description ?? defaults.description,
      chatCtx, tools, preserveFunctionCallHistory, llm, tts, stt, vad, turnHandling, toolHandling, onComplete,
    },
    options: { instructions, persona, extraInstructions, requireConfirmation, requireExplicitAsk, modality, retry },
    rest: rest as Omit<P, keyof CollectorProps<any>>,
  };
}

/** The task instructions: persona, then the built-in (or replacing) instructions, then the extra ones. */
export function composeInstructions(builtIn: string, options: CollectorOptions): string {
  return [options.persona, options.instructions ?? builtIn, options.extraInstructions]
    .filter((part): part is string => !!part && part.trim() !== '')
    .join('\n');
}

/**
 * The modality to phrase questions for: the `modality` option, else audio when the session has an
 * audio input (a room with a microphone track), else text.
 */
export function useSessionModality(forced?: Modality): Modality {
  const session = useSession();
  if (forced) return forced;
  return session.input.audio ? 'audio' : 'text';
}

/** How to read input: voice transcripts are noisy, typed text is not. */
export function inputHandling(modality: Modality): string {
  return modality === 'audio'
    ? 'Handle input as noisy voice transcription: normalize spoken forms silently, filter out filler words, and do not mention corrections.'
    : 'Handle input as typed text.';
}
