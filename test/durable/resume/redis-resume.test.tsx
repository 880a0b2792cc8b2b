/**
 * Resuming on another worker: two workers, each with its own Redis connection, share a real
 * redis-server started here (skipped without one, a failure under CI, as the store's own tests).
 */
import { createClient } from 'redis';
import { WorkflowClosedError } from 'react-agent-tasks';
import { type CheckpointConflictError, type CheckpointStore, redisCheckpointStore } from 'react-agent-tasks/durable';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, type RedisServer, startRedisServer } from '../redis-server.js';
import { FINAL_RESULT } from './application.js';
import { startCall, talk } from './call.js';

const binary = findRedisServer();
if (!binary) console.warn('[skipped] redis-server not found: the Redis resume tests were skipped (apt-get install -y redis-server, or set REDIS_SERVER).');

describe.runIf(!binary && process.env.CI === 'true')('Redis resume under CI', () => {
  it('needs redis-server, which .ci/run installs', () => {
    throw new Error('redis-server is missing under CI: .ci/run installs it with apt-get when absent; see its output.');
  });
});

describe.runIf(binary)('a call resumed on another worker (Redis)', () => {
  let server: RedisServer;
  const clients: Array<{ destroy(): void }> = [];
  beforeAll(async () => {
    server = await startRedisServer(binary!);
  });
  afterAll(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.stop();
  });
  /** A worker's store: its own connection, as on another machine. */
  const worker = async (): Promise<CheckpointStore> => {
    const client = createClient({ url: server.url });
    clients.push(client);
    return redisCheckpointStore({ client: (await client.connect()) as never, prefix: 'resume-test:' });
  };

  it('drops on one worker and finishes on another; the checkpoint is gone at the end', async () => {
    const [a, b] = [await worker(), await worker()];
    const dropped = await startCall({ checkpoint: { store: a, key: 'caller-1' } });
    await talk(dropped, 4);
    await dropped.handle.close();
    await expect(dropped.result).rejects.toBeInstanceOf(WorkflowClosedError);

    const resumed = await startCall({ checkpoint: { store: b, key: 'caller-1' } });
    expect(resumed.handle.activeTask?.path).toBe('pin');
    await talk(resumed);
    expect(await resumed.result).toEqual(FINAL_RESULT);
    expect(await a.get('caller-1')).toBeUndefined();
  });

  it('the outdated copy of a call that another worker resumed learns it at its next save and stops saving', async () => {
    const [a, b] = [await worker(), await worker()];
    const conflicts: CheckpointConflictError[] = [];
    const stale = await startCall({ checkpoint: { store: a, key: 'caller-2', onConflict: (error) => conflicts.push(error) } });
    await talk(stale, 2);
    // The caller called back before worker A noticed the drop: worker B resumes the call.
    const resumed = await startCall({ checkpoint: { store: b, key: 'caller-2' } });
    expect(resumed.handle.activeTask?.path).toBe('consent');
    await talk(resumed, 1);
    await talk(stale, 1);
    expect(conflicts.map((error) => error.message)).toEqual([
      'react-agent-tasks: checkpoint "caller-2" is at revision 5, not 3: another writer saved it since this one read it. Read it again (store.get) and decide whether this call still owns it.',
    ]);
    const current = await b.get('caller-2');
    expect(current?.document.completed.map((step) => step.path)).toEqual(['name', 'email', 'consent']);
    await stale.handle.close();
    await talk(resumed);
    expect(await resumed.result).toEqual(FINAL_RESULT);
    expect(await b.get('caller-2')).toBeUndefined();
  });
});
