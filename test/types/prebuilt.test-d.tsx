/** Type tests: the prebuilt collectors are typed the same way as your own steps. */
import { expectTypeOf } from 'vitest';
import { TaskGroup, createAgent, defineGroup, defineTask, runTask, useTaskResults } from 'react-agent-tasks';
import {
  CollectConsent,
  GetAddress,
  type GetAddressResult,
  GetDateOfBirth,
  type GetDateOfBirthResult,
  GetDtmf,
  type GetDtmfResult,
  GetEmail,
  type GetEmailResult,
  GetName,
  type GetNameResult,
  GetPhoneNumber,
  type GetPhoneNumberResult,
  WarmTransfer,
  type WarmTransferResult,
  type TransferLine,
  type DtmfSource,
} from 'react-agent-tasks/prebuilt';

declare const line: TransferLine;
declare const room: DtmfSource;

export async function runningACollector() {
  expectTypeOf(await runTask(GetName, { lastName: true })).toEqualTypeOf<GetNameResult>();
  expectTypeOf(await runTask(GetEmail)).toEqualTypeOf<GetEmailResult>();
  expectTypeOf(await runTask(GetPhoneNumber, { defaultCountryCode: 'US' })).toEqualTypeOf<GetPhoneNumberResult>();
  expectTypeOf(await runTask(GetAddress)).toEqualTypeOf<GetAddressResult>();
  expectTypeOf(await runTask(GetDateOfBirth)).toEqualTypeOf<GetDateOfBirthResult>();
  expectTypeOf(await runTask(GetDtmf, { room })).toEqualTypeOf<GetDtmfResult>();
  expectTypeOf(await runTask(CollectConsent)).toEqualTypeOf<boolean>();
  expectTypeOf(await runTask(WarmTransfer, { line })).toEqualTypeOf<WarmTransferResult>();
  // @ts-expect-error a name result has no taskResults
  (await runTask(GetName)).taskResults;
  // @ts-expect-error a collector's props are checked: GetDtmf needs its room
  await runTask(GetDtmf, {});
  createAgent(GetEmail, { requireConfirmation: true }, {
    onResult: (result) => {
      expectTypeOf(result.emailAddress).toBeString();
    },
  });
}

const name = defineTask<GetNameResult>('name');
const email = defineTask<GetEmailResult>('email');
const phone_number = defineTask<GetPhoneNumberResult>('phone_number');
const booking = defineGroup({ name, email, phone_number }, { returnExceptions: true });

export function inAGroup() {
  const results = useTaskResults(booking);
  expectTypeOf(results.phone_number).toEqualTypeOf<GetPhoneNumberResult | Error | undefined>();
  return (
    <TaskGroup step={booking}>
      <GetName step={name} lastName onComplete={(result) => void expectTypeOf(result).toEqualTypeOf<GetNameResult>()} />
      <GetEmail step={email} />
      {/* @ts-expect-error a phone number collector cannot fill the email step */}
      <GetPhoneNumber step={email} />
    </TaskGroup>
  );
}
