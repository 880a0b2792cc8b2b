import { scriptedLLM } from 'react-agent-tasks/testing';
import type { Example } from '../shared/example.js';
import { createExampleCall } from '../shared/session.js';
import type { Printer } from './printer.js';

export interface SimulateOptions {
  csvPath?: string;
}

/**
 * Runs an example as a simulated call, fully offline: the example's scripted caller talks to its
 * agent in a real AgentSession whose model is the example's script. Prints as it goes.
 */
export async function simulate(example: Example, printer: Printer, options: SimulateOptions = {}): Promise<void> {
  const { call, run } = createExampleCall(example, { llm: scriptedLLM(example.simulation.script()) }, {
    csvPath: options.csvPath,
    onEvent: printer.onEvent,
  });

  printer.heading(`Simulated call: ${example.name} (${example.summary})`);
  try {
    await call.start(run.agent);
    for (const line of example.simulation.caller) {
      if (call.closed) break;
      await call.say(line);
    }
    await call.settled('the agent to finish', run.finished);
  } finally {
    await call.close();
  }
  printer.flushTree();
  printer.heading('Results');
  for (const [label, value] of run.report()) if (value !== undefined) printer.field(label, value);
}
