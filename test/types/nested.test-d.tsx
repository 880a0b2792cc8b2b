/** Type tests: results by path in nested groups, and the prebuilt card as a typed nested group. */
import { expectTypeOf } from 'vitest';
import { TaskGroup, defineGroup, defineTask, optional, runTask, useResult, useWorkflowResults } from 'react-agent-tasks';
import { type CardExpiryResult, CardRestart, type GetCreditCardResult, GetCreditCard, type GetNameResult, defineCreditCard } from 'react-agent-tasks/prebuilt';

const holder = defineTask<{ holder: string }>('holder');
const expiry = defineTask<{ month: number; year: number }>('expiry');
const card = defineGroup('card', { holder, expiry });
const vat = defineTask<string>('vat');
const company = defineGroup('company', { vat }, { mapResult: ({ taskResults }) => taskResults.vat.toUpperCase() });
const checkout = defineGroup({ card, company: optional(company), payment: defineCreditCard('payment') });

export function byPath() {
  const results = useWorkflowResults(checkout);
  expectTypeOf(results['card/expiry']).toEqualTypeOf<{ month: number; year: number } | undefined>();
  expectTypeOf(results.card?.taskResults.expiry.year).toEqualTypeOf<number | undefined>();
  expectTypeOf(results['company/vat']).toEqualTypeOf<string | undefined>();
  // A mapped group's result is what mapResult returns.
  expectTypeOf(results.company).toEqualTypeOf<string | undefined>();
  // The prebuilt card: the card itself, and each inner step (a restart while it starts over).
  expectTypeOf(results.payment).toEqualTypeOf<GetCreditCardResult | undefined>();
  expectTypeOf(results['payment/expiry']).toEqualTypeOf<CardExpiryResult | CardRestart | undefined>();
  expectTypeOf(results['payment/cardholder_name']).toEqualTypeOf<GetNameResult | CardRestart | undefined>();
  // @ts-expect-error a misspelled path
  results['card/expiri'];
  // @ts-expect-error an inner step is addressed by its path, not its bare id
  results.expiry;
  // Inner steps by handle, from anywhere in the workflow.
  expectTypeOf(useResult(expiry)).toEqualTypeOf<{ month: number; year: number } | undefined>();
}

export async function theCardAlone() {
  expectTypeOf(await runTask(GetCreditCard)).toEqualTypeOf<GetCreditCardResult>();
  return (
    <TaskGroup step={checkout}>
      <GetCreditCard step={checkout.steps.payment} />
      {/* @ts-expect-error a card step's handle is a card group */}
      <GetCreditCard step={checkout.steps.card} />
    </TaskGroup>
  );
}
