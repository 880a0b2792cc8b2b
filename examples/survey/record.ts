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
    disqualification_reason: record.userData.disqualificationReason,
    summary: record.summary,
    evaluation: record.evaluation,
  };
}

/**
 * Appends one interview as a CSV row, writing the header first when the file is new. The CSV
 * library quotes commas, quotes and newlines in free-text answers.
 */
export async function appendInterview(path: string, record: InterviewRecord): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const header = !existsSync(path);
  const text = stringify([toRow(record)], { header, columns: [...CSV_COLUMNS], cast: { boolean: (value) => String(value) } });
  await appendFile(path, text);
}
