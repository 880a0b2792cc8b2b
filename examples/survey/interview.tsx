import { llm, voice } from '@livekit/agents';
import {
  type TaskCompletedEvent,
  TaskGroup,
  type TaskGroupResult,
  type WorkflowAgent,
  WorkflowClosedError,
} from 'react-agent-tasks';
import { findSummary } from '../shared/summary.js';
import { type TrackedAgentOptions, createTrackedAgent } from '../shared/tracked-agent.js';
import { evaluateCandidate } from './evaluate.js';
import { DEFAULT_CSV_PATH, appendInterview } from './record.js';
import { BehavioralStep, CommuteStep, EmailStep, ExperienceStep, IntroStep } from './steps.js';
import type { Disqualification, InterviewRecord, InterviewResults, InterviewUserData } from './types.js';

export interface InterviewProps {
  onTaskCompleted?: (event: TaskCompletedEvent) => void | Promise<void>;
}

/**
 * The screening interview: five steps in order. Each can disqualify the candidate, which ends the
 * group early with what was collected, that step's {@link Disqualification} and `endedBy`.
 */
export function Interview({ onTaskCompleted }: InterviewProps) {
  return (
    <TaskGroup onTaskCompleted={onTaskCompleted}>
      <IntroStep />
      <EmailStep />
      <CommuteStep />
      <ExperienceStep />
      <BehavioralStep />
    </TaskGroup>
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
 * the group's summary, appends the interview to the CSV file and says goodbye. A disqualified
 * candidate gets a row with the answers so far and the reason, no evaluation, a goodbye, and the
 * call ends.
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

  // `disqualify` ended the group at `step` (the group is the outermost, so its path is its id):
  // that step's result is the Disqualification, the others are the answers so far.
  const disqualified = async (taskResults: TaskGroupResult['taskResults'], step: string, agent: WorkflowAgent<TaskGroupResult>) => {
    const session = agent.session as voice.AgentSession<InterviewUserData>;
    const { [step]: ended, ...answers } = taskResults;
    const goodbye = session.generateReply({
      instructions: "Politely tell the candidate that we won't move forward with their application, thank them and say goodbye.",
    });
    await record({
      status: 'disqualified',
      results: answers as Partial<InterviewResults>,
      userData: { ...session.userData },
      disqualification: { step, reason: (ended as Disqualification).reason },
      summary: findSummary(agent.chatCtx),
    });
    // Hang up once the goodbye was heard.
    await goodbye.waitForPlayout();
    session.shutdown({ reason: 'candidate disqualified' });
  };

  return createTrackedAgent<TaskGroupResult>(<Interview />, {
    ...workflow,
    instructions: 'You are a friendly recruiter screening candidates for a software engineering role.',
    onResult: async ({ taskResults, endedBy }, agent) => {
      if (endedBy !== undefined) return disqualified(taskResults, endedBy, agent);
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
    onError: (error) => {
      if (!(error instanceof WorkflowClosedError)) throw error; // else the caller hung up
    },
  });
}
