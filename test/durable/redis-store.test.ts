/**
 * The Redis store against a real redis-server started here (Debian package `redis-server`;
 * REDIS_SERVER=/path/to/redis-server to use another). Without one these tests are skipped and
 * say so; under CI (CI=true) a missing server fails instead, since .ci/run installs it.
 */
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interviewCheckpoint } from '../../bench/checkpoint-document.js';
import { CheckpointCorruptError, redisCheckpointStore, type RedisCommandSender } from '../../src/durable/index.js';
import { describeCheckpointStore } from './conformance.js';
import { findRedisServer, type RedisServer, startRedisServer } from './redis-server.js';

type Client = ReturnType<typeof createClient>;

const binary = findRedisServer();
const missing = 'redis-server not found: the Redis store tests were skipped. Install it (apt-get install -y redis-server) or set REDIS_SERVER, then run `npx vitest run test/durable/redis-store.test.ts`.';
if (!binary) console.warn(`[skipped] ${missing}`);

describe.runIf(!binary && process.env.CI === 'true')('Redis store under CI', () => {
  it('needs redis-server, which .ci/run installs', () => {
    throw new Error('redis-server is missing under CI: .ci/run installs it with apt-get when absent; see its output.');
  });
});

describe.runIf(binary)('Redis', () => {
  let server: RedisServer;
  const clients: Client[] = [];
  beforeAll(async () => {
    server = await startRedisServer(binary!);
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.stop();
  });
  const connect = async () => {
    const client = createClient({ url: server.url });
    clients.push(client as Client);
    return (await client.connect()) as Client;
  };
  let namespace = 0;

  describeCheckpointStore('redis', async (options) => {
    const client = await connect();
    // Each test gets its own prefix, so tests never see each other's keys.
    const prefix = `test${++namespace}:`;
    const open = async () => redisCheckpointStore({ ...options, client: await connect(), prefix });
    return {
      store: redisCheckpointStore({ ...options, client, prefix }),
      openAnother: open,
      // Time passes for expiry as Redis counts it: every TTL shortens; one that runs out is set in the past.
      elapse: async (ms) => {
        for await (const keys of client.scanIterator({ MATCH: `${prefix}*` })) {
          for (const key of keys) {
            const left = await client.pTTL(key);
            if (left < 0) continue;
            if (left - ms <= 0) await client.pExpireAt(key, 1);
            else await client.pExpire(key, left - ms);
          }
        }
      },
      plant: async (key, raw) => void (await client.hSet(prefix + key, { rev: '1', doc: raw })),
      close: async () => {},
    };
  });

  describe('redisCheckpointStore', () => {
    it('sets the TTL on the key in Redis with each put, and none for ttlMs: null', async () => {
      const client = await connect();
      const store = redisCheckpointStore({ client, prefix: 'ttl:' });
      await store.put('call', interviewCheckpoint(), { expectedRevision: 0, ttlMs: 60_000 });
      const left = await client.pTTL('ttl:call');
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(60_000);
      await store.put('call', interviewCheckpoint(), { expectedRevision: 1, ttlMs: null });
      expect(await client.pTTL('ttl:call')).toBe(-1);
      expect(await client.hGet('ttl:call', 'rev')).toBe('2');
    });

    it("lets Redis's own clock expire a checkpoint (waiting on the fact, not a delay)", async () => {
      const client = await connect();
      const store = redisCheckpointStore({ client, prefix: 'clock:' });
      await store.put('call', interviewCheckpoint(), { expectedRevision: 0, ttlMs: 1 });
      let reads = 0;
      while ((await store.get('call')) !== undefined) {
        reads++;
        if (reads > 100_000) throw new Error('the checkpoint never expired');
      }
      expect(await client.exists('clock:call')).toBe(0);
    });

    it('reports a key holding another type, or a bad revision, as a corrupted entry, and deletes it', async () => {
      const client = await connect();
      const store = redisCheckpointStore({ client, prefix: 'corrupt:' });
      await client.set('corrupt:string', 'not a hash');
      await client.hSet('corrupt:rev', { rev: 'three', doc: '{}' });
      await client.hSet('corrupt:nodoc', { rev: '1' });
      const wrongType = store.get('string');
      await expect(wrongType).rejects.toBeInstanceOf(CheckpointCorruptError);
      await expect(wrongType).rejects.toThrow(/checkpoint "string" cannot be read: Redis holds a value of another type/);
      await expect(store.put('string', interviewCheckpoint(), { expectedRevision: 0 })).rejects.toThrow(/checkpoint "string" cannot be read/);
      await expect(store.get('rev')).rejects.toThrow(/checkpoint "rev" cannot be read: its hash holds the unreadable revision "three" as rev/);
      await expect(store.put('rev', interviewCheckpoint(), { expectedRevision: 1 })).rejects.toThrow(/checkpoint "rev" cannot be read: its hash holds an unreadable rev/);
      await expect(store.get('nodoc')).rejects.toThrow(/checkpoint "nodoc" cannot be read: its hash holds no doc/);
      expect(await store.delete('string')).toBe(true);
      expect(await store.delete('rev')).toBe(true);
      expect(await client.exists(['corrupt:string', 'corrupt:rev'])).toBe(0);
    });

    it('loads its scripts again after SCRIPT FLUSH (a restarted or failed-over server)', async () => {
      const client = await connect();
      const store = redisCheckpointStore({ client, prefix: 'flush:' });
      await store.put('call', interviewCheckpoint(), { expectedRevision: 0 });
      await client.scriptFlush();
      expect(await store.put('call', interviewCheckpoint(), { expectedRevision: 1 })).toBe(2);
    });

    it('works through any client with sendCommand, and never closes the client', async () => {
      const client = await connect();
      const sent: string[] = [];
      const sender: RedisCommandSender = { sendCommand: (args) => (sent.push(args[0]!), client.sendCommand(args)) };
      const store = redisCheckpointStore({ client: sender });
      await store.put('call', interviewCheckpoint(), { expectedRevision: 0 });
      expect((await store.get('call'))?.revision).toBe(1);
      await store.close();
      expect(client.isOpen).toBe(true);
      expect(await client.exists('rat:checkpoint:call')).toBe(1);
      expect(sent).toContain('HMGET');
      expect(() => redisCheckpointStore({} as never)).toThrow(/^react-agent-tasks: redisCheckpointStore\(\) needs a Redis `client`/);
    });
  });
});
