import { misuse } from '../model/errors.js';
import { CHECKPOINT_SCHEMA_VERSION, type CheckpointDocument, type StoredValue } from './document.js';
import { assertJsonValue, setOwn, type JsonValue } from './json-value.js';
import { checkSensitiveRule, protect, type SensitiveRule } from './sensitive.js';

/** What the workflow knows after a step change (the engine fills it in; plain data, no LiveKit objects). */
export interface CheckpointInput {
  /** Your version of the workflow: bump it when steps change (see `migrateCheckpoint`). */
  workflowVersion: string;
  /** Finished steps in the order they finished. `sensitive`: the step or an enclosing group is sensitive. */
  completed: ReadonlyArray<{ path: string; result: unknown; sensitive?: boolean }>;
  /** The step running when this was saved, if any. */
  inProgress?: { path: string; sensitive?: boolean } | null;
  /** Each group's visit state by group path (`''` for the top-level group). */
  groups?: Record<string, { visited: readonly string[]; goBackTargets: readonly string[] }>;
  /** The session's userData: plain JSON. */
  userData?: unknown;
  /** A summary of the conversation so far; must not repeat a sensitive step's words. */
  summary?: string;
  /** The conversation's turns, oldest first; those spoken during a sensitive step are marked `sensitive`. */
  turns?: ReadonlyArray<{ role: 'user' | 'assistant'; text: string; sensitive?: boolean }>;
}

export interface CreateCheckpointOptions {
  /** How sensitive values are kept out: omitted (default) or sealed with your key. */
  sensitive?: SensitiveRule;
  /** How many of the last (non-sensitive) turns to keep. Default 12. */
  lastTurns?: number;
  /** The clock for `savedAt`. Default `Date.now`. */
  now?: () => number;
}

/**
 * The checkpoint document for `input`: JSON checked, sensitive values omitted or sealed, the
 * context compacted to the summary and the last turns. Throws (a developer mistake) for a result or
 * userData that is not plain JSON, naming the step.
 *
 * A finished group whose result holds a sensitive step's result (its `taskResults`) is treated as
 * sensitive too, so that value never appears in clear one level up.
 */
export function createCheckpoint(input: CheckpointInput, options: CreateCheckpointOptions = {}): CheckpointDocument {
  const rule = checkSensitiveRule(options.sensitive, 'createCheckpoint()');
  const lastTurns = options.lastTurns ?? 12;
  if (!Number.isSafeInteger(lastTurns) || lastTurns < 0) {
    throw misuse('createCheckpoint()', `got lastTurns ${String(options.lastTurns)}`, 'Pass a whole number ≥ 0.');
  }
  if (typeof input?.workflowVersion !== 'string') {
    throw misuse('createCheckpoint()', 'needs a workflowVersion string', "Pass your workflow's version, e.g. '3'.");
  }

  const sensitivePaths = input.completed.filter((step) => step.sensitive).map((step) => step.path);
  if (input.inProgress?.sensitive) sensitivePaths.push(input.inProgress.path);
  const holdsSensitive = enclosingPaths(sensitivePaths);
  const seen = new Set<string>();
  const completed = input.completed.map((step) => {
    if (seen.has(step.path)) throw misuse('createCheckpoint()', `got step "${step.path}" twice in completed`, 'List each finished step once, with its latest result.');
    seen.add(step.path);
    // A task completed with no value (`complete()`) keeps `undefined`, which JSON cannot hold at the top.
    if (step.result !== undefined) assertJsonValue(step.result, `the result of step "${step.path}"`);
    const sensitive = step.sensitive === true || holdsSensitive.has(step.path);
    return { path: step.path, sensitive, result: protect(step.result, sensitive, rule, `step:${step.path}`) };
  });

  const { userData, sealedUserData } = splitUserData(input.userData, rule);
  const spoken = (input.turns ?? []).filter((turn) => !turn.sensitive);
  const turns = lastTurns === 0 ? [] : spoken.slice(-lastTurns).map(({ role, text }) => ({ role, text }));

  return {
    schemaVersion: CHECKPOINT_SCHEMA_VERSION,
    workflowVersion: input.workflowVersion,
    savedAt: (options.now ?? Date.now)(),
    completed,
    inProgress: input.inProgress ? { path: input.inProgress.path, sensitive: input.inProgress.sensitive === true } : null,
    groups: Object.fromEntries(
      Object.entries(input.groups ?? {}).map(([path, group]) => [path, { visited: [...group.visited], goBackTargets: [...group.goBackTargets] }]),
    ),
    userData,
    ...(sealedUserData && { sealedUserData }),
    context: { ...(input.summary !== undefined && { summary: input.summary }), turns },
  };
}

/** Every group path enclosing one of `paths` (`'card'` for `'card/number'`). */
function enclosingPaths(paths: readonly string[]): Set<string> {
  const enclosing = new Set<string>();
  for (const path of paths) {
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) enclosing.add(path.slice(0, slash));
  }
  return enclosing;
}

function splitUserData(value: unknown, rule: SensitiveRule): { userData: JsonValue; sealedUserData?: Record<string, StoredValue> } {
  const userData = value === undefined ? {} : value;
  assertJsonValue(userData, 'userData');
  const keys = rule.userDataKeys ?? [];
  if (keys.length === 0) return { userData };
  if (userData === null || typeof userData !== 'object' || Array.isArray(userData)) {
    throw misuse('createCheckpoint()', 'got sensitive.userDataKeys but userData is not an object', 'Keep userData a plain object, or leave userDataKeys out.');
  }
  const clear: Record<string, JsonValue> = { ...userData };
  const sealed: Record<string, StoredValue> = {};
  for (const key of keys) {
    if (!Object.hasOwn(clear, key)) continue;
    const stored = protect(clear[key]!, true, rule, `userData:${key}`);
    delete clear[key];
    if (stored.kind === 'sealed') setOwn(sealed, key, stored);
  }
  return Object.keys(sealed).length > 0 ? { userData: clear, sealedUserData: sealed } : { userData: clear };
}
