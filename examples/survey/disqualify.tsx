import { createContext, useContext } from 'react';
import { useTaskResults } from 'react-agent-tasks';
import { z } from 'zod';
import { interview, useTool } from './definition.js';
import type { InterviewResults, InterviewUserData } from './types.js';

/** What `<Disqualify>` does with a disqualified interview (records it), given by `<Interview>`. */
export const DisqualifiedContext = createContext<(results: Partial<InterviewResults>, userData: InterviewUserData) => Promise<void>>(
  async () => {},
);

const DisqualifyArgs = z.object({ reason: z.string().describe('Why the candidate is disqualified, in one sentence') });

/** Ends the interview: the group fails with it, and the agent says goodbye and hangs up. */
export class Disqualified extends Error {
  override name = 'Disqualified';
  constructor(readonly reason: string) {
    super(`The candidate was disqualified: ${reason}`);
  }
}

/**
 * The `disqualify` tool, rendered inside every step so the model can end the interview at any
 * point. It records the reason in userData, hands the answers collected so far to
 * `DisqualifiedContext` (the agent writes the CSV row), and fails the step with `Disqualified`,
 * which ends the group. The agent then says goodbye and ends the session: a session shut down
 * from inside a tool would cancel the running step before any goodbye could be spoken.
 */
export function Disqualify() {
  const onDisqualified = useContext(DisqualifiedContext);
  const results = useTaskResults(interview);
  useTool('disqualify', {
    description:
      'End the interview when the candidate is clearly not a fit (for example cannot commute and will not relocate, ' +
      'or refuses to answer). Give the reason.',
    parameters: DisqualifyArgs,
    execute: async ({ reason }, { userData, complete }) => {
      userData.disqualificationReason = reason;
      await onDisqualified(results, userData);
      complete(new Disqualified(reason));
      return 'The candidate is disqualified; the interview is over.';
    },
  });
  return null;
}
