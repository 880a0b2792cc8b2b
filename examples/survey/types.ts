import type { GroupResultsOf } from 'react-agent-tasks';
import type { interview } from './definition.js';

/** What each step of the interview returns (the step handles are in definition.ts). */
export interface IntroResult {
  name: string;
  intro: string;
}

export interface EmailResult {
  email: string;
}

export interface CommuteResult {
  canCommute: boolean;
  commuteMethod: string;
}

export interface ExperienceResult {
  years: number;
  summary: string;
}

export interface BehavioralResult {
  strengths: string;
  weaknesses: string;
  workStyle: string;
}

/** The interview's results by step id, typed by its definition. */
export type InterviewResults = GroupResultsOf<typeof interview>;

/** The session's userData: the intro step writes the name, `disqualify` the reason. */
export interface InterviewUserData {
  candidateName?: string;
  disqualificationReason?: string;
}

/** One finished or disqualified interview, as written to the CSV file. */
export interface InterviewRecord {
  status: 'completed' | 'disqualified';
  results: Partial<InterviewResults>;
  userData: InterviewUserData;
  /** The group's summary of the conversation (completed interviews). */
  summary?: string;
  /** The model's verdict from that summary (completed interviews). */
  evaluation?: string;
  /** Set when the row could not be written to the CSV file: why, at once (the interview is still reported). */
  writeError?: string;
}
