import { z } from 'zod';
import { misuse } from '../model/errors.js';
import { CHECKPOINT_SCHEMA_VERSION, checkpointDocumentSchema, type CheckpointDocument } from './document.js';
import { CheckpointCorruptError } from './errors.js';

/** The stored text of a document; refuses (as a developer mistake) anything that would not read back. */
export function encodeCheckpoint(key: string, document: CheckpointDocument): string {
  let checked: ReturnType<typeof checkpointDocumentSchema.safeParse>;
  try {
    checked = checkpointDocumentSchema.safeParse(document);
  } catch (error) {
    // Only a pathologically deep value exhausts the stack here.
    throw misuse(`CheckpointStore.put("${key}")`, `could not check its document (${(error as Error).message})`, 'Keep results and userData nested less than a few thousand levels deep.');
  }
  if (!checked.success) {
    throw misuse(
      `CheckpointStore.put("${key}")`,
      `got a document that is not a checkpoint (${describeIssue(checked.error)})`,
      'Build documents with createCheckpoint() and store them unchanged.',
    );
  }
  return JSON.stringify(checked.data);
}

/** The document stored as `text` under `key`; anything else is a {@link CheckpointCorruptError}. */
export function decodeCheckpoint(key: string, text: string): CheckpointDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CheckpointCorruptError(key, `its text is not JSON (${(error as Error).message})`, { cause: error });
  }
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > CHECKPOINT_SCHEMA_VERSION) {
    throw new CheckpointCorruptError(
      key,
      `it was written by a newer react-agent-tasks (checkpoint schema ${version}; this version reads ${CHECKPOINT_SCHEMA_VERSION})`,
    );
  }
  let checked: ReturnType<typeof checkpointDocumentSchema.safeParse>;
  try {
    checked = checkpointDocumentSchema.safeParse(parsed);
  } catch (error) {
    // A pathologically deep value can exhaust the stack while being checked.
    throw new CheckpointCorruptError(key, `its document could not be checked (${(error as Error).message})`, { cause: error });
  }
  if (!checked.success) {
    throw new CheckpointCorruptError(key, `it is not a checkpoint document (${describeIssue(checked.error)})`, {
      cause: checked.error,
    });
  }
  return checked.data;
}

/** The first issue, as `completed[2].result.kind: Invalid input` — short enough for a log line. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'no details';
  const at = issue.path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join('');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${at === '' ? '' : `${at}: `}${issue.message}${more}`;
}
