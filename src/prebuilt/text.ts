/**
 * Input bounds and linear-time text helpers shared by the collectors. Every value the model hands
 * a collector is checked against a length limit before anything else runs, so no argument — a
 * 1 MB "name", 60,000 spaces in an "email" — costs more than a bounded amount of work, and no
 * error message echoes it back into the conversation.
 */
import { llm } from '@livekit/agents';

/** The most characters each captured field may have (as the model wrote it, before normalising). */
export const FIELD_LIMITS = {
  /** RFC 5321: a forward path is at most 256 octets including the angle brackets. */
  email: 254,
  /** An email address as spoken ("john dot doe at …") before it is normalised. */
  emailSpoken: 1000,
  /** One name part (first, middle or last). */
  namePart: 100,
  /** Digits said aloud come as words ("plus four four …"): room for them. */
  phoneNumber: 200,
  streetAddress: 200,
  unitNumber: 50,
  locality: 200,
  country: 100,
  /** A card number as spoken or typed, with spaces or dashes. */
  cardNumber: 64,
  securityCode: 16,
  /** Digits said aloud for `<GetDtmf>`. */
  digits: 64,
  /** The reason given with a decline: kept, cut to this length. */
  reason: 300,
} as const;

/**
 * `value`, or a ToolError when it is longer than `max` characters. The message says how long it
 * was and what the limit is, never the value itself.
 */
export function bounded(value: string, max: number, noun: string): string {
  if (value.length > max) {
    throw new llm.ToolError(`Invalid ${noun}: it is ${value.length} characters long; a ${noun} has at most ${max}. Ask the user again.`);
  }
  return value;
}

/** `text` cut to `max` characters, with an ellipsis when it was longer. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Whitespace-separated words, empty ones dropped. One pass: `\s+` consumes each run once. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

/** Runs of whitespace as one space, ends trimmed. */
export function collapseSpaces(text: string): string {
  return words(text).join(' ');
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '”': '”', '‘': '’', '’': '’', '«': '»', '„': '“', '`': '`' };

/**
 * Removes quotes the model put around a value (`"Eve"`, `“Eve”`, `'Eve'`), pair by pair. A lone
 * apostrophe is kept: it belongs to names such as 't Hooft or Jones'.
 */
export function stripQuotes(text: string): string {
  let start = 0;
  let end = text.length;
  while (end - start >= 2) {
    const close = QUOTES[text[start]!];
    if (close === undefined || (text[end - 1] !== close && text[end - 1] !== text[start])) break;
    start++;
    end--;
  }
  return text.slice(start, end).trim();
}
