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

/** What a step completes with when the model calls `disqualify` there; that step ends the interview. */
export interface Disqualification {
  disqualified: true;
  reason: string;
}

/** The session's userData: the intro step writes the name. */
export interface InterviewUserData {
  candidateName?: string;
}

/** One finished or disqualified interview, as written to the CSV file. */
export interface InterviewRecord {
  status: 'completed' | 'disqualified';
  /** The answers collected (all of them, or those before the disqualifying step). */
  results: Partial<InterviewResults>;
  userData: InterviewUserData;
  /** Where and why the candidate was disqualified (disqualified interviews). */
  disqualification?: { step: string; reason: string };
  /** The group's summary of the conversation. */
  summary?: string;
  /** The model's verdict from that summary (completed interviews). */
  evaluation?: string;
  /** Set when the row could not be written to the CSV file: why, at once (the interview is still reported). */
  writeError?: string;
}
