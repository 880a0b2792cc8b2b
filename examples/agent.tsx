/**
 * `npm run agent -- <dev|start|connect> [--example <name>] [--inspect [port]]`: serves one example
 * as a LiveKit agent worker. The example comes from `--example` or the EXAMPLE variable (default:
 * survey); `--inspect` shows every call in the inspector (INSPECT_PORT); everything else goes to
 * LiveKit's CLI, which reads LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.
 */
import { WORKERS, takeExampleFlag, takeInspectFlag, workerUsage } from './cli/worker-args.js';
import { runWorker } from './shared/worker.js';

// LiveKit's help knows nothing of our flags: ours come first.
if (process.argv.includes('--help') || process.argv.includes('-h')) console.log(workerUsage());

const name = takeExampleFlag(process.argv) ?? process.env.EXAMPLE ?? 'survey';
const inspectPort = takeInspectFlag(process.argv);
// Job processes inherit the environment: each starts the inspector for the calls it serves.
if (inspectPort !== undefined) process.env.INSPECT_PORT = inspectPort;
const entry = WORKERS[name];
if (!entry) {
  console.error(`Unknown example "${name}". Choose one of: ${Object.keys(WORKERS).join(', ')}.`);
  process.exit(2);
}
runWorker(new URL(entry, import.meta.url).href);
