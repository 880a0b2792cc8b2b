import type { llm } from '@livekit/agents';
import { Fragment, type ReactElement, useMemo, useState } from 'react';
import { Task } from '../components/Task.js';
import { TaskGroup, type TaskGroupProps } from '../components/TaskGroup.js';
import { useTaskResults } from '../hooks/use-task-results.js';
import { CARD_STEP_RULES, CardControls, requestedRound } from './card-controls.js';
import { Collector } from './Collector.js';
import { type CollectorOptions, type Modality, composeInstructions, useSessionModality } from './collector-props.js';
import { type CreditCardHandle, type GetCreditCardResult, creditCardStep, defineCreditCard } from './credit-card.js';
import { GetCardExpiry } from './GetCardExpiry.js';
import { GetCardNumber } from './GetCardNumber.js';
import { nameCapture, nameInstructions, nameSpec } from './GetName.js';
import type { KeypadInput } from './dtmf.js';
import { GetSecurityCode } from './GetSecurityCode.js';

export { CARD_STEPS, type GetCreditCardResult, creditCardFromResults } from './credit-card.js';

/** Props of {@link GetCreditCard}: `<TaskGroup>` props and the collector options, applied to every card step. */
export interface GetCreditCardProps
  extends Omit<TaskGroupProps, 'children' | 'onComplete' | 'mapResult' | 'returnExceptions'>,
    Omit<CollectorOptions, 'instructions'> {
  /**
   * The card step's handle, `defineCreditCard(id?)`, when the card is a step of your own
   * `defineGroup`: gives the id, and types the card and its inner steps (`credit_card/expiry`).
   */
  step?: CreditCardHandle;
  /** Called with the card once every step is done. */
  onComplete?: (card: GetCreditCardResult) => void | Promise<void>;
  /** Today's date, for "expiry in the future". Default `() => new Date()`. */
  today?: () => Date;
  /** Extra tools offered in every card step, e.g. a shared `disqualify`. */
  tools?: llm.ToolContextLike;
  /** Also take the number, expiry (MMYY) and security code typed on the phone keypad (ended with `#`); offered by the retry policy. */
  keypad?: KeypadInput;
}

const cardholder = nameCapture({ lastName: true }, '<GetCreditCard>');
const cardholderSpec = { ...nameSpec(cardholder), component: '<GetCreditCard>', declineName: 'card', noun: 'cardholder name' };

interface StepsProps {
  card: CreditCardHandle;
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
function CardSteps({ card, options, modality, today, tools, keypad }: StepsProps): ReactElement {
  const requested = requestedRound(useTaskResults(card));
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
      <GetCardNumber step={card.steps.number} {...step} />
      <GetCardExpiry step={card.steps.expiry} {...step} today={today} />
      <GetSecurityCode step={card.steps.security_code} numberStep={card.steps.number} {...step} />
      <Task step={card.steps.cardholder_name} tools={tools} description="Collects the cardholder's name as printed on the card" instructions={composeInstructions(nameText, options)}>
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
    id, description, summarize, step, ...group
  } = props;
  const card = useMemo(() => step ?? (id === undefined || id === creditCardStep.id ? creditCardStep : defineCreditCard(id)), [step, id]);
  const modality = useSessionModality(forced);
  const options: CollectorOptions = { persona, extraInstructions, requireConfirmation, requireExplicitAsk, modality: forced, retry };
  return (
    <TaskGroup
      collector="GetCreditCard"
      {...group}
      step={card}
      description={description ?? "Collects the user's credit card details"}
      summarize={summarize ?? false}
      sensitive={group.sensitive ?? true}
      onComplete={onComplete}
    >
      <CardSteps card={card} options={options} modality={modality} today={today ?? (() => new Date())} tools={tools} keypad={keypad} />
    </TaskGroup>
  );
}
