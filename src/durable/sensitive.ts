import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { misuse, ReactAgentTasksError } from '../model/errors.js';
import type { StoredValue } from './document.js';
import type { JsonValue } from './json-value.js';

/**
 * How sensitive values (results of `<Task sensitive>` steps, and of steps inside a
 * `<TaskGroup sensitive>`) are kept out of a checkpoint. The default, `{}`, omits them: nothing
 * sensitive is ever written, and a resumed call asks those steps again. With `encrypt`, they are
 * sealed with AES-256-GCM under your key and restored on resume.
 */
export interface SensitiveRule {
  encrypt?: {
    /** Names the key in each sealed value, so keys can be rotated. */
    keyId: string;
    /** 32 bytes, e.g. `Buffer.from(process.env.CHECKPOINT_KEY!, 'base64')`. Never stored. */
    key: Uint8Array;
    /** Older keys by id, to read checkpoints sealed before a rotation. */
    previousKeys?: Record<string, Uint8Array>;
  };
  /** Top-level userData keys that hold sensitive values: omitted or sealed like sensitive results. */
  userDataKeys?: string[];
}

/** What a sealed value is bound to (its step path or userData key): a value moved elsewhere fails to open. */
export type SealedPlace = `step:${string}` | `userData:${string}`;

/** `value` as stored: in clear unless `sensitive`, then sealed or omitted per the rule. `undefined` is kept as such. */
export function protect(value: JsonValue | undefined, sensitive: boolean, rule: SensitiveRule, place: SealedPlace): StoredValue {
  if (!sensitive) return value === undefined ? { kind: 'clear' } : { kind: 'clear', value };
  if (!rule.encrypt) return { kind: 'omitted' };
  const { keyId, key } = rule.encrypt;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aadFor(place)));
  // Wrapped, so that `undefined` (a task completed with no value) seals as `{}`.
  const data = Buffer.concat([cipher.update(JSON.stringify({ value }), 'utf8'), cipher.final()]);
  return { kind: 'sealed', keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The value back, or `{ restored: false }` when it was omitted. A sealed value that fails to open throws. */
export function reveal(
  stored: StoredValue,
  rule: SensitiveRule,
  place: SealedPlace,
): { restored: true; value: JsonValue | undefined } | { restored: false } {
  if (stored.kind === 'clear') return { restored: true, value: stored.value };
  if (stored.kind === 'omitted') return { restored: false };
  const key = stored.keyId === rule.encrypt?.keyId ? rule.encrypt.key : rule.encrypt?.previousKeys?.[stored.keyId];
  if (!key) {
    throw misuse(
      'restoreCheckpoint()',
      `found ${describePlace(place)} sealed with key "${stored.keyId}", which the sensitive rule does not hold`,
      `Pass that key as sensitive.encrypt.key (keyId "${stored.keyId}") or in sensitive.encrypt.previousKeys.`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(stored.iv, 'base64'));
    decipher.setAAD(Buffer.from(aadFor(place)));
    decipher.setAuthTag(Buffer.from(stored.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(stored.data, 'base64')), decipher.final()]).toString('utf8');
    return { restored: true, value: (JSON.parse(text) as { value?: JsonValue }).value };
  } catch (error) {
    throw new ReactAgentTasksError(
      `react-agent-tasks: ${describePlace(place)} does not open with key "${stored.keyId}": it was altered, moved, or sealed with another key under that id.`,
      { cause: error },
    );
  }
}

/** Throws at once when the rule cannot work (a wrong key length), naming the option. */
export function checkSensitiveRule(rule: SensitiveRule | undefined, subject: string): SensitiveRule {
  if (rule === undefined) return {};
  const encrypt = rule.encrypt;
  if (encrypt) {
    if (typeof encrypt.keyId !== 'string' || encrypt.keyId === '') {
      throw misuse(subject, 'got sensitive.encrypt without a keyId', "Name the key, e.g. { keyId: '2026-01', key }.");
    }
    const keys = { [encrypt.keyId]: encrypt.key, ...encrypt.previousKeys };
    for (const [id, key] of Object.entries(keys)) {
      if (!(key instanceof Uint8Array) || key.length !== 32) {
        throw misuse(
          subject,
          `got sensitive.encrypt key "${id}" of ${key instanceof Uint8Array ? `${key.length} bytes` : typeof key}`,
          'Pass 32 random bytes, e.g. Buffer.from(process.env.CHECKPOINT_KEY, "base64") made with `openssl rand -base64 32`.',
        );
      }
    }
  }
  if (rule.userDataKeys !== undefined && !(Array.isArray(rule.userDataKeys) && rule.userDataKeys.every((k) => typeof k === 'string'))) {
    throw misuse(subject, 'got sensitive.userDataKeys that is not a list of strings', "Pass the userData keys, e.g. ['cardNumber'].");
  }
  return rule;
}

function aadFor(place: SealedPlace): string {
  return `react-agent-tasks checkpoint ${place}`;
}

function describePlace(place: SealedPlace): string {
  return place.startsWith('step:') ? `the result of step "${place.slice(5)}"` : `userData.${place.slice(9)}`;
}
