/** How much work each figure does: full (npm run bench), quick (--quick / BENCH_QUICK=1), tiny (the test). */
export interface Sizes {
  label: 'full' | 'quick' | 'tiny';
  /**
   * Conversations per flavor before anything is measured, in every worker process. Long enough for
   * the JIT to settle: TurboFan compiled ~550 functions in a process's first 50 survey
   * conversations, ~50 in conversations 150–200 and under 15 per 50 after 300, and each compile's
   * CPU (on V8's background threads, which process.cpuUsage counts) would be charged to
   * whichever flavor has more code left to compile. Figure 1c measures the cold case apart.
   */
  warmup: number;
  /**
   * Figures 1–2: pairs of batches in all (split evenly over `cpuWorkerPairs` fresh pairs of
   * worker processes, so no one process's luck decides the figure), conversations per batch.
   * Short batches and many pairs: load on a shared machine comes and goes within seconds, and
   * the interval narrows with the square root of the number of pairs.
   */
  cpuPairs: number;
  cpuWorkerPairs: number;
  cpuConversations: number;
  /** Figure 1c: pairs of fresh worker processes, each measuring its first conversation. */
  coldPairs: number;
  /** Figure 1b, React's development build: pairs, conversations per batch. */
  devCpuPairs: number;
  devCpuConversations: number;
  /** Figure 3: sessions parked at once, and how many times. */
  heapSessions: number;
  heapRuns: number;
  /** Figure 4: sequential conversations, in rounds (the heap is read after each round). */
  leakRounds: number;
  leakPerRound: number;
  /** Conversations before the leak baseline is taken. */
  leakWarmup: number;
  /** Figure 5: step counts compared, pairs, conversations per batch. */
  scaleSteps: [number, number];
  scalePairs: number;
  scaleConversations: number;
}

/** Pairs of figure 1 per fresh pair of worker processes (FULL: 240 over 6). */
export const PAIRS_PER_WORKER_PAIR = 40;

/** About 12–15 minutes on an idle 2-core machine (see README: What the JSX layer costs). */
export const FULL: Sizes = {
  label: 'full',
  warmup: 300,
  cpuPairs: 240,
  cpuWorkerPairs: 240 / PAIRS_PER_WORKER_PAIR,
  cpuConversations: 4,
  coldPairs: 24,
  devCpuPairs: 20,
  devCpuConversations: 3,
  heapSessions: 100,
  heapRuns: 6,
  leakRounds: 20,
  leakPerRound: 100,
  leakWarmup: 200,
  scaleSteps: [5, 50],
  scalePairs: 10,
  scaleConversations: 2,
};

/** About 1–2 minutes: the same figures with wide intervals. */
export const QUICK: Sizes = {
  label: 'quick',
  warmup: 60,
  cpuPairs: 12,
  cpuWorkerPairs: 1,
  cpuConversations: 2,
  coldPairs: 4,
  devCpuPairs: 4,
  devCpuConversations: 2,
  heapSessions: 30,
  heapRuns: 3,
  leakRounds: 6,
  leakPerRound: 40,
  leakWarmup: 40,
  scaleSteps: [5, 50],
  scalePairs: 3,
  scaleConversations: 1,
};

/** The smallest sizes every figure and interval can be computed from (at least 2 pairs, 3 heap checkpoints). */
export const TINY: Sizes = {
  label: 'tiny',
  warmup: 1,
  cpuPairs: 2,
  cpuWorkerPairs: 1,
  cpuConversations: 1,
  coldPairs: 2,
  devCpuPairs: 2,
  devCpuConversations: 1,
  heapSessions: 2,
  heapRuns: 2,
  leakRounds: 2,
  leakPerRound: 1,
  leakWarmup: 1,
  scaleSteps: [3, 6],
  scalePairs: 2,
  scaleConversations: 1,
};
