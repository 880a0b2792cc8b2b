import { defineConfig } from 'vitest/config';

export default defineConfig({
  // This package's own imports resolve to its sources (package.json "source" conditions).
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.{ts,tsx}', 'examples/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // LiveKit sessions hold timers and workers; separate forks keep one file's leftovers out of the next.
    pool: 'forks',
    // One worker per core: most test files wait (child processes, sessions) more than they compute,
    // and vitest's default leaves a core idle (on 2 cores it runs the files one at a time).
    maxWorkers: '100%',
    // The examples' workflow coverage (react-agent-tasks/testing/reporter), printed after the run.
    reporters: ['default', ['./src/testing/reporter.ts', { include: ['examples/'], outputFile: 'coverage/workflows.json' }]],
  },
});
