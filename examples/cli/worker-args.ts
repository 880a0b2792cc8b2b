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
