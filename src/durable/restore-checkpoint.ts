import type { CheckpointDocument } from './document.js';
import { setOwn, type JsonValue } from './json-value.js';
import { checkSensitiveRule, reveal, type SensitiveRule } from './sensitive.js';

/** A checkpoint turned back into values a resumed workflow uses. */
export interface RestoredCheckpoint {
  /** Results by step path, in the order the steps finished: these steps are not asked again. */
  results: Map<string, unknown>;
  /** Finished steps whose results were omitted (sensitive, default rule): a resumed call asks them again. */
  askAgain: string[];
  /** The step that was interrupted: it starts afresh. */
  interrupted: string | null;
  groups: CheckpointDocument['groups'];
  /** userData with sealed keys opened; omitted keys are absent. */
  userData: JsonValue;
  context: CheckpointDocument['context'];
}

/**
 * Reads a checkpoint back with the same sensitive rule it was written with (or one holding its
 * key among `previousKeys`). Throws when a sealed value does not open: a resume never continues
 * with a value silently missing.
 */
export function restoreCheckpoint(document: CheckpointDocument, sensitive?: SensitiveRule): RestoredCheckpoint {
  const rule = checkSensitiveRule(sensitive, 'restoreCheckpoint()');
  const results = new Map<string, unknown>();
  const askAgain: string[] = [];
  for (const step of document.completed) {
    const opened = reveal(step.result, rule, `step:${step.path}`);
    if (opened.restored) results.set(step.path, opened.value);
    else askAgain.push(step.path);
  }
  let userData = document.userData;
  if (document.sealedUserData) {
    const opened: Record<string, JsonValue> = { ...(userData as Record<string, JsonValue>) };
    for (const [key, stored] of Object.entries(document.sealedUserData)) {
      const value = reveal(stored, rule, `userData:${key}`);
      if (value.restored && value.value !== undefined) setOwn(opened, key, value.value);
    }
    userData = opened;
  }
  return {
    results,
    askAgain,
    interrupted: document.inProgress?.path ?? null,
    groups: document.groups,
    userData,
    context: document.context,
  };
}
