import { llm } from '@livekit/agents';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { misuse } from '../model/errors.js';
import { Collector } from './Collector.js';
import { type CollectorProps, composeInstructions, inputHandling, splitCollectorProps, useSessionModality } from './collector-props.js';
import {
  type NameParts,
  cleanNamePart,
  defaultNameFormat,
  describeNameFormat,
  formatName,
  formatParts,
  namePartProblem,
  unknownPlaceholders,
} from './name.js';
import type { CaptureSpec } from './use-capture.js';

/** The result of {@link GetName}: the parts the user gave (the required ones always). */
export interface GetNameResult {
  firstName?: string;
  middleName?: string;
  lastName?: string;
}

/** Props of {@link GetName}. */
export interface GetNameProps extends CollectorProps<GetNameResult> {
  /** Require a first name. Default true; `firstName={false} lastName` captures a last name only. */
  firstName?: boolean;
  /** Require a last name. Default false. */
  lastName?: boolean;
  /** Require a middle name. Default false. */
  middleName?: boolean;
  /**
   * The order the parts are asked for and read back in, with LiveKit's placeholders
   * `{first_name}`, `{middle_name}`, `{last_name}`: `"{last_name}, {first_name}"`. Default: the
   * required parts, first to last.
   */
  nameFormat?: string;
  /**
   * Check the spelling: the agent spells the recorded name letter by letter and the user must
   * confirm it (`confirm_name`), whatever `requireConfirmation` says. Default false.
   */
  verifySpelling?: boolean;
}

const parameters = z.object({
  first_name: z.string().optional().describe("The user's first name, capitalised; omit it if not given yet"),
  middle_name: z.string().optional().describe("The user's middle name; omit it if none was given"),
  last_name: z.string().optional().describe("The user's last name; omit it if none was given"),
});

/** What a name capture wants: the required parts and the format. */
export interface NameCapture {
  required: NameParts;
  format: string;
  verifySpelling: boolean;
}

/** "Mary-Jane" → "M A R Y - J A N E". */
export function spellOut(name: string): string {
  return [...name.replace(/\s+/g, ' ')].map((char) => (char === ' ' ? '/' : char.toUpperCase())).join(' ');
}

const LABELS = { firstName: 'first name', middleName: 'middle name', lastName: 'last name' } as const;

/** The capture of a name; also the cardholder step of `<GetCreditCard>`. */
export function nameSpec({ required, format, verifySpelling }: NameCapture): CaptureSpec<GetNameResult, typeof parameters, GetNameResult> {
  // Parts the user gave beyond the format are kept in the result and read back after it.
  const full = (name: GetNameResult) => {
    const inFormat = new Set(formatParts(format));
    const extra = (['first_name', 'middle_name', 'last_name'] as const).filter((part) => !inFormat.has(part));
    return formatName([format, ...extra.map((part) => `{${part}}`)].join(' '), name);
  };
  const wanted = describeNameFormat(format);
  return {
    component: '<GetName>',
    field: 'name',
    declineName: 'name',
    noun: 'name',
    parameters,
    updateDescription: "Records your best guess of the user's name. Call it as soon as you have a new guess, before asking anything.",
    parse: (args) => {
      const name: GetNameResult = {
        firstName: cleanNamePart(args.first_name, 'first name'),
        middleName: cleanNamePart(args.middle_name, 'middle name'),
        lastName: cleanNamePart(args.last_name, 'last name'),
      };
      const missing = (Object.keys(LABELS) as Array<keyof NameParts>).filter((part) => required[part] && !name[part]).map((part) => LABELS[part]);
      if (missing.length > 0) {
        throw new llm.ToolError(`Incomplete name: the ${missing.join(' and the ')} ${missing.length > 1 ? 'are' : 'is'} required; ask for it.`);
      }
      for (const part of Object.keys(LABELS) as Array<keyof NameParts>) {
        const problem = name[part] && namePartProblem(name[part]);
        if (problem) throw new llm.ToolError(`Invalid ${LABELS[part]}: ${problem}.`);
      }
      if (!name.firstName && !name.middleName && !name.lastName) throw new llm.ToolError('Incomplete name: no name part was given; ask for it.');
      return Object.fromEntries(Object.entries(name).filter(([, part]) => part !== undefined)) as GetNameResult;
    },
    readBack: full,
    confirmHint: (name) =>
      verifySpelling
        ? `Spell it out letter by letter (${spellOut(full(name))}) and ask the user to confirm the spelling.`
        : 'Repeat it back to the user and ask them to confirm it.',
    toResult: (name) => name,
    ask: {
      audio: `Ask the user for their ${wanted}. If you already have it, ask them to confirm it.`,
      text: `Ask the user to type their ${wanted}. If you already have it, ask them to confirm it.`,
    },
    rephrase: 'ask for each name part on its own, and have the user spell it letter by letter.',
  };
}

/** The built-in instructions of a name step. */
export const nameInstructions = (modality: 'audio' | 'text', { format, verifySpelling }: NameCapture) =>
  [
    "You are one step in a larger conversation, responsible only for capturing the user's name.",
    `Collect the name parts in this order: ${describeNameFormat(format)}.`,
    inputHandling(modality),
    modality === 'audio'
      ? 'Users may say a name followed by its spelling ("Michael, m i c h a e l") or use a phonetic alphabet; "dash" or "hyphen" is -, "apostrophe" is \'. Capitalise each part.'
      : "Names may have hyphens or apostrophes (Mary-Jane, O'Brien): keep them as typed.",
    verifySpelling ? 'Always verify the spelling: spell the name back letter by letter and wait for the user to confirm it.' : '',
    "Call `update_name` whenever you form a new guess of the name. Leave out parts the user did not give. Don't invent names; use only what the user said.",
    'If the user refuses to give their name, call `decline_name_capture`. Stay on topic; no markdown.',
  ]
    .filter(Boolean)
    .join('\n');

/** The required parts and format of `<GetName>` props, checked: throws on a part-less or malformed capture. */
export function nameCapture(
  props: { firstName?: boolean; middleName?: boolean; lastName?: boolean; nameFormat?: string; verifySpelling?: boolean },
  component = '<GetName>',
): NameCapture {
  const required = { firstName: props.firstName ?? true, middleName: props.middleName ?? false, lastName: props.lastName ?? false };
  if (!required.firstName && !required.middleName && !required.lastName) {
    throw misuse(component, 'captures no name part', 'Require at least one: firstName (on by default), middleName or lastName.');
  }
  const format = props.nameFormat ?? defaultNameFormat(required);
  const unknown = unknownPlaceholders(format);
  if (unknown.length > 0) {
    throw misuse(`${component}'s nameFormat "${format}"`, `has unknown placeholders: ${unknown.map((name) => `{${name}}`).join(', ')}`, 'Use {first_name}, {middle_name} and {last_name}.');
  }
  const inFormat = new Set(formatParts(format).map((part) => part.replace(/_(\w)/, (_m, c: string) => c.toUpperCase())));
  const left = (Object.keys(required) as Array<keyof NameParts>).filter((part) => required[part] && !inFormat.has(part));
  if (left.length > 0) {
    throw misuse(`${component}'s nameFormat "${format}"`, `leaves out required parts: ${left.map((part) => LABELS[part]).join(', ')}`, 'Add their placeholders, e.g. {last_name}.');
  }
  return { required, format, verifySpelling: props.verifySpelling ?? false };
}

/**
 * Collects the user's name: the first name by default, middle and last name when required by
 * props, in the order `nameFormat` gives (given parts that are not required are kept too). Model
 * placeholders ("null", "N/A", "unknown") count as not given, quotes around a value are removed,
 * typographic apostrophes (O’Brien) are accepted. With `verifySpelling` the agent spells the name
 * back and the user confirms it. Tools: `update_name`, `confirm_name`, `decline_name_capture`.
 * Result: `{ firstName?, middleName?, lastName? }`. Default id `name`.
 *
 * @example
 * <GetName lastName nameFormat="{last_name}, {first_name}" verifySpelling />
 */
export function GetName(props: GetNameProps): ReactElement {
  const { task, options, rest } = splitCollectorProps(props, { id: 'name', description: "Collects the user's name" });
  const capture = nameCapture(rest);
  const modality = useSessionModality(options.modality);
  const captureOptions = capture.verifySpelling ? { ...options, requireConfirmation: true } : options;
  return (
    <Task<GetNameResult> collector="GetName" {...task} instructions={composeInstructions(nameInstructions(modality, capture), options)}>
      <Collector spec={nameSpec(capture)} options={captureOptions} modality={modality} />
    </Task>
  );
}
