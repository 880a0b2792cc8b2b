import { existsSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import type { InterviewRecord } from './types.js';

/** Where interviews go unless told otherwise (git-ignored). */
export const DEFAULT_CSV_PATH = fileURLToPath(new URL('./out/interviews.csv', import.meta.url));

export const CSV_COLUMNS = [
  'recorded_at',
  'status',
  'candidate_name',
  'intro',
  'email',
  'can_commute',
  'commute_method',
  'years_of_experience',
  'experience',
  'strengths',
  'weaknesses',
  'work_style',
  'disqualification_reason',
  'summary',
  'evaluation',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string | number | boolean | undefined>;

export function toRow(record: InterviewRecord, recordedAt = new Date()): Row {
  const { intro, email, commute, experience, behavioral } = record.results;
  return {
    recorded_at: recordedAt.toISOString(),
    status: record.status,
    candidate_name: record.userData.candidateName ?? intro?.name,
    intro: intro?.intro,
    email: email?.email,
    can_commute: commute?.canCommute,
    commute_method: commute?.commuteMethod,
    years_of_experience: experience?.years,
    experience: experience?.summary,
    strengths: behavioral?.strengths,
    weaknesses: behavioral?.weaknesses,
    work_style: behavioral?.workStyle,
    disqualification_reason: record.disqualification?.reason,
    summary: record.summary,
    evaluation: record.evaluation,
  };
}

// What spreadsheets read as the start of a formula (CSV injection): = + - @, and a leading tab or CR.
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe,
 * as OWASP advises for CSV injection. Answers are the candidate's own words, so they are not trusted.
 */
export function safeCell(value: string): string {
  return FORMULA_START.has(value[0] ?? '') ? `'${value}` : value;
}

/** Why writing an interview failed: the file and the cause, for the operator. */
export class InterviewWriteError extends Error {
  override name = 'InterviewWriteError';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`could not write the interview to ${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.cause = cause;
  }
}

/**
 * Appends one interview as a CSV row, writing the header first when the file is new. The CSV
 * library quotes commas, quotes and newlines in free-text answers; {@link safeCell} keeps any
 * answer from running as a formula. Rejects with an {@link InterviewWriteError} when the file
 * cannot be written.
 */
export async function appendInterview(path: string, record: InterviewRecord): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const header = !existsSync(path);
    const text = stringify([toRow(record)], {
      header,
      columns: [...CSV_COLUMNS],
      // Numbers too: a negative one would start with "-".
      cast: { boolean: (value) => String(value), string: safeCell, number: (value) => safeCell(String(value)) },
    });
    await appendFile(path, text);
  } catch (error) {
    throw new InterviewWriteError(path, error);
  }
}
