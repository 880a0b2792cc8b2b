/** Each example's worker entry (a module whose default export is a `defineAgent`), by example name. */
export const WORKERS: Record<string, string> = {
  survey: './survey/agent.tsx',
  consent: './consent/agent.tsx',
  onboarding: './onboarding/agent.tsx',
  beyond: './beyond/agent.tsx',
  seed: './seed/agent.tsx',
};

/** Takes `--example <name>` / `--example=<name>` out of argv (LiveKit's CLI would reject it). */
export function takeExampleFlag(argv: string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--example' || arg.startsWith('--example='));
  if (at < 0) return undefined;
  const [flag] = argv.splice(at, 1) as [string];
  return flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : argv.splice(at, 1)[0];
}

/** LiveKit's CLI throws with a stack trace when keys are missing; the names to ask for instead. */
export function missingCredentials(args: string[], env: NodeJS.ProcessEnv): string[] {
  if (!args.some((arg) => ['dev', 'start', 'connect'].includes(arg))) return [];
  const given = (variable: string, flag: string) => !!env[variable] || args.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
  return [
    !given('LIVEKIT_API_KEY', '--api-key') && 'LIVEKIT_API_KEY',
    !given('LIVEKIT_API_SECRET', '--api-secret') && 'LIVEKIT_API_SECRET',
  ].filter((name): name is string => !!name);
}

/** The one line a worker prints when the keys are missing. */
export function missingCredentialsMessage(missing: string[]): string {
  return `Set ${missing.join(' and ')} (your LiveKit project's keys; LIVEKIT_URL too, unless the server is ws://localhost:7880).`;
}

/** What `npm run agent -- --help` prints before LiveKit's own help. */
export function workerUsage(): string {
  return [
    'Usage: npm run agent -- <dev|start|connect> [--example <name>] [--inspect [port]] [LiveKit options]',
    '',
    'Serves one example as a LiveKit agent worker.',
    '',
    'Options of react-agent-tasks:',
    `  --example <name>   the example to serve: ${Object.keys(WORKERS).join(', ')} (default: survey, or EXAMPLE)`,
    '  --inspect [port]   show every call in the inspector, a local web page (default port 7788)',
    '',
    'Environment: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET; STT_MODEL, LLM_MODEL, TTS_MODEL;',
    'SURVEY_CSV; CHECKPOINT_REDIS_URL or CHECKPOINT_DIR, CHECKPOINT_KEY_SECRET (survey: dropped calls resume).',
    '',
    "LiveKit's CLI:",
  ].join('\n');
}

/**
 * Takes `--inspect`, `--inspect <port>` or `--inspect=<port>` out of argv and returns the port
 * (7788 when none is given). The worker passes it to its job processes as INSPECT_PORT.
 */
export function takeInspectFlag(argv: string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--inspect' || arg.startsWith('--inspect='));
  if (at < 0) return undefined;
  const [flag] = argv.splice(at, 1) as [string];
  if (flag.includes('=')) return flag.slice(flag.indexOf('=') + 1);
  return /^\d+$/.test(argv[at] ?? '') ? argv.splice(at, 1)[0] : '7788';
}
