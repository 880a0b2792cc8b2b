/** Phone number normalisation and E.164-style validation, shared by `<GetPhoneNumber>`. */

const SPOKEN_DIGITS: Record<string, string> = {
  zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4',
  five: '5', six: '6', seven: '7', eight: '8', nine: '9', plus: '+',
};

/**
 * Strips what people put around a number — spaces, dashes, dots, parentheses — and reads spoken
 * digits ("plus four four seven…"). A leading international prefix `00` becomes `+`; a number
 * without `+` gets `defaultCountryCode` (e.g. `'+1'`) when one is given, after dropping a trunk `0`.
 */
export function normalizePhoneNumber(input: string, defaultCountryCode?: string): string {
  const words = input
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => SPOKEN_DIGITS[word] ?? word)
    .join('');
  let number = words.replace(/[\s().\-/]/g, '');
  if (number.startsWith('00')) number = `+${number.slice(2)}`;
  if (!number.startsWith('+') && defaultCountryCode) {
    const code = defaultCountryCode.replace(/[^\d]/g, '');
    number = `+${code}${number.replace(/^0/, '')}`;
  }
  return number;
}

/** Why `phone` is not an E.164-style number (`+` and 8–15 digits), or null when it is one. */
export function phoneNumberProblem(phone: string): string | null {
  if (!phone.startsWith('+')) return `"${phone}" has no country code: ask for the number with its country code (it starts with +)`;
  const digits = phone.slice(1);
  if (!/^\d+$/.test(digits)) return `"${phone}" contains characters other than digits`;
  if (digits.startsWith('0')) return `"${phone}": a country code never starts with 0`;
  if (digits.length < 8) return `"${phone}" is too short: ${digits.length} digits, at least 8 expected`;
  if (digits.length > 15) return `"${phone}" is too long: ${digits.length} digits, at most 15 expected`;
  return null;
}
