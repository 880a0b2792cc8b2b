import type { ReactNode } from 'react';
import { type Assumption, type OutlineStep, outlineOf } from '../inspector/source.js';
import { type Probe, mergeOutlines } from './conditional-steps.js';

function keysOf(assumption: Assumption): string[] {
  return [...Object.keys(assumption.results ?? {}), ...Object.keys(assumption.userData ?? {}).map((key) => `userData.${key}`)];
}

function only(assumption: Assumption, key: string): Assumption {
  if (key.startsWith('userData.')) {
    const name = key.slice('userData.'.length);
    return { userData: { [name]: assumption.userData?.[name] } };
  }
  return { results: { [key]: assumption.results?.[key] } };
}

/**
 * The workflow's outline with its conditional steps: rendered with no answers, then under each
 * assumed set of answers (`{ results: { account_type: 'business' }, userData: { wantsCall: true } }`)
 * and under each of its answers alone, which tells what a step that appears or disappears depends on.
 * Nothing runs: no session is started, no model is called.
 */
export function outlineWorkflow(element: ReactNode, assumptions: Assumption[] = []): OutlineStep {
  const probes: Probe[] = [];
  for (const assumption of assumptions) {
    const keys = keysOf(assumption);
    probes.push({ outline: outlineOf(element, assumption), keys, single: keys.length === 1 });
    if (keys.length < 2) continue;
    // A nested step's result alone would name a group that only the other answers render.
    for (const key of keys.filter((k) => k.startsWith('userData.') || !k.includes('/'))) {
      probes.push({ outline: outlineOf(element, only(assumption, key)), keys: [key], single: true });
    }
  }
  return mergeOutlines(outlineOf(element), probes);
}
