import { useEndGroup, useTool } from 'react-agent-tasks';
import { z } from 'zod';
import type { Disqualification } from './types.js';

const DisqualifyArgs = z.object({ reason: z.string().describe('Why the candidate is disqualified, in one sentence') });

/**
 * The `disqualify` tool, rendered inside every step so the model can end the interview at any
 * point. The step completes with a {@link Disqualification} and ends the group early and
 * successfully (`useEndGroup`): the later steps do not run, and the group resolves with the
 * answers collected so far, this step's disqualification and `endedBy` (the step's id). The agent
 * then writes the row, says goodbye and hangs up: a session shut down from inside a tool would
 * cancel the running step before any goodbye could be spoken.
 */
export function Disqualify() {
  const endInterview = useEndGroup<Disqualification>();
  useTool('disqualify', {
    description:
      'End the interview when the candidate is clearly not a fit (for example cannot commute and will not relocate, ' +
      'or refuses to answer). Give the reason.',
    parameters: DisqualifyArgs,
    execute: ({ reason }) => {
      endInterview({ disqualified: true, reason });
      return 'The candidate is disqualified; the interview is over.';
    },
  });
  return null;
}
