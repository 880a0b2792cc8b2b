/**
 * Measures the wall time of a one-step scenario (render, one user turn with a tool call, the
 * result, close) outside any test runner:
 *
 *   npx tsx --conditions=source test/testing/measure-scenario.tsx [runs]
 *
 * Prints the median and the 90th percentile after a few warm-up runs. Not a test: nothing is
 * asserted about time; README quotes what it printed.
 */
import { initializeLogger } from '@livekit/agents';
import { performance } from 'node:perf_hooks';
import { Task } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { SaveValue } from '../fixtures/steps.js';

initializeLogger({ pretty: false, level: 'fatal' });

async function oneStep(): Promise<void> {
  const flow = await renderWorkflow(
    <Task id="name" instructions="Get the name.">
      <SaveValue id="name" />
    </Task>,
    { llm: scriptedLLM([{ user: 'Eve', toolCalls: [{ name: 'save_name', args: { value: 'Eve' } }] }]) },
  );
  await flow.say('Eve');
  if ((await flow.result) !== 'Eve') throw new Error('the scenario did not complete');
  await flow.close();
}

const runs = Number(process.argv[2] ?? 50);
for (let i = 0; i < 5; i++) await oneStep();
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  await oneStep();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
console.log(`one-step scenario, ${runs} runs: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`);
