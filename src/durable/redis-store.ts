import { createHash } from 'node:crypto';
import { misuse } from '../model/errors.js';
import { checkpointStoreOver, type CheckpointStore, type CheckpointStoreOptions } from './checkpoint-store.js';
import { CheckpointCorruptError } from './errors.js';
import type { RemoveOutcome, RevisionedTextStore, TextEntry, WriteOutcome } from './text-store.js';

/**
 * The one method the store uses. A node-redis client (`createClient()` from `redis`) has it as
 * it is; wrap an ioredis client as `{ sendCommand: ([name, ...args]) => client.call(name, ...args) }`.
 */
export interface RedisCommandSender {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisCheckpointStoreOptions extends CheckpointStoreOptions {
  /** A connected client. The store never closes it: it is yours, and may be shared. */
  client: RedisCommandSender;
  /** Put before every key, to keep checkpoints apart from your other data. Default `'rat:checkpoint:'`. */
  prefix?: string;
}

/**
 * Checkpoints in Redis, for many LiveKit workers: any worker can resume any call. Each checkpoint
 * is a hash (`rev`, `doc`) that Redis itself expires (PEXPIRE); writes are compare-and-set Lua
 * scripts, atomic on one key, so they also work on Redis Cluster.
 */
export function redisCheckpointStore(options: RedisCheckpointStoreOptions): CheckpointStore {
  if (typeof options?.client?.sendCommand !== 'function') {
    throw misuse(
      'redisCheckpointStore()',
      'needs a Redis `client`',
      "Pass a connected node-redis client: redisCheckpointStore({ client: await createClient({ url }).connect() }).",
    );
  }
  return checkpointStoreOver(new RedisTextStore(options.client, options.prefix ?? 'rat:checkpoint:'), options);
}

/** Compare-and-set write. Returns {1, revision} or {0, current revision}. */
const WRITE = `
local current = redis.call('HGET', KEYS[1], 'rev')
if current then
  current = tonumber(current)
  if not current then return redis.error_reply('CORRUPT revision') end
else
  current = 0
end
if current ~= tonumber(ARGV[1]) then return {0, current} end
redis.call('HSET', KEYS[1], 'rev', current + 1, 'doc', ARGV[2])
if ARGV[3] == '' then redis.call('PERSIST', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return {1, current + 1}`;

/** Compare-and-delete. Returns {1, 0} or {0, current revision}. */
const REMOVE = `
local current = redis.call('HGET', KEYS[1], 'rev')
if not current then return {0, 0} end
current = tonumber(current)
if not current then return redis.error_reply('CORRUPT revision') end
if current ~= tonumber(ARGV[1]) then return {0, current} end
redis.call('DEL', KEYS[1])
return {1, 0}`;

/** The text layer of {@link redisCheckpointStore}. */
export class RedisTextStore implements RevisionedTextStore {
  constructor(
    private readonly client: RedisCommandSender,
    private readonly prefix: string,
  ) {}

  async read(key: string): Promise<TextEntry | undefined> {
    const reply = await this.command(key, ['HMGET', this.prefix + key, 'rev', 'doc']);
    const [revision, text] = Array.isArray(reply) ? reply : [];
    if (revision == null && text == null) return undefined;
    const parsed = Number(revision);
    if (typeof revision !== 'string' || !Number.isSafeInteger(parsed) || parsed < 1) {
      throw new CheckpointCorruptError(key, `its hash holds ${revision == null ? 'no' : `the unreadable revision "${String(revision).slice(0, 40)}" as`} rev`);
    }
    if (typeof text !== 'string') throw new CheckpointCorruptError(key, 'its hash holds no doc');
    return { text, revision: parsed };
  }

  async write(key: string, text: string, expectedRevision: number, ttlMs: number | null): Promise<WriteOutcome> {
    const [written, revision] = await this.script(key, WRITE, [String(expectedRevision), text, ttlMs === null ? '' : String(ttlMs)]);
    return written === 1 ? { written: true, revision } : { written: false, currentRevision: revision };
  }

  async remove(key: string, expectedRevision: number | undefined): Promise<RemoveOutcome> {
    if (expectedRevision === undefined) {
      // Whatever the key holds, even a value of the wrong type: this is how an unreadable entry goes.
      const removed = await this.command(key, ['DEL', this.prefix + key]);
      return removed === 1 ? { removed: true } : { removed: false, currentRevision: 0 };
    }
    const [removed, current] = await this.script(key, REMOVE, [String(expectedRevision)]);
    return removed === 1 ? { removed: true } : { removed: false, currentRevision: current };
  }

  async close(): Promise<void> {
    // The client belongs to the caller.
  }

  /** Runs a script by its SHA1, sending its text only when this server has not seen it yet. */
  private async script(key: string, source: string, args: string[]): Promise<[number, number]> {
    const sha = sha1(source);
    const keyArgs = ['1', this.prefix + key, ...args];
    let reply: unknown;
    try {
      reply = await this.command(key, ['EVALSHA', sha, ...keyArgs]);
    } catch (error) {
      if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
      reply = await this.command(key, ['EVAL', source, ...keyArgs]);
    }
    if (!Array.isArray(reply) || typeof reply[0] !== 'number' || typeof reply[1] !== 'number') {
      throw new Error(`react-agent-tasks: unexpected reply from Redis to a checkpoint script: ${JSON.stringify(reply)}`);
    }
    return [reply[0], reply[1]];
  }

  /** Sends a command; a key holding something other than a checkpoint hash becomes a CheckpointCorruptError. */
  private async command(key: string, args: string[]): Promise<unknown> {
    try {
      return await this.client.sendCommand(args);
    } catch (error) {
      const message = String((error as Error)?.message);
      if (message.startsWith('WRONGTYPE')) {
        throw new CheckpointCorruptError(key, 'Redis holds a value of another type than a checkpoint hash under it', { cause: error });
      }
      if (message.includes('CORRUPT revision')) {
        throw new CheckpointCorruptError(key, 'its hash holds an unreadable rev', { cause: error });
      }
      throw error;
    }
  }
}

const shas = new Map<string, string>();
function sha1(source: string): string {
  let sha = shas.get(source);
  if (!sha) shas.set(source, (sha = createHash('sha1').update(source).digest('hex')));
  return sha;
}
