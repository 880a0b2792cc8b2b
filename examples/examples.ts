import type { Example } from './shared/example.js';
import { beyond } from './beyond/example.js';
import { consent, consentDeclined } from './consent/example.js';
import { onboarding } from './onboarding/example.js';
import { seed } from './seed/example.js';
import { survey, surveyDisqualified, surveyDropped } from './survey/example.js';

/** Every example the CLI can run, by name; the first is the default. */
export const EXAMPLES: Example[] = [survey, surveyDisqualified, surveyDropped, consent, consentDeclined, onboarding, beyond, seed];

export function findExample(name: string): Example | undefined {
  return EXAMPLES.find((example) => example.name === name);
}
