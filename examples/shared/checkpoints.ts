import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import type { CheckpointOptions } from 'react-agent-tasks';
import { type CallerInfo, type CheckpointStore, callerKey, openFileCheckpointStore, redisCheckpointStore } from 'react-agent-tasks/durable';

let opened: Promise<CheckpointStore> | undefined;

/**
 * Where a deployed worker keeps its calls' checkpoints, one store per job process: Redis at
 * CHECKPOINT_REDIS_URL (any worker resumes any call), else the embedded file store in
 * CHECKPOINT_DIR (default `<tmp>/react-agent-tasks-checkpoints`), which the job processes of one
 * machine share.
 */
export function workerCheckpointStore(env: NodeJS.ProcessEnv = process.env): Promise<CheckpointStore> {
  opened ??= env.CHECKPOINT_REDIS_URL
    ? createClient({ url: env.CHECKPOINT_REDIS_URL })
        .connect()
        .then((client) => redisCheckpointStore({ client: client as never }))
    : openFileCheckpointStore({ directory: env.CHECKPOINT_DIR ?? join(tmpdir(), 'react-agent-tasks-checkpoints') });
  return opened;
}

/**
 * The checkpoint options of one call, keyed on its caller so that a caller who calls back
 * resumes: the SIP caller's number (with the number dialed), else the room metadata's `callerId`
 * (set by your backend for web calls). A withheld number gets no key: that call runs without
 * checkpoints. CHECKPOINT_KEY_SECRET, when set, keys with HMAC so phone numbers cannot be
 * recovered from the keys. `onConflict` runs when another worker took the call over.
 */
export function callCheckpoint(
  store: CheckpointStore,
  caller: CallerInfo,
  namespace: string,
  onConflict: CheckpointOptions['onConflict'],
  env: NodeJS.ProcessEnv = process.env,
): CheckpointOptions {
  return { store, key: callerKey(caller, { namespace, metadataField: 'callerId', secret: env.CHECKPOINT_KEY_SECRET }), onConflict };
}
