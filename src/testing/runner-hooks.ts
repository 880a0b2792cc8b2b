import { cleanup } from './session-driver.js';
import { runTestInScope } from './test-scope.js';

interface VitestHooks {
  /** Since vitest 4.1. */
  aroundEach?(fn: (runTest: () => Promise<void>, context: { task: { timeout?: number; meta?: Record<string, unknown> } }) => Promise<void>): void;
  afterEach(fn: () => Promise<void>): void;
  afterAll(fn: () => Promise<void>): void;
}

/**
 * Hooks the kit into the test runner when its module loads, as @testing-library does. Under
 * vitest (4.1 and later) each test runs in a scope of its own that closes what the test rendered when it ends,
 * so `test.concurrent` works; sessions rendered outside a test close after the file. Other
 * runners with a global `afterEach` (jest) get `cleanup` after each test, which closes every
 * session: run their tests one at a time.
 */
export async function installRunnerHooks(): Promise<void> {
  if (process.env.VITEST) {
    const vitest = (await import('vitest')) as unknown as VitestHooks;
    if (typeof vitest.aroundEach === 'function') {
      vitest.aroundEach((runTest, context) => runTestInScope(runTest, context.task));
      vitest.afterAll(cleanup);
    } else {
      // Older vitest: no per-test scope, so no concurrent tests, no deadline, no coverage.
      vitest.afterEach(cleanup);
    }
    return;
  }
  const globalAfterEach = (globalThis as { afterEach?: unknown }).afterEach;
  if (typeof globalAfterEach === 'function') (globalAfterEach as (fn: () => Promise<void>) => void)(cleanup);
}
