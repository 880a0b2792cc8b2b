/**
 * The card as data: the steps of `<GetCreditCard>` as handles, the group they form, and the card
 * built from their results. A workflow that lists the card in its own `defineGroup` uses
 * `defineCreditCard()`, so the card's inner steps (`credit_card/expiry`) are typed there too.
 */
import { type GroupHandle, type GroupResults, defineGroup, defineTask } from '../model/step-handle.js';
import type { CardIssuer } from './card.js';
import { CardRestart } from './card-controls.js';
import type { CardExpiryResult } from './GetCardExpiry.js';
import type { CardNumberResult } from './GetCardNumber.js';
import type { GetNameResult } from './GetName.js';
import type { SecurityCodeResult } from './GetSecurityCode.js';
import { formatName } from './name.js';

/** The result of {@link GetCreditCard}. `expirationDate` is `MM/YY`. */
export interface GetCreditCardResult {
  cardholderName: string;
  issuer: CardIssuer;
  cardNumber: string;
  securityCode: string;
  expirationDate: string;
}

/** The ids of the card steps, in order: go back to one with `out_of_scope` (`credit_card/expiry`). */
export const CARD_STEPS = { number: 'number', expiry: 'expiry', securityCode: 'security_code', name: 'cardholder_name' } as const;

/**
 * The card steps' handles. Each result is a {@link CardRestart} while the collection starts over
 * (the step asked for it; the step then runs again and its real result replaces it).
 */
export const cardSteps = {
  number: defineTask<CardNumberResult | CardRestart>(CARD_STEPS.number),
  expiry: defineTask<CardExpiryResult | CardRestart>(CARD_STEPS.expiry),
  security_code: defineTask<SecurityCodeResult | CardRestart>(CARD_STEPS.securityCode),
  cardholder_name: defineTask<GetNameResult | CardRestart>(CARD_STEPS.name),
};

/** The card group's handle type: its steps, and the card as its result. */
export type CreditCardHandle = GroupHandle<typeof cardSteps, GetCreditCardResult, false>;

/** The card from the card steps' results (every step has completed, none with a restart). */
export function creditCardFromResults(taskResults: GroupResults<typeof cardSteps>): GetCreditCardResult {
  const number = settled(taskResults.number);
  return {
    cardholderName: formatName('{first_name} {middle_name} {last_name}', settled(taskResults.cardholder_name)),
    issuer: number.issuer,
    cardNumber: number.cardNumber,
    securityCode: settled(taskResults.security_code).securityCode,
    expirationDate: settled(taskResults.expiry).expirationDate,
  };
}

function settled<R>(result: R | CardRestart): R {
  // The group finishes only after the restarted round ran every step again.
  if (result instanceof CardRestart) throw new Error('react-agent-tasks: <GetCreditCard> finished with a restart pending');
  return result;
}

/**
 * The handle of a `<GetCreditCard>` step with this id (default `credit_card`), for a workflow's
 * `defineGroup`: render it with `<GetCreditCard step={…}>`; its result is the card, and its inner
 * steps' results are typed by path (`credit_card/expiry`).
 *
 * @example
 * const booking = defineGroup({ name, credit_card: defineCreditCard() });
 * <GetCreditCard step={booking.steps.credit_card} />
 */
export function defineCreditCard(id = 'credit_card'): CreditCardHandle {
  return defineGroup(id, cardSteps, { mapResult: ({ taskResults }) => creditCardFromResults(taskResults) });
}

/** The handle `<GetCreditCard>` uses when it is given none and no other id. */
export const creditCardStep = defineCreditCard();
