/**
 * Phone numbers for `<GetPhoneNumber>`: spoken and typed forms cleaned in one pass, then parsed and
 * validated per country with libphonenumber-js (Google's libphonenumber metadata): a number must
 * be valid for its country, not merely 8–15 digits.
 */
import {
  type CountryCode,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import { FIELD_LIMITS, words } from './text.js';

// Maps, not object literals: a caller's word is looked up, and `__proto__` or `constructor` must
// not reach Object.prototype.
const SPOKEN_DIGITS = new Map(Object.entries({
  zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4',
  five: '5', six: '6', seven: '7', eight: '8', nine: '9', plus: '+',
}));
const REPEAT = new Map([['double', 2], ['triple', 3]]);

/** How numbers without a country code are read: an ISO region (`'GB'`) or a calling code (`'+44'`). */
export type DefaultCountry = { defaultCountry: CountryCode } | { defaultCallingCode: string };

/**
 * Reads `defaultCountryCode` as `<GetPhoneNumber>` takes it: a calling code (`'+44'`, `'44'`) or
 * an ISO 3166 region (`'GB'`). Null when it is neither.
 */
export function parseDefaultCountry(value: string): DefaultCountry | null {
  const text = value.trim();
  if (/^[A-Za-z]{2}$/.test(text)) {
    const region = text.toUpperCase();
    return isSupportedCountry(region) ? { defaultCountry: region } : null;
  }
  const code = text.replace(/^\+/, '');
  if (!/^[1-9]\d{0,2}$/.test(code)) return null;
  try {
    // Throws for a calling code no country uses.
    parsePhoneNumberWithError(`+${code}0000000`);
  } catch (error) {
    if (error instanceof ParseError && error.message === 'INVALID_COUNTRY') return null;
  }
  return { defaultCallingCode: code };
}

/**
 * Strips what people put around a number — spaces, dashes, dots, parentheses, slashes — and reads
 * spoken digits ("plus four four, double seven…"). A leading international prefix `00` becomes `+`.
 */
export function cleanPhoneNumber(input: string): string {
  const out: string[] = [];
  // Commas and the like are pauses in speech: "four one five, five five five".
  const tokens = words(input.toLowerCase().replace(/[,;:]/g, ' '));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const times = REPEAT.get(token);
    const digit = tokens[i + 1] === undefined ? undefined : SPOKEN_DIGITS.get(tokens[i + 1]!);
    if (times !== undefined && digit !== undefined) {
      out.push(digit.repeat(times));
      i++;
    } else {
      out.push(SPOKEN_DIGITS.get(token) ?? token);
    }
  }
  let number = out.join('').replace(/[().\-/]/g, '');
  if (number.startsWith('00')) number = `+${number.slice(2)}`;
  return number;
}

/** A phone number parsed from what the user said or typed: E.164, or what is wrong with it. */
export type PhoneParse = { phoneNumber: string } | { problem: string };

/** Parses `input` (cleaned first) into E.164, reading numbers without `+` with `defaults` when given. */
export function parsePhone(input: string, defaults?: DefaultCountry): PhoneParse {
  if (input.length > FIELD_LIMITS.phoneNumber) {
    return { problem: `it has ${input.length} characters; a phone number has at most ${FIELD_LIMITS.phoneNumber}` };
  }
  const number = cleanPhoneNumber(input);
  if (number === '' || number === '+') return { problem: 'no digits were given' };
  if (!/^\+?\d+$/.test(number)) return { problem: `"${number}" contains characters other than digits` };
  if (!number.startsWith('+') && !defaults) {
    return { problem: `"${number}" has no country code: ask for the number with its country code (it starts with +)` };
  }
  try {
    const parsed = parsePhoneNumberWithError(number, defaults);
    if (parsed.isValid()) return { phoneNumber: parsed.number };
    const digits = parsed.nationalNumber.length;
    const length = validatePhoneNumberLength(number, defaults);
    if (length === 'TOO_SHORT' || length === 'TOO_LONG') {
      return { problem: `"${parsed.number}" is ${length === 'TOO_SHORT' ? 'too short' : 'too long'} for a +${parsed.countryCallingCode} number (${digits} digits after the country code)` };
    }
    if (!parsed.isPossible()) return { problem: `"${parsed.number}" has the wrong number of digits (${digits} after the country code) for a +${parsed.countryCallingCode} number` };
    return { problem: `"${parsed.number}" is not a valid +${parsed.countryCallingCode} number: a digit was probably misheard` };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { problem: PARSE_PROBLEMS[error.message]?.(number) ?? `"${number}" is not a phone number` };
  }
}

const PARSE_PROBLEMS: Record<string, (number: string) => string> = {
  INVALID_COUNTRY: (number) => `"${number}" starts with a country code no country uses`,
  TOO_SHORT: (number) => `"${number}" is too short for a phone number`,
  TOO_LONG: (number) => `"${number}" is too long for a phone number`,
  NOT_A_NUMBER: (number) => `"${number}" is not a phone number`,
};

/**
 * The number in E.164 form (`+442079460958`) when it parses, else the cleaned text. Numbers
 * without `+` are read with `defaultCountryCode` (`'+44'` or `'GB'`) when given, a trunk `0`
 * dropped as the country's rules say.
 */
export function normalizePhoneNumber(input: string, defaultCountryCode?: string): string {
  const defaults = defaultCountryCode === undefined ? undefined : (parseDefaultCountry(defaultCountryCode) ?? undefined);
  const parsed = parsePhone(input, defaults);
  return 'phoneNumber' in parsed ? parsed.phoneNumber : cleanPhoneNumber(input);
}

/** Why `phone` is not a valid phone number, or null when it is one. */
export function phoneNumberProblem(phone: string, defaultCountryCode?: string): string | null {
  const defaults = defaultCountryCode === undefined ? undefined : (parseDefaultCountry(defaultCountryCode) ?? undefined);
  const parsed = parsePhone(phone, defaults);
  return 'problem' in parsed ? parsed.problem : null;
}

/** The calling code of a region, e.g. `'44'` for `'GB'`: for instructions. */
export function callingCodeOf(defaults: DefaultCountry): string {
  return 'defaultCountry' in defaults ? getCountryCallingCode(defaults.defaultCountry) : defaults.defaultCallingCode;
}
