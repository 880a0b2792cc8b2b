import { createContext, useContext } from 'react';
import { useTaskResults, useTool } from 'react-agent-tasks';
import { z } from 'zod';
import type { InterviewResults, InterviewUserData } from './types.js';

/** What `<Disqualify>` does with a disqualified interview (records it), given by `<Interview>`. */
export const DisqualifiedContext = createContext<(results: Partial<InterviewResults>, userData: InterviewUserData) => Promise<void>>(
  async () => {},
);

const DisqualifyArgs = z.object({ reason: z.string().describe('Why the candidate is disqualified, in one sentence') });

/**
 * The `disqualify` tool, rendered inside every step so the model can end the interview at any
 * point. It records the reason in userData, hands the answers collected so far to
 * `DisqualifiedContext` and ends the session once the goodbye has been said (drain).
 */
export function Disqualify() {
  const onDisqualified = useContext(DisqualifiedContext);
  const results = useTaskResults<InterviewResults>();
  useTool<typeof DisqualifyArgs, InterviewUserData>('disqualify', {
    description:
      'End the interview when the candidate is clearly not a fit (for example cannot commute and will not relocate, ' +
      'or refuses to answer). Give the reason.',
    parameters: DisqualifyArgs,
    execute: async ({ reason }, { session, userData }) => {
      userData.disqualificationReason = reason;
      await onDisqualified(results, userData);
      session.shutdown({ drain: true, reason: 'candidate disqualified' });
      return 'The interview is over. Thank the candidate politely and say goodbye.';
    },
  });
  return null;
}
