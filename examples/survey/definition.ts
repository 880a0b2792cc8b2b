/**
 * The interview as typed steps: each step's id and result type, the group they form, and the
 * userData hooks typed for it. Components render, complete and read the steps through these.
 */
import { defineGroup, defineTask, withUserData } from 'react-agent-tasks';
import type { BehavioralResult, CommuteResult, EmailResult, ExperienceResult, IntroResult, InterviewUserData } from './types.js';

export const intro = defineTask<IntroResult>('intro');
export const email = defineTask<EmailResult>('email');
export const commute = defineTask<CommuteResult>('commute');
export const experience = defineTask<ExperienceResult>('experience');
export const behavioral = defineTask<BehavioralResult>('behavioral');
export const interview = defineGroup({ intro, email, commute, experience, behavioral });

export const { useTool, useUserData } = withUserData<InterviewUserData>();
