import type { llm } from '@livekit/agents';
import { Fragment, type ReactElement, useState } from 'react';
import { Task } from '../components/Task.js';
import { TaskGroup, type TaskGroupProps } from '../components/TaskGroup.js';
import { useTaskResults } from '../hooks/use-task-results.js';
import type { TaskGroupResult } from '../model/types.js';
import type { CardIssuer } from './card.js';
import { CARD_STEP_RULES, CardControls, requestedRound } from './card-controls.js';
import { Collector } from './Collector.js';
import { type CollectorOptions, type Modality, composeInstructions, useSessionModality } from './collector-props.js';
import { type CardExpiryResult, GetCardExpiry } from './GetCardExpiry.js';
import { type CardNumberResult, GetCardNumber } from './GetCardNumber.js';
import { type GetNameResult, nameCapture, nameInstructions, nameSpec } from './GetName.js';
import type { KeypadInput } from './dtmf.js';
import { formatName } from './name.js';
import { GetSecurityCode, type SecurityCodeResult } from './GetSecurityCode.js';

/** The result of {@link GetCreditCard}. `expirationDate` is `MM/YY`. */
export interface GetCreditCardResult {
  cardholderName: string;
  issuer: CardIssuer;
  cardNumber: string;
  securityCode: string;
  expirationDate: string;
}

/** Props of {@link GetCreditCard}: `<TaskGroup>` props and the collector options, applied to every card step. */
export interface GetCreditCardProps
  extends Omit<TaskGroupProps, 'children' | 'onComplete' | 'mapResult'>,
    Omit<CollectorOptions, 'instructions'> {
  /** Called with the card once every step is done. */
  onComplete?: (card: GetCreditCardResult) => void | Promise<void>;
  /** Today's date, for "expiry in the future". Default `() => new Date()`. */
  today?: () => Date;
  /** Extra tools offered in every card step, e.g. a shared `disqualify`. */
  tools?: llm.ToolContextLike;
  /** Also take the number, expiry (MMYY) and security code typed on the phone keypad (ended with `#`); offered by the retry policy. */
  keypad?: KeypadInput;
}

/** The ids of the card steps, in order: go back to one with `out_of_scope` (`credit_card/expiry`). */
export const CARD_STEPS = { number: 'number', expiry: 'expiry', securityCode: 'security_code', name: 'cardholder_name' } as const;

/** The card from the card steps' results. */
export function creditCardFromResults(taskResults: Record<string, unknown>): GetCreditCardResult {
  const number = taskResults[CARD_STEPS.number] as CardNumberResult;
  const name = taskResults[CARD_STEPS.name] as GetNameResult;
  return {
    cardholderName: formatName('{first_name} {middle_name} {last_name}', name),
    issuer: number.issuer,
    cardNumber: number.cardNumber,
    securityCode: (taskResults[CARD_STEPS.securityCode] as SecurityCodeResult).securityCode,
    expirationDate: (taskResults[CARD_STEPS.expiry] as CardExpiryResult).expirationDate,
  };
}

const cardholder = nameCapture({ lastName: true }, '<GetCreditCard>');
const cardholderSpec = { ...nameSpec(cardholder), component: '<GetCreditCard>', declineName: 'card', noun: 'cardholder name' };

interface StepsProps {
  options: CollectorOptions;
  modality: Modality;
  today: () => Date;
  tools?: llm.ToolContextLike;
  keypad?: KeypadInput;
}

/**
 * The card steps. A restart (a step completing with a CardRestart) moves to the next round: the
 * keyed Fragment remounts every step, so the group finds them all pending and runs them again
 * from the card number, each with fresh state.
 */
function CardSteps({ options, modality, today, tools, keypad }: StepsProps): ReactElement {
  const requested = requestedRound(useTaskResults());
  const [round, setRound] = useState(0);
  // Derived state, set while rendering (React's pattern for state that follows props): the round never goes back.
  if (requested > round) setRound(requested);
  const step = { round, options, modality, tools, keypad };
  const nameText = [
    CARD_STEP_RULES,
    nameInstructions(modality, cardholder),
    'You collect the name on the card (the cardholder), who may not be the caller: ask for the full name as printed on the card, and anchor any confirmation question to the card.',
  ].join('\n');
  // The cardholder may differ from anyone named earlier: the step always asks before it records (as LiveKit's does).
  const cardholderOptions = { ...options, requireExplicitAsk: true };
  return (
    <Fragment key={round}>
      <GetCardNumber id={CARD_STEPS.number} {...step} />
      <GetCardExpiry id={CARD_STEPS.expiry} {...step} today={today} />
      <GetSecurityCode id={CARD_STEPS.securityCode} numberStep={CARD_STEPS.number} {...step} />
      <Task<GetNameResult> id={CARD_STEPS.name} tools={tools} description="Collects the cardholder's name as printed on the card" instructions={composeInstructions(nameText, options)}>
        <Collector spec={cardholderSpec} options={cardholderOptions} modality={modality} />
        <CardControls round={round} />
      </Task>
    </Fragment>
  );
}

/**
 * Collects a payment card as a nested `<TaskGroup>`: card number (Luhn check, issuer detected) →
 * expiration date (in the future) → security code (3 digits, 4 for American Express) → cardholder
 * name. Going back works inside it (`out_of_scope` to `credit_card/expiry`), and every step offers
 * `restart_card_collection`, which starts the whole collection over, and `decline_card_capture`,
 * which fails the group with a `CaptureDeclinedError`.
 *
 * Its result is the card: `{ cardholderName, issuer, cardNumber, securityCode, expirationDate }`.
 * Default id `credit_card`; `sensitive` defaults to true: what the caller said and the tools did
 * stay inside the card steps, out of the shared context, summaries, snapshots and checkpoints
 * (the card reaches only code, through the result). `summarize` defaults to false.
 *
 * @example
 * <TaskGroup>
 *   <GetName />
 *   <GetCreditCard requireConfirmation onComplete={(card) => charge(card)} />
 * </TaskGroup>
 */
export function GetCreditCard(props: GetCreditCardProps): ReactElement {
  const {
    persona, extraInstructions, requireConfirmation, requireExplicitAsk, modality: forced, retry, today, onComplete, tools, keypad,
    id, description, summarize, ...group
  } = props;
  const modality = useSessionModality(forced);
  const options: CollectorOptions = { persona, extraInstructions, requireConfirmation, requireExplicitAsk, modality: forced, retry };
  return (
    <TaskGroup
      collector="GetCreditCard"
      {...group}
      id={id ?? 'credit_card'}
      description={description ?? "Collects the user's credit card details"}
      summarize={summarize ?? false}
      sensitive={group.sensitive ?? true}
      mapResult={({ taskResults }: TaskGroupResult) => creditCardFromResults(taskResults)}
      onComplete={onComplete}
    >
      <CardSteps options={options} modality={modality} today={today ?? (() => new Date())} tools={tools} keypad={keypad} />
    </TaskGroup>
  );
}
