/** What each step of the interview returns, keyed by the step ids of `<Interview>`. */
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

// A type alias, not an interface: useTaskResults<T> wants a plain record type.
export type InterviewResults = {
  intro: IntroResult;
  email: EmailResult;
  commute: CommuteResult;
  experience: ExperienceResult;
  behavioral: BehavioralResult;
};

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
