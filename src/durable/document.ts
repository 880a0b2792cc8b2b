import { z } from 'zod';
import { isJsonValue, type JsonValue } from './json-value.js';

/** The layout version of {@link CheckpointDocument}; a reader refuses documents newer than this. */
export const CHECKPOINT_SCHEMA_VERSION = 1;

// Not `z.json()`: it rebuilds objects and drops `"__proto__"` keys, so a value holding one (JSON.parse
// makes it an ordinary own key) would not restore as saved. This checks and keeps the parsed value.
const json = z.custom<JsonValue>(isJsonValue, { message: 'Expected a JSON value' });

/** `z.record(z.string(), value)` that keeps a `"__proto__"` key, which `z.record` drops (see `json`). */
function recordOf<T extends z.ZodType>(value: T) {
  return z.custom<Record<string, z.output<T>>>(
    (input) =>
      input !== null &&
      typeof input === 'object' &&
      !Array.isArray(input) &&
      Object.values(input).every((item) => value.safeParse(item).success),
    { message: 'Expected an object of checkpoint entries' },
  );
}

/**
 * A value as stored: in clear (no `value`: `undefined`, a task completed with no value), left out
 * (a sensitive value under the default rule), or sealed with AES-256-GCM under a key the developer
 * passed (base64 fields; `keyId` names the key).
 */
export const storedValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clear'), value: json.optional() }),
  z.object({ kind: z.literal('omitted') }),
  z.object({
    kind: z.literal('sealed'),
    keyId: z.string().min(1),
    iv: z.base64(),
    tag: z.base64(),
    data: z.base64(),
  }),
]);
export type StoredValue = z.infer<typeof storedValueSchema>;

const stepPath = z.string().min(1);

export const checkpointDocumentSchema = z
  .object({
    /** {@link CHECKPOINT_SCHEMA_VERSION} when written. */
    schemaVersion: z.literal(CHECKPOINT_SCHEMA_VERSION),
    /** The developer's version of the workflow that wrote it (see `migrateCheckpoint`). */
    workflowVersion: z.string(),
    /** When it was built, epoch milliseconds. */
    savedAt: z.number().int().nonnegative(),
    /** Finished steps in the order they finished, by path (`'email'`, `'card/expiry'`). */
    completed: z.array(z.object({ path: stepPath, sensitive: z.boolean(), result: storedValueSchema })),
    /** The step that was running; a resumed call starts it afresh. */
    inProgress: z.object({ path: stepPath, sensitive: z.boolean() }).nullable(),
    /**
     * Each group's visit state by group path (`''` for the top-level group): the ids visited in
     * order, and the ids going back (`out_of_scope`) may target.
     */
    groups: recordOf(z.object({ visited: z.array(z.string()), goBackTargets: z.array(z.string()) })),
    /** userData without its sensitive keys. */
    userData: json,
    /** userData's sensitive keys, sealed (absent under the default rule, which omits them). */
    sealedUserData: recordOf(storedValueSchema).optional(),
    /** What the model is told on resume: a summary and/or the last turns, never a sensitive step's words. */
    context: z.object({
      summary: z.string().optional(),
      turns: z.array(z.object({ role: z.enum(['user', 'assistant']), text: z.string() })),
    }),
  })
  .superRefine((document, issues) => {
    const seen = new Set<string>();
    document.completed.forEach((step, index) => {
      if (seen.has(step.path)) {
        issues.addIssue({ code: 'custom', path: ['completed', index, 'path'], message: `step "${step.path}" is listed twice` });
      }
      seen.add(step.path);
    });
  });

/** What a workflow saves after each step change (JSON; see README "Durable workflows"). */
export type CheckpointDocument = z.infer<typeof checkpointDocumentSchema>;
