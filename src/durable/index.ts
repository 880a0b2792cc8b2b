/**
 * react-agent-tasks/durable: checkpoints that let a dropped call resume where it stopped.
 * Stores (embedded files, Redis, memory), the checkpoint document, and the pure helpers the
 * engine uses to save, restore and migrate it. See README "Durable workflows".
 */
export {
  checkpointStoreOver,
  DEFAULT_CHECKPOINT_TTL_MS,
  MAX_CHECKPOINT_KEY_LENGTH,
  type CheckpointStore,
  type CheckpointStoreOptions,
  type PutOptions,
  type StoredCheckpoint,
} from './checkpoint-store.js';
export type { RemoveOutcome, RevisionedTextStore, TextEntry, WriteOutcome } from './text-store.js';
export { openFileCheckpointStore, type FileCheckpointStoreOptions } from './file-store.js';
export { redisCheckpointStore, type RedisCheckpointStoreOptions, type RedisCommandSender } from './redis-store.js';
export { memoryCheckpointStore, type MemoryCheckpointStoreOptions } from './memory-store.js';
export { CHECKPOINT_SCHEMA_VERSION, checkpointDocumentSchema, type CheckpointDocument, type StoredValue } from './document.js';
export { CheckpointConflictError, CheckpointCorruptError } from './errors.js';
export { createCheckpoint, type CheckpointInput, type CreateCheckpointOptions } from './create-checkpoint.js';
export { restoreCheckpoint, type RestoredCheckpoint } from './restore-checkpoint.js';
export type { SensitiveRule } from './sensitive.js';
export {
  migrateCheckpoint,
  type CheckpointChange,
  type MigrationChoice,
  type MigrationOutcome,
  type MigrationPolicy,
} from './migrate-checkpoint.js';
export { callerKey, type CallerInfo, type CallerKeyOptions } from './caller-key.js';
export type { JsonValue } from './json-value.js';
