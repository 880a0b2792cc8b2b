import { llm, voice } from '@livekit/agents';
import {
  type TaskCompletedEvent,
  TaskGroup,
  type TaskGroupResult,
  WorkflowClosedError,
} from 'react-agent-tasks';
import { findSummary } from '../shared/summary.js';
import { type TrackedAgentOptions, createTrackedAgent } from '../shared/tracked-agent.js';
import { Disqualified, DisqualifiedContext } from './disqualify.js';
import { evaluateCandidate } from './evaluate.js';
import { DEFAULT_CSV_PATH, appendInterview } from './record.js';
import { BehavioralStep, CommuteStep, EmailStep, ExperienceStep, IntroStep } from './steps.js';
import type { InterviewRecord, InterviewResults, InterviewUserData } from './types.js';

export interface InterviewProps {
  /** Called with each disqualified interview (the answers so far); the agent writes it to the CSV. */
  onDisqualified?: (results: Partial<InterviewResults>, userData: InterviewUserData) => Promise<void>;
  onTaskCompleted?: (event: TaskCompletedEvent) => void | Promise<void>;
}

/** The screening interview: five steps in order, each of which can disqualify the candidate. */
export function Interview({ onDisqualified = async () => {}, onTaskCompleted }: InterviewProps) {
  return (
    <DisqualifiedContext.Provider value={onDisqualified}>
      <TaskGroup onTaskCompleted={onTaskCompleted}>
        <IntroStep />
        <EmailStep />
        <CommuteStep />
        <ExperienceStep />
        <BehavioralStep />
      </TaskGroup>
    </DisqualifiedContext.Provider>
  );
}

export interface SurveyAgentOptions extends Pick<TrackedAgentOptions<TaskGroupResult>, 'onEvent' | 'strict' | 'track' | 'checkpoint'> {
  /** The CSV file every interview is appended to. Default `examples/survey/out/interviews.csv`. */
  csvPath?: string;
  /** Called with each interview once its row is written and the goodbye is under way: the agent's work is done. */
  onRecorded?: (record: InterviewRecord) => void;
}

/**
 * The interview screening agent: runs `<Interview>`, then asks the model for an evaluation from
 * the group's summary, appends the interview to the CSV file and says goodbye.
 */
export function createSurveyAgent({ csvPath = DEFAULT_CSV_PATH, onRecorded, ...workflow }: SurveyAgentOptions = {}) {
  // A row that cannot be written is reported with the interview at once, and the call goes on.
  const record = async (entry: InterviewRecord) => {
    try {
      await appendInterview(csvPath, entry);
      onRecorded?.(entry);
    } catch (error) {
      onRecorded?.({ ...entry, writeError: (error as Error).message });
    }
  };
  const onDisqualified = async (results: Partial<InterviewResults>, userData: InterviewUserData) => {
    await record({ status: 'disqualified', results, userData: { ...userData } });
  };

  return createTrackedAgent<TaskGroupResult>(<Interview onDisqualified={onDisqualified} />, {
    ...workflow,
    instructions: 'You are a friendly recruiter screening candidates for a software engineering role.',
    onResult: async ({ taskResults }, agent) => {
      const session = agent.session as voice.AgentSession<InterviewUserData>;
      const summary = findSummary(agent.chatCtx) ?? '';
      const evaluation = session.llm instanceof llm.LLM ? await evaluateCandidate(session.llm, summary) : undefined;
      const results = taskResults as Partial<InterviewResults>;
      const entry: InterviewRecord = { status: 'completed', results, userData: { ...session.userData }, summary, evaluation };
      session.generateReply({
        instructions: `Thank ${session.userData.candidateName ?? 'the candidate'} for their time and say that the team will be in touch.`,
      });
      await record(entry);
    },
    // Disqualified: the row is written already; say goodbye, then hang up once it was heard.
    onError: async (error, agent) => {
      if (error instanceof WorkflowClosedError) return; // the caller hung up
      if (!(error instanceof Disqualified)) throw error;
      const goodbye = agent.session.generateReply({
        instructions: "Politely tell the candidate that we won't move forward with their application, thank them and say goodbye.",
      });
      await goodbye.waitForPlayout();
      agent.session.shutdown({ reason: 'candidate disqualified' });
    },
  });
}
