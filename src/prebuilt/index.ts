/**
 * react-agent-tasks/prebuilt: the collectors voice agents need most, as `<Task>` components with
 * typed results. Each shares LiveKit's collector behaviour: `update_<x>` validates and records,
 * `confirm_<x>` appears once a value is recorded, `decline_<x>_capture` fails the task with a
 * CaptureDeclinedError; repeated invalid attempts escalate by the retry policy and end in a
 * CaptureFailedError.
 */
export { CollectConsent, type CollectConsentProps } from './CollectConsent.js';
export { GetAddress, formatAddress, type GetAddressProps, type GetAddressResult } from './GetAddress.js';
export { CARD_STEPS, GetCreditCard, creditCardFromResults, type GetCreditCardProps, type GetCreditCardResult } from './GetCreditCard.js';
export { type CreditCardHandle, cardSteps, creditCardStep, defineCreditCard } from './credit-card.js';
export { CardRestart } from './card-controls.js';
export type { CardNumberResult } from './GetCardNumber.js';
export type { CardExpiryResult } from './GetCardExpiry.js';
export type { SecurityCodeResult } from './GetSecurityCode.js';
export { GetDateOfBirth, type GetDateOfBirthProps, type GetDateOfBirthResult } from './GetDateOfBirth.js';
export { GetDtmf, type GetDtmfProps, type GetDtmfResult } from './GetDtmf.js';
export { GetEmail, type GetEmailProps, type GetEmailResult } from './GetEmail.js';
export { GetName, type GetNameProps, type GetNameResult } from './GetName.js';
export { GetPhoneNumber, type GetPhoneNumberProps, type GetPhoneNumberResult } from './GetPhoneNumber.js';
export { CaptureDeclinedError, CaptureFailedError } from './errors.js';
export { WarmTransfer, briefingInstructions, type WarmTransferProps } from './WarmTransfer.js';
export { TransferFailedError, type TransferFailure, type WarmTransferResult } from './warm-transfer.js';
export type { HumanAgentCall, TransferDialRequest, TransferLine } from './transfer-line.js';
export { livekitTransferLine, type LiveKitTransferLineOptions } from './livekit-transfer-line.js';
export type { CollectorOptions, CollectorProps, Modality } from './collector-props.js';
export type { RetryPolicy } from './retry.js';
export type { DtmfClock, DtmfSource, KeypadInput } from './dtmf.js';
export { FIELD_LIMITS } from './text.js';
export { type CardIssuer, cardIssuer, passesLuhn } from './card.js';
export { emailProblem, normalizeEmail } from './email.js';
export { normalizePhoneNumber, phoneNumberProblem } from './phone.js';
export { isCalendarDate } from './dates.js';
