import { llm } from '@livekit/agents';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { Collector } from './Collector.js';
import { type CollectorProps, composeInstructions, inputHandling, splitCollectorProps, useSessionModality } from './collector-props.js';
import type { CaptureSpec } from './use-capture.js';

/** The result of {@link GetName}: the parts the user gave (the required ones always). */
export interface GetNameResult {
  firstName: string;
  middleName?: string;
  lastName?: string;
}

/** Props of {@link GetName}. The first name is always required. */
export interface GetNameProps extends CollectorProps<GetNameResult> {
  /** Require a last name. Default false. */
  lastName?: boolean;
  /** Require a middle name. Default false. */
  middleName?: boolean;
  /**
   * Check the spelling: the agent spells the recorded name letter by letter and the user must
   * confirm it (`confirm_name`), whatever `requireConfirmation` says. Default false.
   */
  verifySpelling?: boolean;
}

const parameters = z.object({
  first_name: z.string().describe("The user's first name, capitalised; empty string if not given yet"),
  middle_name: z.string().optional().describe("The user's middle name; empty or omitted if none was given"),
  last_name: z.string().optional().describe("The user's last name; empty or omitted if none was given"),
});

type Required = { lastName: boolean; middleName: boolean };

/** "Mary-Jane" → "M A R Y - J A N E". */
export function spellOut(name: string): string {
  return [...name.replace(/\s+/g, ' ')].map((char) => (char === ' ' ? '/' : char.toUpperCase())).join(' ');
}

/** The capture of a name; also the cardholder step of `<GetCreditCard>`. */
export function nameSpec(required: Required, verifySpelling: boolean): CaptureSpec<GetNameResult, typeof parameters, GetNameResult> {
  const full = (name: GetNameResult) => [name.firstName, name.middleName, name.lastName].filter(Boolean).join(' ');
  return {
    field: 'name',
    declineName: 'name',
    noun: 'name',
    parameters,
    updateDescription: "Records your best guess of the user's name. Call it as soon as you have a new guess, before asking anything.",
    parse: (args) => {
      const clean = (part: string | undefined) => part?.trim().replace(/\s+/g, ' ') || undefined;
      const name = { firstName: clean(args.first_name), middleName: clean(args.middle_name), lastName: clean(args.last_name) };
      const missing = [
        !name.firstName && 'first name',
        required.middleName && !name.middleName && 'middle name',
        required.lastName && !name.lastName && 'last name',
      ].filter(Boolean);
      if (missing.length > 0) throw new llm.ToolError(`Incomplete name: the ${missing.join(' and the ')} ${missing.length > 1 ? 'are' : 'is'} required; ask for it.`);
      const invalid = Object.values(name).find((part) => part && !/^[\p{L}\p{M}' .-]+$/u.test(part));
      if (invalid) throw new llm.ToolError(`Invalid name: "${invalid}" contains characters names do not have.`);
      return {
        firstName: name.firstName!,
        ...(name.middleName ? { middleName: name.middleName } : {}),
        ...(name.lastName ? { lastName: name.lastName } : {}),
      };
    },
    readBack: full,
    confirmHint: (name) =>
      verifySpelling
        ? `Spell it out letter by letter (${spellOut(full(name))}) and ask the user to confirm the spelling.`
        : 'Repeat it back to the user and ask them to confirm it.',
    toResult: (name) => name,
    ask: {
      audio: `Ask the user for their ${partsWanted(required)}. If you already have it, ask them to confirm it.`,
      text: `Ask the user to type their ${partsWanted(required)}. If you already have it, ask them to confirm it.`,
    },
  };
}

function partsWanted(required: Required): string {
  const parts = ['first name', required.middleName && 'middle name', required.lastName && 'last name'].filter(Boolean) as string[];
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The built-in instructions of a name step. */
export const nameInstructions = (modality: 'audio' | 'text', required: Required, verifySpelling: boolean) =>
  [
    "You are one step in a larger conversation, responsible only for capturing the user's name.",
    `Collect their ${partsWanted(required)}.`,
    inputHandling(modality),
    modality === 'audio'
      ? 'Users may say a name followed by its spelling ("Michael, m i c h a e l") or use a phonetic alphabet; "dash" or "hyphen" is -, "apostrophe" is \'. Capitalise each part.'
      : '',
    verifySpelling ? 'Always verify the spelling: spell the name back letter by letter and wait for the user to confirm it.' : '',
    "Call `update_name` whenever you form a new guess of the name. Don't invent names; use only what the user said.",
    'If the user refuses to give their name, call `decline_name_capture`. Stay on topic; no markdown.',
  ]
    .filter(Boolean)
    .join('\n');

/**
 * Collects the user's name: first name always, middle and last name when required by props
 * (given parts that are not required are kept too). With `verifySpelling` the agent spells the
 * name back and the user confirms it. Tools: `update_name`, `confirm_name`, `decline_name_capture`.
 * Result: `{ firstName, middleName?, lastName? }`. Default id `name`.
 *
 * @example
 * <GetName lastName verifySpelling />
 */
export function GetName(props: GetNameProps): ReactElement {
  const { task, options, rest } = splitCollectorProps(props, { id: 'name', description: "Collects the user's name" });
  const required = { lastName: rest.lastName ?? false, middleName: rest.middleName ?? false };
  const verifySpelling = rest.verifySpelling ?? false;
  const modality = useSessionModality(options.modality);
  const captureOptions = verifySpelling ? { ...options, requireConfirmation: true } : options;
  return (
    <Task<GetNameResult> {...task} instructions={composeInstructions(nameInstructions(modality, required, verifySpelling), options)}>
      <Collector spec={nameSpec(required, verifySpelling)} options={captureOptions} modality={modality} />
    </Task>
  );
}
