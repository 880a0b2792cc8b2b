import { llm } from '@livekit/agents';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { CARD_STEP_RULES, CardControls, type CardStepProps } from './card-controls.js';
import { type CardIssuer, cardDigits, cardIssuer, cardNumberProblem, maskCardNumber } from './card.js';
import { Collector } from './Collector.js';
import { composeInstructions, inputHandling } from './collector-props.js';
import { FIELD_LIMITS, bounded } from './text.js';
import type { CaptureSpec } from './use-capture.js';

/** What the card number step of `<GetCreditCard>` completes with. */
export interface CardNumberResult {
  cardNumber: string;
  issuer: CardIssuer;
}

const parameters = z.object({
  card_number: z.string().describe('The card number, digits only (spaces or dashes between groups are fine)'),
});

const spec: CaptureSpec<CardNumberResult, typeof parameters, CardNumberResult> = {
  component: '<GetCreditCard>',
  field: 'card_number',
  declineName: 'card',
  noun: 'card number',
  parameters,
  updateDescription: "Records the user's card number. Call it as soon as you have it.",
  parse: ({ card_number }) => {
    const digits = cardDigits(bounded(card_number, FIELD_LIMITS.cardNumber, 'card number'));
    const problem = cardNumberProblem(digits);
    if (problem) throw new llm.ToolError(`Invalid card number: ${problem}.`);
    return { cardNumber: digits, issuer: cardIssuer(digits) };
  },
  readBack: ({ cardNumber, issuer }) => `a ${issuer} card ${maskCardNumber(cardNumber)}`,
  confirmHint: () => 'Do not read the number back: ask the user to repeat it, then call `confirm_card_number` with the number they repeated.',
  toResult: (value) => value,
  rephrase: 'ask the user to read the number slowly, in groups of four digits.',
  fromKeypad: (digits) => ({ card_number: digits }),
  ask: {
    audio: "Ask for the user's credit card number.",
    text: "Ask the user to type their credit card number.",
  },
};

/** The card number step: Luhn-checked, issuer detected from the leading digits. */
export function GetCardNumber(props: CardStepProps<CardNumberResult>): ReactElement {
  const text = [CARD_STEP_RULES, 'You collect only the card number.', inputHandling(props.modality)].join('\n');
  return (
    <Task step={props.step} tools={props.tools} description="Collects the card number" instructions={composeInstructions(text, props.options)}>
      <Collector spec={spec} options={props.options} modality={props.modality} keypad={props.keypad} />
      <CardControls round={props.round} />
    </Task>
  );
}
