import type { ReactNode } from 'react';
import { type Assumption, type OutlineStep, outlineOf } from '../inspector/source.js';
import { type Probe, mergeOutlines } from './conditional-steps.js';

const USER_DATA = 'userData.';

function keysOf(assumption: Assumption): string[] {
  return [...Object.keys(assumption.results ?? {}), ...Object.keys(assumption.userData ?? {}).map((key) => USER_DATA + key)];
}

/** The part of `assumption` named by `keys`. */
function pick(assumption: Assumption, keys: string[]): Assumption {
  const results = Object.fromEntries(keys.filter((k) => !k.startsWith(USER_DATA)).map((k) => [k, assumption.results?.[k]]));
  const userData = Object.fromEntries(keys.filter((k) => k.startsWith(USER_DATA)).map((k) => [k.slice(USER_DATA.length), assumption.userData?.[k.slice(USER_DATA.length)]]));
  return { results, userData };
}

/**
 * The workflow's outline with its conditional steps. It is rendered with no answers, then under
 * each assumed set of answers (`{ results: { account_type: 'business' }, userData: { wantsCall:
 * true } }`), under each answer alone and under all but one: a step that appears or disappears
 * between two renders that differ by one answer depends on that answer. Nothing runs: no session
 * is started, no model is called.
 */
export function outlineWorkflow(element: ReactNode, assumptions: Assumption[] = []): OutlineStep {
  const probes: Probe[] = [];
  const probe = (assumption: Assumption, assumed: string[]) => {
    probes.push({ outline: outlineOf(element, pick(assumption, assumed)), assumed });
  };
  for (const assumption of assumptions) {
    const keys = keysOf(assumption);
    probe(assumption, keys);
    if (keys.length < 2) continue;
    for (const key of keys) {
      probe(assumption, [key]);
      probe(assumption, keys.filter((k) => k !== key));
    }
  }
  return mergeOutlines(outlineOf(element), probes);
}
