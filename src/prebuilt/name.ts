/** Name parts for `<GetName>`: cleaning what models write into name arguments, and the name format. */
import { FIELD_LIMITS, bounded, collapseSpaces, stripQuotes } from './text.js';

/** Which name parts a capture requires. */
export interface NameParts {
  firstName: boolean;
  middleName: boolean;
  lastName: boolean;
}

/** The placeholders of a name format, LiveKit's spelling. */
export const NAME_PLACEHOLDERS = { first_name: 'firstName', middle_name: 'middleName', last_name: 'lastName' } as const;
type Placeholder = keyof typeof NAME_PLACEHOLDERS;
const PLACEHOLDER = /\{([a-z_]+)\}/g;

// What some models write into an argument instead of leaving it out.
const NOT_A_NAME = new Set(['null', 'none', 'nil', 'n/a', 'na', 'unknown', 'unspecified', 'undefined', 'not given', 'not provided', '-', '?']);
// Typographic apostrophes and hyphens, as keyboards and transcripts write them.
const APOSTROPHES = /[\u2018\u2019\u02BC\u02B9\uFF07`´]/g;
const HYPHENS = /[\u2010\u2011\u2012\u2013\uFE63\uFF0D]/g;
const NAME_CHARACTERS = /^[\p{L}\p{M}' .-]+$/u;

/**
 * A name part as the model wrote it, cleaned: trimmed, surrounding quotes removed, runs of spaces
 * collapsed, typographic apostrophes (O’Brien) and hyphens made plain. Placeholders models write
 * for "not given" ("null", "N/A", "unknown", …) come back as undefined. ToolError when too long.
 */
export function cleanNamePart(value: string | undefined, label: string): string | undefined {
  if (value === undefined) return undefined;
  const text = collapseSpaces(stripQuotes(bounded(value, FIELD_LIMITS.namePart, label).trim()))
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-');
  if (text === '' || NOT_A_NAME.has(text.toLowerCase())) return undefined;
  return text;
}

/** Why `part` cannot be a name part, or null. */
export function namePartProblem(part: string): string | null {
  if (part.length > FIELD_LIMITS.namePart) return `it has ${part.length} characters; a name part has at most ${FIELD_LIMITS.namePart}`;
  if (!NAME_CHARACTERS.test(part)) return `"${part}" contains characters names do not have`;
  if (!/\p{L}/u.test(part)) return `"${part}" has no letters: that is not a name`;
  return null;
}

/** The placeholders a format uses that are not name parts. */
export function unknownPlaceholders(format: string): string[] {
  return [...format.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((name) => !(name in NAME_PLACEHOLDERS));
}

/** The parts a format names, in its order. */
export function formatParts(format: string): Placeholder[] {
  return [...format.matchAll(PLACEHOLDER)].map((match) => match[1] as Placeholder).filter((name) => name in NAME_PLACEHOLDERS);
}

/** The default format: the wanted parts, first, middle, last. */
export function defaultNameFormat(parts: NameParts): string {
  return (Object.keys(NAME_PLACEHOLDERS) as Placeholder[])
    .filter((placeholder) => parts[NAME_PLACEHOLDERS[placeholder]])
    .map((placeholder) => `{${placeholder}}`)
    .join(' ');
}

/** "{last_name}, {first_name}" → "last name and first name": the parts in the format's order, for instructions. */
export function describeNameFormat(format: string): string {
  const parts = formatParts(format).map((name) => name.replace('_', ' '));
  return parts.length <= 1 ? (parts[0] ?? 'name') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** A name written in `format` ("{last_name}, {first_name}" → "Adams, Eve"); missing parts leave no gaps. */
export function formatName(format: string, name: { firstName?: string; middleName?: string; lastName?: string }): string {
  const filled = format.replace(PLACEHOLDER, (whole, placeholder: string) =>
    placeholder in NAME_PLACEHOLDERS ? (name[NAME_PLACEHOLDERS[placeholder as Placeholder]] ?? '') : whole,
  );
  // A missing part may leave a separator behind: "Adams, " → "Adams".
  const text = collapseSpaces(filled);
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ',' || text[start] === ' ')) start++;
  while (end > start && (text[end - 1] === ',' || text[end - 1] === ' ')) end--;
  return text.slice(start, end);
}
