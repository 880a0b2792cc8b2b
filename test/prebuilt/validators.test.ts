import { describe, expect, it } from 'vitest';
import { cardIssuer, cardNumberProblem, passesLuhn, securityCodeProblem } from '../../src/prebuilt/card.js';
import { birthDateProblem, expiryProblem, fullBirthYear, isCalendarDate } from '../../src/prebuilt/dates.js';
import { digitsProblem } from '../../src/prebuilt/dtmf.js';
import { emailProblem, normalizeEmail } from '../../src/prebuilt/email.js';
import { cleanPhoneNumber, normalizePhoneNumber, phoneNumberProblem } from '../../src/prebuilt/phone.js';

describe('email', () => {
  it.each([
    ['john dot doe at gmail dot com', 'john.doe@gmail.com'],
    ['susan underscore smith at yahoo dot co dot uk', 'susan_smith@yahoo.co.uk'],
    ['dave dash b at protonmail dot com', 'dave-b@protonmail.com'],
    ['Eve.Adams+news@Example.COM ', 'Eve.Adams+news@example.com'],
    ['mailto:x@y.io', 'x@y.io'],
  ])('normalises %j to %j', (spoken, email) => {
    expect(normalizeEmail(spoken)).toBe(email);
    expect(emailProblem(normalizeEmail(spoken))).toBeNull();
  });

  it('keeps a written address that contains the word dot', () => {
    expect(normalizeEmail('dot.com.fan@mail.com')).toBe('dot.com.fan@mail.com');
  });

  it.each([
    ['jane', /no "@"/],
    ['jane@example', /no domain ending/],
    ['a@b@c.com', /more than one/],
    ['.jane@example.com', /not a valid/],
    ['', /empty/],
  ])('rejects %j', (email, problem) => {
    expect(emailProblem(email)).toMatch(problem);
  });
});

describe('phone number', () => {
  it.each([
    ['+1 (415) 555-0123', undefined, '+14155550123'],
    ['0044 20 7946 0958', undefined, '+442079460958'],
    ['plus four four two oh seven nine four six oh nine five eight', undefined, '+442079460958'],
    ['020 7946 0958', '+44', '+442079460958'],
  ])('normalises %j', (input, country, expected) => {
    expect(normalizePhoneNumber(input, country)).toBe(expected);
    expect(phoneNumberProblem(expected)).toBeNull();
  });

  it.each([
    ['4155550123', /no country code/],
    ['+1415', /too short/],
    ['+1234567890123456', /too long/],
    ['+0123456789', /country code no country uses/],
    ['+1 415 555 01', /too short/],
    ['+1 213 373 4253 9', /too long/],
    ['+1415abc0123', /other than digits/],
  ])('rejects %j', (phone, problem) => {
    expect(phoneNumberProblem(phone)).toMatch(problem);
  });
});

describe('dates', () => {
  const today = new Date(2026, 10, 24);

  it('knows the calendar: no February 30, leap days only in leap years', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true);
    expect(isCalendarDate(2023, 2, 29)).toBe(false);
    expect(isCalendarDate(1900, 2, 29)).toBe(false);
    expect(isCalendarDate(2000, 2, 29)).toBe(true);
    expect(isCalendarDate(1990, 2, 30)).toBe(false);
    expect(isCalendarDate(1990, 4, 31)).toBe(false);
    expect(isCalendarDate(1990, 13, 1)).toBe(false);
    expect(isCalendarDate(1990, 12, 31)).toBe(true);
  });

  it('refuses a birth date in the future, accepts today', () => {
    expect(birthDateProblem(2026, 11, 25, today)).toMatch(/in the future/);
    expect(birthDateProblem(2026, 11, 24, today)).toBeNull();
    expect(birthDateProblem(1990, 2, 30, today)).toMatch(/not a date on the calendar/);
  });

  it('reads two-digit birth years as the latest past year', () => {
    expect(fullBirthYear(90, today)).toBe(1990);
    expect(fullBirthYear(5, today)).toBe(2005);
    expect(fullBirthYear(26, today)).toBe(2026);
    expect(fullBirthYear(27, today)).toBe(1927);
  });

  it('accepts a card through its expiry month and refuses past months', () => {
    expect(expiryProblem(11, 26, today)).toBeNull();
    expect(expiryProblem(10, 2026, today)).toMatch(/expired/);
    expect(expiryProblem(13, 27, today)).toMatch(/month 13/);
    expect(expiryProblem(1, 2060, today)).toMatch(/too far/);
  });
});

describe('cards', () => {
  it('checks the Luhn sum', () => {
    expect(passesLuhn('4242424242424242')).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('378282246310005')).toBe(true);
    expect(passesLuhn('79927398713')).toBe(true);
  });

  it.each([
    ['4242424242424242', 'Visa'],
    ['5555555555554444', 'Mastercard'],
    ['2223003122003222', 'Mastercard'],
    ['378282246310005', 'American Express'],
    ['6011111111111117', 'Discover'],
    ['3530111333300000', 'JCB'],
    ['36227206271667', 'Diners Club'],
    ['9999999999999995', 'Other'],
  ])('detects the issuer of %s', (digits, issuer) => {
    expect(cardIssuer(digits)).toBe(issuer);
  });

  it('explains what is wrong with a card number or a security code', () => {
    expect(cardNumberProblem('4242')).toMatch(/13 to 19 digits/);
    expect(cardNumberProblem('4242424242424241')).toMatch(/checksum/);
    expect(cardNumberProblem('4242424242424242')).toBeNull();
    expect(securityCodeProblem('123', 'American Express')).toMatch(/4-digit/);
    expect(securityCodeProblem('1234', 'Visa')).toMatch(/3-digit/);
    expect(securityCodeProblem('123', 'Visa')).toBeNull();
    expect(securityCodeProblem('12a', undefined)).toMatch(/only digits/);
  });
});

describe('keypad digits', () => {
  it('accepts keypad keys of the expected length', () => {
    expect(digitsProblem('12*#', undefined)).toBeNull();
    expect(digitsProblem('1234', 4)).toBeNull();
    expect(digitsProblem('123', 4)).toMatch(/4 digits are expected/);
    expect(digitsProblem('12a4', 4)).toMatch(/not keypad keys/);
  });
});

describe('words that name Object.prototype members', () => {
  // fast-check found `__proto__` growing a phone number: lookups of a caller's words use Maps.
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('%s is read as text, not as a prototype member', (word) => {
    expect(cleanPhoneNumber(`${word} one`)).toBe(`${word.toLowerCase()}1`);
    expect(cleanPhoneNumber(`double ${word}`)).toBe(`double${word.toLowerCase()}`);
    expect(normalizeEmail(`${word} at example dot com`)).toBe(`${word}@example.com`);
  });
});
