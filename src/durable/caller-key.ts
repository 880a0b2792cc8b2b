import { createHash, createHmac } from 'node:crypto';
import { misuse } from '../model/errors.js';

/** The parts of a LiveKit room and its caller that identify a returning caller. */
export interface CallerInfo {
  /** The caller: for a phone call, the SIP participant (its attributes hold `sip.phoneNumber`). */
  participant?: { identity?: string; attributes?: Readonly<Record<string, string>> };
  /** The room: its `metadata` (JSON text) may name the caller, e.g. a customer id set by your backend. */
  room?: { name?: string; metadata?: string };
}

export interface CallerKeyOptions {
  /** Starts every key, to keep workflows apart. Default `'call'`. */
  namespace?: string;
  /** The room metadata field naming the caller when the call is not a phone call. */
  metadataField?: string;
  /**
   * A secret for HMAC-SHA-256 of the identifier. Without it the identifier is hashed with plain
   * SHA-256, which keeps phone numbers out of key listings and logs but can be reversed by trying
   * every number: pass a secret where that matters.
   */
  secret?: string | Uint8Array;
}

/** A phone number: an optional +, then 6 to 15 digits (E.164 allows 15) once separators are removed. */
const PHONE = /^\+?\d{6,15}$/;
const SEPARATORS = /[\s\-.()]/g;

/**
 * The checkpoint key of a call, the same every time the same caller calls: from the SIP caller's
 * phone number (with the number dialed, so one caller of two services has two keys), else from
 * `metadataField` of the room's metadata. Undefined when neither identifies the caller (a withheld
 * number, no metadata): such a call cannot be resumed, and must not share a key with another.
 */
export function callerKey(info: CallerInfo, options: CallerKeyOptions = {}): string | undefined {
  const namespace = options.namespace ?? 'call';
  if (typeof namespace !== 'string' || namespace === '') {
    throw misuse('callerKey()', 'got an empty namespace', "Pass a short name for the workflow, e.g. 'interview'.");
  }
  const digest = (text: string) =>
    (options.secret === undefined ? createHash('sha256') : createHmac('sha256', options.secret)).update(text).digest('hex');

  const caller = phoneNumber(info?.participant?.attributes?.['sip.phoneNumber']);
  if (caller) {
    const dialed = phoneNumber(info?.participant?.attributes?.['sip.trunkPhoneNumber']) ?? '';
    return `${namespace}:sip:${digest(`${caller}\n${dialed}`)}`;
  }
  if (options.metadataField !== undefined) {
    const value = metadataValue(info?.room?.metadata, options.metadataField);
    if (value !== undefined) return `${namespace}:meta:${digest(`${options.metadataField}\n${value}`)}`;
  }
  return undefined;
}

/**
 * The number's digits (`+1 (510) 555-0100` → `15105550100`: trunks write the + or not), or
 * undefined for anything that is not a number ("anonymous", "", a SIP URI).
 */
function phoneNumber(raw: string | undefined): string | undefined {
  if (typeof raw !== 'string' || raw.length > 64) return undefined;
  const compact = raw.replace(SEPARATORS, '');
  return PHONE.test(compact) ? compact.replace('+', '') : undefined;
}

function metadataValue(metadata: string | undefined, field: string): string | undefined {
  if (typeof metadata !== 'string' || metadata === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || !Object.hasOwn(parsed, field)) return undefined;
  const value = (parsed as Record<string, unknown>)[field];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return undefined;
}
