import { llm } from '@livekit/agents';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { useResult } from '../hooks/use-result.js';
import type { TaskHandle } from '../model/step-handle.js';
import { CARD_STEP_RULES, CardControls, CardRestart, type CardStepProps } from './card-controls.js';
import { type CardIssuer, securityCodeLength, securityCodeProblem } from './card.js';
import type { CardNumberResult } from './GetCardNumber.js';
import { Collector } from './Collector.js';
import { composeInstructions, inputHandling } from './collector-props.js';
import { FIELD_LIMITS, bounded } from './text.js';
import type { CaptureSpec } from './use-capture.js';

/** What the security code step of `<GetCreditCard>` completes with. */
export interface SecurityCodeResult {
  securityCode: string;
}

const parameters = z.object({
  security_code: z.string().describe('The security code (CVV/CVC) printed on the card, digits only'),
});

function codeSpec(issuer: CardIssuer | undefined): CaptureSpec<SecurityCodeResult, typeof parameters, SecurityCodeResult> {
  const length = securityCodeLength(issuer);
  const which = length ? `the ${length}-digit security code` : 'the security code';
  return {
    component: '<GetCreditCard>',
    field: 'security_code',
    declineName: 'card',
    noun: 'security code',
    parameters,
    updateDescription: "Records the card's security code. Call it as soon as you have it.",
    parse: ({ security_code }) => {
      const code = bounded(security_code, FIELD_LIMITS.securityCode, 'security code').replace(/\s/g, '');
      const problem = securityCodeProblem(code, issuer);
      if (problem) throw new llm.ToolError(`Invalid security code: ${problem}.`);
      return { securityCode: code };
    },
    readBack: () => 'the code the user gave (do not repeat it)',
    confirmHint: () => 'Do not read it back: ask the user to repeat it, then call `confirm_security_code` with what they repeated.',
    toResult: (value) => value,
    rephrase: `ask for ${which} again, digit by digit: it is printed on the ${issuer === 'American Express' ? 'front' : 'back'} of the card.`,
    fromKeypad: (digits) => ({ security_code: digits }),
    ask: { audio: `Ask for ${which} of the card.`, text: `Ask the user to type ${which} of the card.` },
  };
}

/** The security code step: 3 digits, or 4 for American Express (the issuer comes from the number step). */
export function GetSecurityCode(props: CardStepProps<SecurityCodeResult> & { numberStep: TaskHandle<CardNumberResult | CardRestart> }): ReactElement {
  const number = useResult(props.numberStep);
  const issuer = number instanceof CardRestart ? undefined : number?.issuer;
  const text = [CARD_STEP_RULES, "You collect only the card's security code.", inputHandling(props.modality)].join('\n');
  return (
    <Task step={props.step} tools={props.tools} description="Collects the card's security code" instructions={composeInstructions(text, props.options)}>
      <Collector spec={codeSpec(issuer)} options={props.options} modality={props.modality} keypad={props.keypad} />
      <CardControls round={props.round} />
    </Task>
  );
}
