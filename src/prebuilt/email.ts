/** Email validation and normalisation of spoken forms, shared by `<GetEmail>`. */

// The pattern LiveKit's Python GetEmailTask accepts: a local part, then labels and a 2+ letter TLD.
const EMAIL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

// Spoken words for symbols, longest first so "dot com" is not split oddly.
const SPOKEN_SYMBOLS: Array<[RegExp, string]> = [
  [/\s*\b(?:at sign|at)\b\s*/gi, '@'],
  [/\s*\b(?:dot|period|point)\b\s*/gi, '.'],
  [/\s*\bunderscore\b\s*/gi, '_'],
  [/\s*\b(?:dash|hyphen|minus)\b\s*/gi, '-'],
  [/\s*\bplus\b\s*/gi, '+'],
];

/**
 * Turns what a transcript or a model wrote into an address: spoken symbols become characters
 * ("john dot doe at gmail dot com" → "john.doe@gmail.com"), spaces go, the domain is lower-cased
 * (domains are case-insensitive; the local part is left as given).
 */
export function normalizeEmail(input: string): string {
  let text = input.trim().replace(/^mailto:/i, '');
  // Only rewrite words when the text is spoken, i.e. has no "@" yet: "dot" may be part of a real address.
  if (!text.includes('@')) {
    for (const [pattern, symbol] of SPOKEN_SYMBOLS) text = text.replace(pattern, symbol);
  }
  text = text.replace(/\s+/g, '');
  const at = text.lastIndexOf('@');
  return at < 0 ? text : text.slice(0, at + 1) + text.slice(at + 1).toLowerCase();
}

/** Why `email` is not an address, or null when it is one. */
export function emailProblem(email: string): string | null {
  if (email === '') return 'the email address is empty';
  const ats = email.split('@').length - 1;
  if (ats === 0) return `"${email}" has no "@": ask for the part before and after the at sign`;
  if (ats > 1) return `"${email}" has more than one "@"`;
  const domain = email.slice(email.indexOf('@') + 1);
  if (!domain.includes('.')) return `"${email}" has no domain ending such as ".com": ask for the domain`;
  if (!EMAIL_PATTERN.test(email)) return `"${email}" is not a valid email address`;
  return null;
}
