/**
 * Every validator and normaliser over huge and hostile strings (fast-check): none throws anything
 * but a ToolError, none grows its input, and none echoes more than a bounded amount of it into a
 * message the model would see. Long inputs are refused by length before any other work, so the
 * work per call is bounded by the limit, not by the input.
 */
import { llm } from '@livekit/agents';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardDigits, cardNumberProblem, securityCodeProblem } from '../../src/prebuilt/card.js';
import { digitsProblem } from '../../src/prebuilt/dtmf.js';
import { emailProblem, normalizeEmail } from '../../src/prebuilt/email.js';
import { cleanNamePart, formatName, namePartProblem } from '../../src/prebuilt/name.js';
import { cleanPhoneNumber, parseDefaultCountry, parsePhone } from '../../src/prebuilt/phone.js';
import { FIELD_LIMITS, bounded, collapseSpaces, stripQuotes, truncate, words } from '../../src/prebuilt/text.js';

// The pieces hostile inputs are made of: whitespace runs (the quadratic trap of `\s*x\s*` patterns),
// spoken words the normalisers rewrite, quotes, separators, digits, letters, non-ASCII.
const UNITS = [' ', '\t', '\n', '  ', 'at ', ' dot ', 'at sign ', '@', '.', '-', '"', '“', '’', "'", ',', 'double ', 'five ', '0', '9', 'a', 'é', '#', '*', '\u2028'];
/** A string of up to ~1 MB: runs of hostile units, some very long. */
const hostile = fc
  .array(fc.tuple(fc.constantFrom(...UNITS), fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1_000, max: 120_000 }))), {
    minLength: 1,
    maxLength: 8,
  })
  .map((runs) => runs.map(([unit, times]) => unit.repeat(times)).join(''));
const anyText = fc.oneof(hostile, fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }));

/** What a message shown to the model may hold at most: the longest limit, echoed once, plus prose. */
const MESSAGE_BOUND = 2 * FIELD_LIMITS.emailSpoken + 300;
const runs = { numRuns: 60 };

describe('normalisers never grow their input, and run on any string', () => {
  it.each([
    ['normalizeEmail', normalizeEmail],
    ['cleanPhoneNumber', cleanPhoneNumber],
    ['stripQuotes', stripQuotes],
    ['collapseSpaces', collapseSpaces],
    ['cardDigits', cardDigits],
  ] as Array<[string, (text: string) => string]>)('%s', (_name, normalise) => {
    fc.assert(
      fc.property(anyText, (text) => {
        // "double five" → "55" is the one rewrite that may not shrink: two words for two digits.
        expect(normalise(text).length).toBeLessThanOrEqual(text.length);
      }),
      runs,
    );
  });

  it('60,000 spaces around spoken words normalise to the address (the input that blocked the event loop)', () => {
    const spaces = ' '.repeat(60_000);
    expect(normalizeEmail(`jane${spaces}dot${spaces}doe${spaces}at${spaces}example${spaces}dot${spaces}com`)).toBe('jane.doe@example.com');
    expect(words(`${spaces}a${spaces}`)).toEqual(['a']);
  });
});

describe('validators say what is wrong in a bounded message, for any string', () => {
  it.each([
    ['emailProblem', (text: string) => emailProblem(text)],
    ['emailProblem after normalizeEmail', (text: string) => emailProblem(normalizeEmail(text))],
    ['parsePhone', (text: string) => ('problem' in parsePhone(text) ? (parsePhone(text) as { problem: string }).problem : null)],
    ['parsePhone with a default country', (text: string) => {
      const parsed = parsePhone(text, parseDefaultCountry('GB')!);
      return 'problem' in parsed ? parsed.problem : null;
    }],
    ['namePartProblem', (text: string) => namePartProblem(text)],
    ['cardNumberProblem', (text: string) => cardNumberProblem(cardDigits(text))],
    ['securityCodeProblem', (text: string) => securityCodeProblem(text, 'Visa')],
    ['digitsProblem', (text: string) => digitsProblem(text, 6)],
  ] as Array<[string, (text: string) => string | null]>)('%s', (_name, problem) => {
    fc.assert(
      fc.property(anyText, (text) => {
        const said = problem(text);
        if (said !== null) expect(said.length).toBeLessThanOrEqual(MESSAGE_BOUND);
      }),
      runs,
    );
  });

  it('an input over its limit is refused by length, never echoed', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom(...(Object.entries(FIELD_LIMITS) as Array<[string, number]>)), (text, [field, limit]) => {
        fc.pre(text.length > limit);
        let refused: unknown;
        try {
          bounded(text, limit, field);
        } catch (error) {
          refused = error;
        }
        expect(refused).toBeInstanceOf(llm.ToolError);
        expect((refused as Error).message).toBe(`Invalid ${field}: it is ${text.length} characters long; a ${field} has at most ${limit}. Ask the user again.`);
      }),
      runs,
    );
  });
});

describe('name parts', () => {
  it('cleaning throws only a ToolError (too long), and a cleaned part is within the limit', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          const part = cleanNamePart(text, 'first name');
          if (part !== undefined) expect(part.length).toBeLessThanOrEqual(FIELD_LIMITS.namePart);
        } catch (error) {
          expect(error).toBeInstanceOf(llm.ToolError);
          expect(text.length).toBeGreaterThan(FIELD_LIMITS.namePart);
        }
      }),
      runs,
    );
  });

  it('formatting a name leaves no stray separators, whatever the parts', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), (first, last) => {
        const name = formatName('{last_name}, {first_name}', { firstName: first, lastName: last });
        expect(name).toBe(name.trim());
        expect(name.startsWith(',') || name.endsWith(',')).toBe(false);
      }),
      runs,
    );
  });
});

it('truncate keeps short text and cuts long text to the limit', () => {
  fc.assert(
    fc.property(anyText, fc.integer({ min: 2, max: 500 }), (text, max) => {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(Math.max(max, 0));
      if (text.length <= max) expect(cut).toBe(text);
    }),
    runs,
  );
});
