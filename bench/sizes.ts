/** How much work each figure does: full (npm run bench), quick (--quick / BENCH_QUICK=1), tiny (the test). */
export interface Sizes {
  label: 'full' | 'quick' | 'tiny';
  /** Conversations per flavor before anything is measured (JIT warm-up). */
  warmup: number;
  /** Figures 1–2: batches per flavor, conversations per batch. */
  cpuRuns: number;
  cpuConversations: number;
  /** Figure 3: sessions parked at once, and how many times. */
  heapSessions: number;
  heapRuns: number;
  /** Figure 4: sequential conversations, in rounds (the heap is read after each round). */
  leakRounds: number;
  leakPerRound: number;
  /** Conversations before the leak baseline is taken. */
  leakWarmup: number;
  /** Figure 1 again under React's development build (NODE_ENV unset), in a child process. */
  devCpuRuns: number;
  devCpuConversations: number;
  /** Figure 5: step counts compared, batches per flavor, conversations per batch. */
  scaleSteps: [number, number];
  scaleRuns: number;
  scaleConversations: number;
}

export const FULL: Sizes = {
  label: 'full',
  warmup: 20,
  cpuRuns: 16,
  cpuConversations: 20,
  heapSessions: 200,
  heapRuns: 3,
  leakRounds: 8,
  leakPerRound: 250,
  leakWarmup: 100,
  devCpuRuns: 6,
  devCpuConversations: 15,
  scaleSteps: [5, 50],
  scaleRuns: 5,
  scaleConversations: 4,
};

export const QUICK: Sizes = {
  label: 'quick',
  warmup: 2,
  cpuRuns: 3,
  cpuConversations: 8,
  heapSessions: 40,
  heapRuns: 2,
  leakRounds: 4,
  leakPerRound: 50,
  leakWarmup: 60,
  devCpuRuns: 2,
  devCpuConversations: 5,
  scaleSteps: [5, 50],
  scaleRuns: 3,
  scaleConversations: 1,
};

export const TINY: Sizes = {
  label: 'tiny',
  warmup: 1,
  cpuRuns: 1,
  cpuConversations: 1,
  heapSessions: 2,
  heapRuns: 1,
  leakRounds: 1,
  leakPerRound: 2,
  leakWarmup: 1,
  devCpuRuns: 1,
  devCpuConversations: 1,
  scaleSteps: [3, 6],
  scaleRuns: 1,
  scaleConversations: 1,
};
