import { createInterface } from 'node:readline';
import type { llm } from '@livekit/agents';
import type { Inspector } from 'react-agent-tasks/inspector';
import type { Example } from '../shared/example.js';
import { createExampleCall } from '../shared/session.js';
import { forwardToInspector } from './inspect.js';
import type { Printer } from './printer.js';
import { UsageError } from './usage-error.js';

export interface LiveOptions {
  /** An OpenAI-compatible server (Ollama, vLLM, LM Studio, …); without it OPENAI_API_KEY is required. */
  baseUrl?: string;
  model: string;
  csvPath?: string;
  apiKey?: string;
  /** Shows the call in this inspector as it goes. */
  inspector?: Inspector;
}

export { UsageError };

export const MISSING_MODEL =
  '--live needs a model: set OPENAI_API_KEY, or pass --base-url <url> of an OpenAI-compatible server (e.g. --base-url http://localhost:11434/v1 for Ollama).';

/** The real model for --live, through LiveKit's OpenAI plugin (imported only here, only when needed). */
export async function liveModel({ baseUrl, model, apiKey = process.env.OPENAI_API_KEY }: LiveOptions): Promise<llm.LLM> {
  if (!apiKey && !baseUrl) throw new UsageError(MISSING_MODEL);
  const openai = await import('@livekit/agents-plugin-openai');
  // Local servers ignore the key, but the OpenAI client insists on one.
  return new openai.LLM({ model, baseURL: baseUrl, apiKey: apiKey ?? 'no-key' });
}

/** You are the caller: each line you type is a turn, against a real model. Ctrl-D hangs up. */
export async function live(example: Example, printer: Printer, options: LiveOptions): Promise<void> {
  const model = await liveModel(options);
  // A real model can take a while; a turn gets a minute before the call gives up on it.
  const { call, run } = createExampleCall(example, { llm: model }, {
    csvPath: options.csvPath,
    onEvent: forwardToInspector(options.inspector, printer.onEvent),
    timeoutMs: 60_000,
  });
  options.inspector?.attach(call.session, { title: `${example.name} (live)` });

  printer.heading(`Live call: ${example.name} (${options.baseUrl ?? 'OpenAI'}, ${options.model}). Type as the caller; Ctrl-D hangs up.`);
  const input = createInterface({ input: process.stdin, terminal: false });
  // The iterator buffers lines, so piped input typed ahead of the agent is not lost.
  const lines = input[Symbol.asyncIterator]();
  try {
    await call.start(run.agent);
    while (!call.closed && !run.finished()) {
      if (printer.pretty) process.stdout.write('     you › ');
      const next = await lines.next();
      if (next.done) break; // Ctrl-D, or the end of piped input: hang up
      // On a terminal, replace the echoed line with the transcript's own caller line.
      if (printer.pretty) process.stdout.write('\x1b[1A\x1b[2K');
      const line = String(next.value).trim();
      if (line) await call.say(line);
    }
    if (!call.closed) await call.settled('the agent to finish');
  } finally {
    input.close();
    await call.close();
  }
  printer.heading('Results');
  for (const [label, value] of run.report()) if (value !== undefined) printer.field(label, value);
}
