import { llm } from '@livekit/agents';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { CARD_STEP_RULES, CardControls, type CardStepProps } from './card-controls.js';
import { Collector } from './Collector.js';
import { composeInstructions, inputHandling } from './collector-props.js';
import { expiryProblem, fullExpiryYear, pad2 } from './dates.js';
import type { CaptureSpec } from './use-capture.js';

/** What the expiry step of `<GetCreditCard>` completes with: `MM/YY`. */
export interface CardExpiryResult {
  expirationDate: string;
}

const parameters = z.object({
  month: z.number().int().describe('Expiry month, 1-12'),
  year: z.number().int().describe('Expiry year, two digits (29) or four (2029)'),
});

function expirySpec(today: () => Date): CaptureSpec<CardExpiryResult, typeof parameters, CardExpiryResult> {
  return {
    component: '<GetCreditCard>',
    field: 'expiration_date',
    declineName: 'card',
    noun: 'expiration date',
    parameters,
    updateDescription: "Records the card's expiration month and year. Call it as soon as you have both.",
    parse: ({ month, year }) => {
      const problem = expiryProblem(month, year, today());
      if (problem) throw new llm.ToolError(`Invalid expiration date: ${problem}.`);
      return { expirationDate: `${pad2(month)}/${pad2(fullExpiryYear(year) % 100)}` };
    },
    readBack: ({ expirationDate }) => expirationDate,
    confirmHint: () => 'Do not read it back: ask the user to repeat the expiration date, then call `confirm_expiration_date` with what they repeated.',
    toResult: (value) => value,
    rephrase: 'ask for the month and the year as printed on the card, e.g. "zero four, twenty-nine".',
    // MMYY, as printed on the card.
    fromKeypad: (digits) => ({ month: /^\d{4}$/.test(digits) ? Number(digits.slice(0, 2)) : 0, year: /^\d{4}$/.test(digits) ? Number(digits.slice(2)) : -1 }),
    ask: { audio: "Ask for the card's expiration date.", text: "Ask the user to type the card's expiration date (MM/YY)." },
  };
}

/** The expiry step: a real month, not in the past. */
export function GetCardExpiry(props: CardStepProps<CardExpiryResult> & { today: () => Date }): ReactElement {
  const text = [CARD_STEP_RULES, "You collect only the card's expiration date: month and year.", inputHandling(props.modality)].join('\n');
  return (
    <Task step={props.step} tools={props.tools} description="Collects the card's expiration date" instructions={composeInstructions(text, props.options)}>
      <Collector spec={expirySpec(props.today)} options={props.options} modality={props.modality} keypad={props.keypad} />
      <CardControls round={props.round} />
    </Task>
  );
}
