import { ReactAgentTasksError } from '../model/errors.js';

/**
 * A `put` or `delete` whose `expectedRevision` is not the key's current revision: another writer
 * (a second worker that resumed the same call, or the old worker still running) got there first.
 * The stale writer's document is not stored.
 */
export class CheckpointConflictError extends ReactAgentTasksError {
  override name = 'CheckpointConflictError';
  constructor(
    readonly key: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
  ) {
    super(
      `react-agent-tasks: checkpoint "${key}" is at revision ${currentRevision}${
        currentRevision === 0 ? ' (no checkpoint)' : ''
      }, not ${expectedRevision}${
        expectedRevision === 0 ? ' (none expected)' : ''
      }: another writer saved it since this one read it. Read it again (store.get) and decide whether this call still owns it.`,
    );
  }
}

/**
 * A stored checkpoint that cannot be read: not JSON, not a checkpoint document, a value of the
 * wrong type under the key, or a schema newer than this version of react-agent-tasks reads.
 * Reading never restarts silently over such an entry; `store.delete(key)` removes it.
 */
export class CheckpointCorruptError extends ReactAgentTasksError {
  override name = 'CheckpointCorruptError';
  constructor(
    readonly key: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `react-agent-tasks: checkpoint "${key}" cannot be read: ${reason}. It was left as it is; remove it with store.delete("${key}") to start that call afresh.`,
      options,
    );
  }
}
