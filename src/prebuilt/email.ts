/** Email validation and normalisation of spoken forms, shared by `<GetEmail>`. Linear time throughout. */
import { FIELD_LIMITS, words } from './text.js';

// The pattern LiveKit's Python GetEmailTask accepts: a local part, then labels and a 2+ letter TLD.
// Labels cannot hold dots, so each part of an address is matched one way only: no backtracking blow-up.
const EMAIL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

// Spoken words for symbols, matched as whole words. A Map: a caller's `__proto__` must not reach Object.prototype.
const SPOKEN_SYMBOLS = new Map<string, string>(Object.entries({
  at: '@',
  dot: '.',
  period: '.',
  point: '.',
  underscore: '_',
  dash: '-',
  hyphen: '-',
  minus: '-',
  plus: '+',
}));

/**
 * Turns what a transcript or a model wrote into an address: spoken symbols become characters
 * ("john dot doe at gmail dot com" → "john.doe@gmail.com"), spaces go, the domain is lower-cased
 * (domains are case-insensitive; the local part is left as given).
 */
export function normalizeEmail(input: string): string {
  let text = input.trim();
  if (text.slice(0, 7).toLowerCase() === 'mailto:') text = text.slice(7);
  const parts = words(text);
  // Only rewrite words when the text is spoken, i.e. has no "@" yet: "dot" may be part of a real address.
  const spoken = !text.includes('@');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const word = parts[i]!;
    const lower = word.toLowerCase();
    if (spoken && lower === 'at' && parts[i + 1]?.toLowerCase() === 'sign') {
      out.push('@');
      i++;
    } else {
      out.push((spoken && SPOKEN_SYMBOLS.get(lower)) || word);
    }
  }
  const joined = out.join('');
  const at = joined.lastIndexOf('@');
  return at < 0 ? joined : joined.slice(0, at + 1) + joined.slice(at + 1).toLowerCase();
}

/** Why `email` is not an address, or null when it is one. */
export function emailProblem(email: string): string | null {
  if (email === '') return 'the email address is empty';
  if (email.length > FIELD_LIMITS.email) return `it has ${email.length} characters; an email address has at most ${FIELD_LIMITS.email}`;
  const ats = email.split('@').length - 1;
  if (ats === 0) return `"${email}" has no "@": ask for the part before and after the at sign`;
  if (ats > 1) return `"${email}" has more than one "@"`;
  const domain = email.slice(email.indexOf('@') + 1);
  if (!domain.includes('.')) return `"${email}" has no domain ending such as ".com": ask for the domain`;
  if (!EMAIL_PATTERN.test(email)) return `"${email}" is not a valid email address`;
  return null;
}
