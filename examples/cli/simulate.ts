import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointOptions } from 'react-agent-tasks';
import { callerKey, openFileCheckpointStore } from 'react-agent-tasks/durable';
import { scriptedLLM } from 'react-agent-tasks/testing';
import type { Example, ExampleRun } from '../shared/example.js';
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

/** The simulated caller, as a SIP trunk would announce them: the number that calls back is the same. */
export const SIMULATED_CALLER = { attributes: { 'sip.phoneNumber': '+1 (510) 555-0100', 'sip.trunkPhoneNumber': '+1 415 555 0199' } };

/**
 * Runs an example as a simulated call, fully offline: the example's scripted caller talks to its
 * agent in a real AgentSession whose model is the example's script. Prints as it goes. An example
 * whose line drops (`dropsAfter`) is two calls: the first drops, the caller calls back, and the
 * second resumes from the checkpoint the first saved (the embedded file store, in a temporary folder).
 */
export async function simulate(example: Example, printer: Printer, options: SimulateOptions = {}): Promise<void> {
  printer.heading(`Simulated call: ${example.name} (${example.summary})`);
  const { caller, dropsAfter } = example.simulation;
  if (dropsAfter === undefined) return report(await simulateCall(example, printer, options, caller), printer);

  const folder = mkdtempSync(join(tmpdir(), 'react-agent-tasks-checkpoints-'));
  const store = await openFileCheckpointStore({ directory: folder });
  try {
    const checkpoint: CheckpointOptions = { store, key: callerKey({ participant: SIMULATED_CALLER }, { namespace: example.name }) };
    await simulateCall(example, printer, options, caller.slice(0, dropsAfter), { checkpoint, drops: true });
    const saved = await store.get(checkpoint.key!);
    const steps = saved?.document.completed.map((step) => step.path).join(', ') ?? 'nothing';
    printer.heading(`The line dropped. Saved: ${steps}; ${saved?.document.inProgress?.path ?? 'no step'} was being asked. The caller calls back:`);
    report(await simulateCall(example, printer, options, caller.slice(dropsAfter), { checkpoint }), printer);
    printer.field('checkpoint', (await store.get(checkpoint.key!)) ? 'still stored' : 'deleted (the call finished)');
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One call: the caller says `lines`; unless it `drops`, it waits for the agent to finish. */
async function simulateCall(
  example: Example,
  printer: Printer,
  options: SimulateOptions,
  lines: string[],
  { checkpoint, drops = false }: { checkpoint?: CheckpointOptions; drops?: boolean } = {},
): Promise<ExampleRun> {
  const { call, run } = createExampleCall(example, { llm: scriptedLLM(example.simulation.script()) }, {
    csvPath: options.csvPath,
    checkpoint,
    onEvent: forwardToInspector(options.inspector, printer.onEvent),
  });
  options.inspector?.attach(call.session, { title: `${example.name} (simulated)` });
  try {
    await call.start(run.agent);
    for (const line of lines) {
      if (call.closed) break;
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      await call.say(line);
    }
    if (!drops) await call.settled('the agent to finish', run.finished);
  } finally {
    await call.close();
  }
  printer.flushTree();
  return run;
}

function report(run: ExampleRun, printer: Printer): void {
  printer.heading('Results');
  for (const [label, value] of run.report()) if (value !== undefined) printer.field(label, value);
}
