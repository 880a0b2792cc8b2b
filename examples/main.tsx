/**
 * `npm start`: runs an example as a simulated call, fully offline (a scripted caller and a scripted
 * model drive a real AgentSession), or with `--live` with you as the caller against a real model.
 * `npm start -- --help` lists the examples.
 */
// First: tells the testing kit (imported for scriptedLLM) that this is not a test run.
import './cli/no-act.js';
import { initializeLogger } from '@livekit/agents';
import { Command, Option } from 'commander';
import { UsageError, live } from './cli/live.js';
import { startCliInspector } from './cli/inspect.js';
import { simulate } from './cli/simulate.js';
import { Printer } from './cli/printer.js';
import { EXAMPLES, findExample } from './examples.js';

const program = new Command()
  .name('npm start --')
  .description('Runs an example as a simulated call, offline (default), or live with you as the caller.')
  .addOption(new Option('-e, --example <name>', 'the example to run').choices(EXAMPLES.map((e) => e.name)).default(EXAMPLES[0]!.name))
  .option('--live', 'type as the caller, against a real model (needs OPENAI_API_KEY or --base-url)')
  .option('--base-url <url>', 'with --live: an OpenAI-compatible server, e.g. http://localhost:11434/v1 for Ollama')
  .option('--model <name>', 'with --live: the model name', 'gpt-4.1-mini')
  .option('--csv <path>', 'survey: the CSV file interviews are appended to')
  .option('--plain', 'no colours, full tree (the default when output is piped)')
  .option('--inspect [port]', 'follow the call in the inspector, a local web page on 127.0.0.1 (default port 7788; 0: any free port)')
  .option('--pause <ms>', 'simulated calls: wait before each caller line (default 1000 with --inspect, else 0)')
  .addHelpText('after', `\nExamples:\n${EXAMPLES.map((e) => `  ${e.name.padEnd(18)} ${e.summary}`).join('\n')}\n`);

program.parse();
const options = program.opts<{
  example: string;
  live?: boolean;
  baseUrl?: string;
  model: string;
  csv?: string;
  plain?: boolean;
  inspect?: string | true;
  pause?: string;
}>();

// LiveKit's own logs would bury the conversation; errors still show.
initializeLogger({ pretty: false, level: 'error' });
const printer = new Printer({ pretty: !options.plain && process.stdout.isTTY === true && !process.env.NO_COLOR });
const example = findExample(options.example)!;

try {
  const inspector = options.inspect ? await startCliInspector(options.inspect === true ? 7788 : Number(options.inspect)) : undefined;
  if (inspector) printer.line(`inspector: ${inspector.url}`);
  if (options.live) {
    await live(example, printer, { baseUrl: options.baseUrl, model: options.model, csvPath: options.csv, inspector });
  } else {
    const pauseMs = Number(options.pause ?? (inspector ? 1000 : 0));
    await simulate(example, printer, { csvPath: options.csv, inspector, pauseMs });
  }
  if (inspector) {
    // The page keeps showing the finished call until you quit.
    printer.line(`inspector: ${inspector.url} (still open; Ctrl-C quits)`);
    await new Promise<void>((resolve) => process.once('SIGINT', resolve));
    await inspector.close();
  }
  process.exit(0);
} catch (error) {
  // A usage mistake is one line; anything else is a bug worth its stack trace.
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
