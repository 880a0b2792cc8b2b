import type { ReactElement } from 'react';
import type { Assumption } from 'react-agent-tasks/diagram';
import { AccountOpening } from '../beyond/account-opening.js';
import { CollectConsent } from '../consent/consent.js';
import { Onboarding } from '../onboarding/onboarding.js';
import { SeedInterview } from '../seed/seed.js';
import { Interview } from '../survey/interview.js';

/** What `npm run graph` draws for an example: its workflow, and answers that bring in its conditional steps. */
export interface ExampleDiagram {
  /** The workflow the example's agent runs. */
  workflow(): ReactElement;
  /** Answers under which steps appear that an empty render does not show. */
  assume?: Assumption[];
}

/** One diagram per workflow; `survey-disqualified`, `survey-dropped` and `consent-declined` are other runs of the same ones. */
export const DIAGRAMS: Record<string, ExampleDiagram> = {
  survey: { workflow: () => <Interview /> },
  consent: { workflow: () => <CollectConsent /> },
  onboarding: { workflow: () => <Onboarding /> },
  beyond: {
    workflow: () => <AccountOpening />,
    // The company group exists for business accounts, the phone step when the caller wants a call.
    assume: [{ results: { account_type: 'business' }, userData: { wantsCall: true } }],
  },
  seed: { workflow: () => <SeedInterview /> },
};

const ENDINGS: Record<string, string> = { 'survey-disqualified': 'survey', 'survey-dropped': 'survey', 'consent-declined': 'consent' };

/** The diagram of an example by its `--example` name. */
export function findDiagram(name: string): ExampleDiagram | undefined {
  return DIAGRAMS[ENDINGS[name] ?? name];
}
