/**
 * `npm run agent -- <dev|start|connect> [--example <name>]`: serves one example as a LiveKit agent
 * worker. The example comes from `--example` or the EXAMPLE variable (default: survey); everything
 * else goes to LiveKit's CLI, which reads LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.
 */
import { runWorker } from './shared/worker.js';

/** Each example's worker entry (a module whose default export is a `defineAgent`). */
export const WORKERS: Record<string, string> = {
  survey: './survey/agent.tsx',
  consent: './consent/agent.tsx',
  onboarding: './onboarding/agent.tsx',
  beyond: './beyond/agent.tsx',
};

/** Takes `--example <name>` / `--example=<name>` out of argv (LiveKit's CLI would reject it). */
export function takeExampleFlag(argv: string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--example' || arg.startsWith('--example='));
  if (at < 0) return undefined;
  const [flag] = argv.splice(at, 1) as [string];
  return flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : argv.splice(at, 1)[0];
}

/** LiveKit's CLI throws with a stack trace when keys are missing; say it in one line instead. */
export function missingCredentials(args: string[], env: NodeJS.ProcessEnv): string[] {
  if (!args.some((arg) => ['dev', 'start', 'connect'].includes(arg))) return [];
  const given = (variable: string, flag: string) => !!env[variable] || args.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
  return [
    !given('LIVEKIT_API_KEY', '--api-key') && 'LIVEKIT_API_KEY',
    !given('LIVEKIT_API_SECRET', '--api-secret') && 'LIVEKIT_API_SECRET',
  ].filter((name): name is string => !!name);
}

const name = takeExampleFlag(process.argv) ?? process.env.EXAMPLE ?? 'survey';
const entry = WORKERS[name];
if (!entry) {
  console.error(`Unknown example "${name}". Choose one of: ${Object.keys(WORKERS).join(', ')}.`);
  process.exit(2);
}
const missing = missingCredentials(process.argv.slice(2), process.env);
if (missing.length > 0) {
  console.error(`Set ${missing.join(' and ')} (your LiveKit project's keys; LIVEKIT_URL too, unless the server is ws://localhost:7880).`);
  process.exit(2);
}
runWorker(new URL(entry, import.meta.url).href);
