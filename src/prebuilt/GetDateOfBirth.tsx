import { llm } from '@livekit/agents';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { Collector } from './Collector.js';
import { type CollectorProps, composeInstructions, inputHandling, splitCollectorProps, useSessionModality } from './collector-props.js';
import { birthDateProblem, fullBirthYear, isoDate, pad2, timeProblem } from './dates.js';
import type { CaptureSpec } from './use-capture.js';

/** The result of {@link GetDateOfBirth}: `dateOfBirth` as `YYYY-MM-DD`, `timeOfBirth` as `HH:MM` (24 h). */
export interface GetDateOfBirthResult {
  dateOfBirth: string;
  timeOfBirth?: string;
}

/** Props of {@link GetDateOfBirth}. */
export interface GetDateOfBirthProps extends CollectorProps<GetDateOfBirthResult> {
  /** Also ask for the time of birth (optional for the user). Default false. */
  includeTime?: boolean;
  /** Today's date, for "not in the future" and two-digit years. Default `() => new Date()`. */
  today?: () => Date;
}

const parameters = z.object({
  year: z.number().int().describe('Birth year, e.g. 1990 (two digits are read as the most recent past year)'),
  month: z.number().int().describe('Birth month, 1-12'),
  day: z.number().int().describe('Birth day of the month, 1-31'),
  hour: z.number().int().optional().describe('Hour of birth, 0-23, only if the user gave a time'),
  minute: z.number().int().optional().describe('Minute of birth, 0-59, only if the user gave a time'),
});

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dobSpec(includeTime: boolean, today: () => Date): CaptureSpec<GetDateOfBirthResult, typeof parameters, GetDateOfBirthResult> {
  return {
    component: '<GetDateOfBirth>',
    field: 'date_of_birth',
    declineName: 'date_of_birth',
    noun: 'date of birth',
    parameters,
    updateDescription: "Records your best guess of the user's date of birth (and time of birth, if given). Call it as soon as you have a new guess.",
    parse: ({ year, month, day, hour, minute }) => {
      const now = today();
      const fullYear = fullBirthYear(year, now);
      const problem = birthDateProblem(fullYear, month, day, now);
      if (problem) throw new llm.ToolError(`Invalid date of birth: ${problem}. Ask the user again.`);
      const result: GetDateOfBirthResult = { dateOfBirth: isoDate(fullYear, month, day) };
      if (includeTime && hour !== undefined) {
        const bad = timeProblem(hour, minute ?? 0);
        if (bad) throw new llm.ToolError(`Invalid time of birth: ${bad}.`);
        result.timeOfBirth = `${pad2(hour)}:${pad2(minute ?? 0)}`;
      }
      return result;
    },
    readBack: ({ dateOfBirth, timeOfBirth }) => {
      const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
      return `${MONTHS[month - 1]} ${day}, ${year}${timeOfBirth ? ` at ${timeOfBirth}` : ''}`;
    },
    confirmHint: () => 'Read the date back in a natural spoken form and ask the user to confirm it.',
    toResult: (value) => value,
    rephrase: 'ask for the month first, then the day, then the year.',
    ask: {
      audio: `Ask the user for their date of birth${includeTime ? ' and, if they know it, their time of birth' : ''}. If you already have it, ask them to confirm it.`,
      text: `Ask the user to type their date of birth${includeTime ? ' and, if they know it, their time of birth' : ''}. If you already have it, ask them to confirm it.`,
    },
  };
}

const instructions = (modality: 'audio' | 'text', includeTime: boolean) =>
  [
    'You are one step in a larger conversation, responsible only for capturing a date of birth.',
    inputHandling(modality),
    modality === 'audio'
      ? 'Users say dates in many ways ("the fifteenth of January nineteen ninety", "one fifteen ninety"): turn spoken numbers into digits.'
      : 'Accept common formats such as 01/15/1990, January 15 1990 or 1990-01-15; ask when day and month order is ambiguous.',
    includeTime ? 'Also ask for the time of birth; it is optional, so go on without it if the user does not know it.' : '',
    "Call `update_date_of_birth` whenever you form a new guess. Don't invent dates.",
    'If the user refuses to give their date of birth, call `decline_date_of_birth_capture`. Stay on topic; no markdown.',
  ]
    .filter(Boolean)
    .join('\n');

/**
 * Collects a date of birth, validated against the calendar (no February 30; leap years honoured)
 * and never in the future; optionally a time of birth. Tools: `update_date_of_birth`,
 * `confirm_date_of_birth`, `decline_date_of_birth_capture`. Result: `{ dateOfBirth, timeOfBirth? }`.
 * Default id `date_of_birth`.
 *
 * @example
 * <GetDateOfBirth includeTime />
 */
export function GetDateOfBirth(props: GetDateOfBirthProps): ReactElement {
  const { task, options, rest } = splitCollectorProps(props, { id: 'date_of_birth', description: "Collects the user's date of birth" });
  const includeTime = rest.includeTime ?? false;
  const modality = useSessionModality(options.modality);
  return (
    <Task<GetDateOfBirthResult> collector="GetDateOfBirth" {...task} instructions={composeInstructions(instructions(modality, includeTime), options)}>
      <Collector spec={dobSpec(includeTime, rest.today ?? (() => new Date()))} options={options} modality={modality} />
    </Task>
  );
}
