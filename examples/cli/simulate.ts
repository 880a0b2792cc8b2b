import { scriptedLLM } from 'react-agent-tasks/testing';
import type { Example, ExampleContext } from '../shared/example.js';
import { SimulatedCall } from '../shared/simulated-call.js';
import type { Printer } from './printer.js';

export interface SimulateOptions {
  csvPath?: string;
}

/**
 * Runs an example as a simulated call, fully offline: the example's scripted caller talks to its
 * agent in a real AgentSession whose model is the example's script. Prints as it goes.
 */
export async function simulate(example: Example, printer: Printer, options: SimulateOptions = {}): Promise<void> {
  let onWorkflowEvent: ExampleContext['onEvent'];
  const run = example.start({ csvPath: options.csvPath, onEvent: (event, workflow) => onWorkflowEvent?.(event, workflow) });
  const call = new SimulatedCall<object>({ llm: scriptedLLM(example.simulation.script()), userData: run.userData, onEvent: printer.onEvent });
  onWorkflowEvent = call.onWorkflowEvent;

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
