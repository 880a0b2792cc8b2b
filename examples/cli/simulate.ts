import { scriptedLLM } from 'react-agent-tasks/testing';
import type { Example } from '../shared/example.js';
import { createExampleCall } from '../shared/session.js';
import type { Inspector } from 'react-agent-tasks/inspector';
import { forwardToInspector } from './inspect.js';
import type { Printer } from './printer.js';

export interface SimulateOptions {
  csvPath?: string;
  /** Shows the call in this inspector as it goes. */
  inspector?: Inspector;
  /** Waits this long before each caller line, so a person can follow along in the inspector. */
  pauseMs?: number;
}

/**
 * Runs an example as a simulated call, fully offline: the example's scripted caller talks to its
 * agent in a real AgentSession whose model is the example's script. Prints as it goes.
 */
export async function simulate(example: Example, printer: Printer, options: SimulateOptions = {}): Promise<void> {
  const { call, run } = createExampleCall(example, { llm: scriptedLLM(example.simulation.script()) }, {
    csvPath: options.csvPath,
    onEvent: forwardToInspector(options.inspector, printer.onEvent),
  });
  options.inspector?.attach(call.session, { title: `${example.name} (simulated)` });

  printer.heading(`Simulated call: ${example.name} (${example.summary})`);
  try {
    await call.start(run.agent);
    for (const line of example.simulation.caller) {
      if (call.closed) break;
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
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
