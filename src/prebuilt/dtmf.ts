/** Keypad input helpers shared by `<GetDtmf>`. */
import { FIELD_LIMITS } from './text.js';

/**
 * What `<GetDtmf>` listens to: a LiveKit rtc-node `Room` (it emits `RoomEvent.DtmfReceived`,
 * `'dtmfReceived'`, with `(code, digit, participant)` for SIP keypad presses) or anything with the
 * same `on`/`off`, such as a small EventEmitter in tests.
 */
export interface DtmfSource {
  on(event: 'dtmfReceived', listener: (code: number, digit: string, ...rest: any[]) => void): unknown;
  off(event: 'dtmfReceived', listener: (code: number, digit: string, ...rest: any[]) => void): unknown;
}

/** rtc-node's `RoomEvent.DtmfReceived`, spelled out so the package does not depend on rtc-node at run time. */
export const DTMF_RECEIVED = 'dtmfReceived';

/** The timer functions `<GetDtmf>` uses for the inter-digit timeout; injectable for tests. */
export interface DtmfClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: DtmfClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Keypad entry for a collector of digits (`<GetPhoneNumber keypad={{ room: ctx.room }}>`): entries end with `#` or the timeout. */
export interface KeypadInput {
  /** Where keypad presses come from: the job's rtc-node `Room` (`ctx.room`), or any {@link DtmfSource}. */
  room: DtmfSource;
  /** An entry ends this long after the last key (counted while nobody speaks). Default 5000 ms. */
  interDigitTimeoutMs?: number;
  /** Timer functions for that timeout. Default: the global setTimeout/clearTimeout. */
  clock?: DtmfClock;
}

/** Keys a phone keypad sends. */
export const KEYPAD = /^[0-9*#]$/;

/** "1234" → "1 2 3 4": how digits are read back one by one. */
export function spaced(digits: string): string {
  return [...digits].join(' ');
}

/** Why `digits` is not a valid entry of `numDigits` keypad digits, or null. */
export function digitsProblem(digits: string, numDigits: number | undefined): string | null {
  if (digits === '') return 'no digits were given';
  if (digits.length > FIELD_LIMITS.digits) return `${digits.length} keys were entered; at most ${FIELD_LIMITS.digits} are taken`;
  if (![...digits].every((key) => KEYPAD.test(key))) return `"${digits}" has characters that are not keypad keys (0-9, * and #)`;
  if (numDigits !== undefined && digits.length !== numDigits) return `${numDigits} digits are expected, "${digits}" has ${digits.length}`;
  return null;
}
