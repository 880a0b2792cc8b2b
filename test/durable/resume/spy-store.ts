/**
 * A checkpoint store around a real one that records what the workflow asks of it and can fail on
 * purpose: a put refused before it writes, a put whose answer is lost after it wrote, a read that
 * throws. Everything else is the real store's behaviour.
 */
import type { CheckpointDocument, CheckpointStore, PutOptions } from 'react-agent-tasks/durable';

export interface SpyStore extends CheckpointStore {
  calls: string[];
  puts: Array<{ document: CheckpointDocument; options: PutOptions }>;
  /** The next put throws: `'before'` writing, or `'after'` (it was stored, the answer is lost). */
  failNextPut: 'before' | 'after' | undefined;
  /** Every get throws this. */
  failGet: Error | undefined;
}

export function spyStore(inner: CheckpointStore): SpyStore {
  const spy: SpyStore = {
    calls: [],
    puts: [],
    failNextPut: undefined,
    failGet: undefined,
    async get(key) {
      spy.calls.push(`get ${key}`);
      if (spy.failGet) throw spy.failGet;
      return inner.get(key);
    },
    async put(key, document, options) {
      spy.calls.push(`put ${key} ${options.expectedRevision}`);
      const failure = spy.failNextPut;
      spy.failNextPut = undefined;
      if (failure === 'before') throw new Error('connection reset');
      const revision = await inner.put(key, document, options);
      spy.puts.push({ document, options });
      if (failure === 'after') throw new Error('timed out waiting for the reply');
      return revision;
    },
    async delete(key, options) {
      spy.calls.push(`delete ${key} ${options?.expectedRevision}`);
      return inner.delete(key, options);
    },
    close: () => inner.close(),
  };
  return spy;
}
