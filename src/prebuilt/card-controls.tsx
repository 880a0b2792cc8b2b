import { llm } from '@livekit/agents';
import type { TaskHandle } from '../model/step-handle.js';
import type { CollectorOptions, Modality } from './collector-props.js';
import type { KeypadInput } from './dtmf.js';
import { z } from 'zod';
import { useComplete } from '../hooks/use-complete.js';
import { useTool } from '../hooks/use-tool.js';

/**
 * What a card step completes with when the user asks to start over. `<GetCreditCard>` sees it
 * among its group's results, remounts every card step (fresh, all pending) and the group runs
 * them again from the card number; each step's real result then replaces it.
 */
export class CardRestart {
  constructor(
    /** The collection round that starts: one more than the round that asked. */
    readonly round: number,
    readonly reason: string,
  ) {}
}

/** The latest collection round asked for by a restart among `results`, 0 if none. */
export function requestedRound(results: Readonly<Record<string, unknown>>): number {
  return Object.values(results).reduce<number>((round, result) => (result instanceof CardRestart ? Math.max(round, result.round) : round), 0);
}

const restartParameters = z.object({
  reason: z.string().describe('A short explanation of why the user wants to start over'),
});

/** The card-wide tool every step of `<GetCreditCard>` offers: start the whole collection over. */
export function CardControls({ round }: { round: number }): null {
  const complete = useComplete();
  useTool('restart_card_collection', {
    description: 'Call when the user wants to start the card details over, for example to use another card.',
    parameters: restartParameters,
    flags: llm.ToolFlag.IGNORE_ON_ENTER,
    execute: ({ reason }) => complete(new CardRestart(round + 1, reason)),
  });
  return null;
}

/** What `<GetCreditCard>` gives each of its steps; `R` is the step's own result. */
export interface CardStepProps<R> {
  /** The step's handle (one of `cardSteps`): its id, and its result (or a restart). */
  step: TaskHandle<R | CardRestart>;
  /** The collection round: a restart asks for the next one. */
  round: number;
  options: CollectorOptions;
  modality: Modality;
  /** Extra tools offered in every card step. */
  tools?: llm.ToolContextLike;
  /** Keypad entry for the steps of digits. */
  keypad?: KeypadInput;
}

/** The lines every card step's instructions share. */
export const CARD_STEP_RULES = [
  'You are one step in collecting credit card details, in a natural conversational tone, without lists.',
  'Never repeat sensitive details such as the card number or security code back to the user.',
  'If the user refuses to give a card detail, call `decline_card_capture`. If they want to start over or use another card, call `restart_card_collection`.',
].join('\n');
