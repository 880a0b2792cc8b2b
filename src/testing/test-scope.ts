import { AsyncLocalStorage } from 'node:async_hooks';

/** What the kit knows about the test that is running: what it rendered, its deadline, its report. */
export interface TestScope {
  /** Sessions to close when the test ends, pass or fail. */
  readonly open: Set<{ close(): Promise<void> }>;
  /** When the kit must give up so its diagnosis shows before the runner's timeout (epoch ms). */
  readonly deadline?: number;
  /** The runner's timeout for this test, for messages. */
  readonly runnerTimeoutMs?: number;
  /** Per-test data the runner hands to reporters (vitest: `task.meta`). */
  readonly meta?: Record<string, unknown>;
}

/**
 * Which test an `await` belongs to. A runner's global "current test" is wrong under
 * `test.concurrent` (vitest keeps one global, set by whichever test started last), so the kit
 * runs each test inside its own async context instead (see `installRunnerHooks`).
 */
const scopes = new AsyncLocalStorage<TestScope>();

export function currentTestScope(): TestScope | undefined {
  return scopes.getStore();
}

/** Time the kit leaves the runner after its own timeout: a tenth of the test's, 50 ms to 1 s. */
function margin(timeoutMs: number): number {
  return Math.min(1000, Math.max(50, timeoutMs / 10));
}

/** Runs one test in its own scope and closes whatever it left open, whether it passed or not. */
export async function runTestInScope(run: () => Promise<void>, test: { timeout?: number; meta?: Record<string, unknown> }): Promise<void> {
  const timeout = test.timeout && test.timeout > 0 ? test.timeout : undefined;
  const scope: TestScope = {
    open: new Set(),
    deadline: timeout === undefined ? undefined : Date.now() + timeout - margin(timeout),
    runnerTimeoutMs: timeout,
    meta: test.meta,
  };
  try {
    await scopes.run(scope, run);
  } finally {
    await Promise.all([...scope.open].map((handle) => handle.close()));
    scope.open.clear();
  }
}
