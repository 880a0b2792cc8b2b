import { misuse } from '../model/errors.js';
import { checkpointDocumentSchema, type CheckpointDocument } from './document.js';

/** What changed between the workflow that wrote a checkpoint and the one reading it. */
export interface CheckpointChange {
  fromVersion: string;
  toVersion: string;
  /** Finished steps that still exist: their results are kept. */
  kept: string[];
  /** Finished steps the workflow no longer has: their results are dropped. */
  dropped: string[];
  /** The interrupted step no longer exists (the resumed call starts at the first unfinished step). */
  interruptedDropped: boolean;
}

/**
 * What to do with a checkpoint of another version: `'restart'` (discard it, a fresh call),
 * `'continue'` (keep the steps that still exist), or a function that decides from the change and
 * may return a document of its own (e.g. moving a renamed step's result to its new path).
 */
export type MigrationChoice =
  | 'restart'
  | 'continue'
  | ((change: CheckpointChange, continued: CheckpointDocument) => 'restart' | 'continue' | CheckpointDocument);

export interface MigrationPolicy {
  /** The running workflow's version. */
  workflowVersion: string;
  /** Applies when the version differs or the checkpoint names steps the workflow no longer has. */
  onChange: MigrationChoice;
}

export type MigrationOutcome =
  | { action: 'resume'; document: CheckpointDocument; change?: CheckpointChange }
  | { action: 'restart'; change: CheckpointChange };

/**
 * Fits a checkpoint to the running workflow, whose steps are `currentStepPaths` (every task and
 * group path, e.g. from `outline()`). Steps that still exist keep their results, removed ones are
 * dropped, and `policy.onChange` decides the rest. A checkpoint of the same version naming only
 * existing steps is resumed unchanged. Pure: the input is not modified.
 */
export function migrateCheckpoint(
  document: CheckpointDocument,
  currentStepPaths: Iterable<string>,
  policy: MigrationPolicy,
): MigrationOutcome {
  if (typeof policy?.workflowVersion !== 'string') {
    throw misuse('migrateCheckpoint()', 'needs policy.workflowVersion', "Pass the running workflow's version, e.g. { workflowVersion: '4', onChange: 'continue' }.");
  }
  const exists = new Set(currentStepPaths);
  exists.add(''); // the top-level group always exists
  const kept = document.completed.filter((step) => exists.has(step.path)).map((step) => step.path);
  const dropped = document.completed.filter((step) => !exists.has(step.path)).map((step) => step.path);
  const interruptedDropped = document.inProgress !== null && !exists.has(document.inProgress.path);
  const change: CheckpointChange = { fromVersion: document.workflowVersion, toVersion: policy.workflowVersion, kept, dropped, interruptedDropped };

  const groupsChanged = Object.entries(document.groups).some(
    ([group, state]) => !exists.has(group) || [...state.visited, ...state.goBackTargets].some((id) => !exists.has(childPath(group, id))),
  );
  if (document.workflowVersion === policy.workflowVersion && dropped.length === 0 && !interruptedDropped && !groupsChanged) {
    return { action: 'resume', document };
  }

  const continued = continueWith(document, exists, policy.workflowVersion);
  const choice = typeof policy.onChange === 'function' ? policy.onChange(change, continued) : policy.onChange;
  if (choice === 'restart') return { action: 'restart', change };
  if (choice === 'continue') return { action: 'resume', document: continued, change };
  if (typeof policy.onChange !== 'function') {
    throw misuse('migrateCheckpoint()', `got onChange ${JSON.stringify(policy.onChange)}`, "Pass 'restart', 'continue' or a function.");
  }
  return { action: 'resume', document: checkOwnDocument(choice, exists, policy.workflowVersion), change };
}

/** The checkpoint with only what still exists, at the running version. */
function continueWith(document: CheckpointDocument, exists: ReadonlySet<string>, version: string): CheckpointDocument {
  const groups: CheckpointDocument['groups'] = {};
  for (const [group, state] of Object.entries(document.groups)) {
    if (!exists.has(group)) continue;
    const present = (id: string) => exists.has(childPath(group, id));
    groups[group] = { visited: state.visited.filter(present), goBackTargets: state.goBackTargets.filter(present) };
  }
  return {
    ...document,
    workflowVersion: version,
    completed: document.completed.filter((step) => exists.has(step.path)),
    inProgress: document.inProgress && exists.has(document.inProgress.path) ? document.inProgress : null,
    groups,
  };
}

/** A document the developer's function returned must be a checkpoint of steps that exist. */
function checkOwnDocument(returned: unknown, exists: ReadonlySet<string>, version: string): CheckpointDocument {
  const checked = checkpointDocumentSchema.safeParse(returned);
  if (!checked.success) {
    throw misuse('migrateCheckpoint() onChange', `returned something that is not a checkpoint (${checked.error.issues[0]?.message})`, "Return 'restart', 'continue', or a changed copy of the document it was given.");
  }
  const unknown = [...checked.data.completed.map((step) => step.path), ...(checked.data.inProgress ? [checked.data.inProgress.path] : [])].filter(
    (path) => !exists.has(path),
  );
  if (unknown.length > 0) {
    throw misuse('migrateCheckpoint() onChange', `returned a checkpoint naming steps the workflow does not have (${unknown.join(', ')})`, 'Move their results to existing step paths or leave them out.');
  }
  return { ...checked.data, workflowVersion: version };
}

function childPath(group: string, id: string): string {
  return group === '' ? id : `${group}/${id}`;
}
