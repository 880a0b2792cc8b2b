/**
 * The retry policy every collector shares: what happens after repeated invalid attempts, as
 * Dialogflow CX's no-match-1…N handlers and Bot Framework's `maxTurnCount` do it.
 */
import { misuse } from '../model/errors.js';

/** What a collector does after repeated invalid attempts (values that fail validation, confirmations that do not match). */
export interface RetryPolicy {
  /** From this invalid attempt on, the model is told to re-phrase its question (ask in parts, spell it). Default 2. */
  rephraseAfter?: number;
  /** From this invalid attempt on, collectors of digits with a `keypad` offer keypad entry. Default 3. */
  keypadAfter?: number;
  /**
   * At this invalid attempt the collector gives up: the task fails with a `CaptureFailedError`
   * (an `llm.ToolError`, so a group with `returnExceptions` keeps it and a tool awaiting the task
   * tells the model). Default 5.
   */
  maxAttempts?: number;
}

export type ResolvedRetry = Required<RetryPolicy>;

export const DEFAULT_RETRY: ResolvedRetry = { rephraseAfter: 2, keypadAfter: 3, maxAttempts: 5 };

/** The policy with its defaults, or null for `retry={false}` (never escalate: LiveKit's behaviour). */
export function resolveRetry(policy: RetryPolicy | false | undefined, component: string): ResolvedRetry | null {
  if (policy === false) return null;
  const resolved = { ...DEFAULT_RETRY, ...policy };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1) {
      throw misuse(`${component}'s retry.${key}`, `is ${String(value)}`, 'Give a whole number of attempts, 1 or more, or retry={false} to never escalate.');
    }
  }
  return resolved;
}

/** What the model is told after an invalid attempt, and whether the collector gives up. */
export interface Escalation {
  /** Appended to the problem in the ToolError the model sees ('' before any escalation). */
  advice: string;
  giveUp: boolean;
}

/**
 * The escalation for the `attempt`-th invalid attempt in a row. `rephrase` says how to ask
 * differently; `keypad`, when the collector can take keypad entry, how to offer it.
 */
export function escalate(policy: ResolvedRetry | null, attempt: number, noun: string, rephrase: string, keypad?: string): Escalation {
  if (!policy) return { advice: '', giveUp: false };
  const count = `This was invalid attempt ${attempt} of ${policy.maxAttempts}.`;
  if (attempt >= policy.maxAttempts) {
    return { advice: ` ${count} The ${noun} could not be captured; this step has ended: do not ask for it again.`, giveUp: true };
  }
  if (keypad && attempt >= policy.keypadAfter) return { advice: ` ${count} ${keypad}`, giveUp: false };
  if (attempt >= policy.rephraseAfter) return { advice: ` ${count} Re-phrase your question: ${rephrase}`, giveUp: false };
  return { advice: '', giveUp: false };
}
