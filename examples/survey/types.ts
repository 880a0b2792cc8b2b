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
