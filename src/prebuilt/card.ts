/** Card number checks shared by the steps of `<GetCreditCard>`. */

/** Digits only: spaces and dashes people say or type between groups are dropped. */
export function cardDigits(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The Luhn checksum every payment card number satisfies. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export type CardIssuer = 'Visa' | 'Mastercard' | 'American Express' | 'Discover' | 'JCB' | 'Diners Club' | 'Other';

/** The issuer from the leading digits (IIN ranges), or 'Other'. */
export function cardIssuer(digits: string): CardIssuer {
  const prefix = (length: number) => Number(digits.slice(0, length));
  if (/^3[47]/.test(digits)) return 'American Express';
  if (/^4/.test(digits)) return 'Visa';
  if ((prefix(2) >= 51 && prefix(2) <= 55) || (prefix(4) >= 2221 && prefix(4) <= 2720)) return 'Mastercard';
  if (/^(6011|65)/.test(digits) || (prefix(3) >= 644 && prefix(3) <= 649)) return 'Discover';
  if (prefix(4) >= 3528 && prefix(4) <= 3589) return 'JCB';
  if (/^(36|38|30[0-5])/.test(digits)) return 'Diners Club';
  return 'Other';
}

/** Why `digits` is not a usable card number, or null. */
export function cardNumberProblem(digits: string): string | null {
  if (digits.length > 19) return `a card number has 13 to 19 digits, this one has ${digits.length} characters`;
  if (!/^\d+$/.test(digits)) return 'a card number has only digits';
  if (digits.length < 13 || digits.length > 19) return `a card number has 13 to 19 digits, this one has ${digits.length}`;
  if (!passesLuhn(digits)) return 'the card number fails its checksum: a digit was probably misheard; ask the user to repeat it';
  return null;
}

/** How many digits the security code of a card from `issuer` has. */
export function securityCodeLength(issuer: CardIssuer | undefined): 3 | 4 | undefined {
  if (issuer === undefined || issuer === 'Other') return undefined;
  return issuer === 'American Express' ? 4 : 3;
}

/** Why `code` is not a security code (for a card of `issuer`, when known), or null. */
export function securityCodeProblem(code: string, issuer?: CardIssuer): string | null {
  if (!/^\d+$/.test(code)) return 'a security code has only digits';
  const expected = securityCodeLength(issuer);
  if (expected !== undefined && code.length !== expected) {
    return `a ${issuer} card has a ${expected}-digit security code, this one has ${code.length} digits`;
  }
  if (code.length < 3 || code.length > 4) return `a security code has 3 or 4 digits, this one has ${code.length}`;
  return null;
}

/** "ending in 4242": how a card number is read back without repeating it. */
export function maskCardNumber(digits: string): string {
  return `ending in ${digits.slice(-4)}`;
}
