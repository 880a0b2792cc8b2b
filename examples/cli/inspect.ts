import { startInspector, type Inspector } from 'react-agent-tasks/inspector';
import type { CallEvent } from '../shared/simulated-call.js';
import { UsageError } from './usage-error.js';

/** Passes a call's workflow events on to the inspector, and every event on to `next` (the printer). */
export function forwardToInspector(inspector: Inspector | undefined, next: (event: CallEvent) => void): (event: CallEvent) => void {
  if (!inspector) return next;
  return (event) => {
    if (event.type === 'workflow') inspector.onEvent(event.event, event.workflow);
    next(event);
  };
}

/** `--inspect [port]`: the inspector on 127.0.0.1; a port in use is a one-line usage error. */
export async function startCliInspector(port: number): Promise<Inspector> {
  try {
    return await startInspector({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`--inspect: port ${port} is in use; pass another, e.g. --inspect ${port + 1} (0 picks a free one).`);
    throw error;
  }
}

let jobInspector: Promise<Inspector> | undefined;

/**
 * The inspector of a LiveKit worker's job process, when INSPECT_PORT is set (`npm run agent --
 * dev --inspect`): one per process, shared by the jobs it runs. A port already taken by another
 * job process falls back to any free one; the URL is logged. INSPECT_HOST and INSPECT_TOKEN serve
 * it beyond 127.0.0.1 (a token is then required).
 */
export function workerInspector(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.log): Promise<Inspector> | undefined {
  if (env.INSPECT_PORT === undefined) return undefined;
  const options = { host: env.INSPECT_HOST, token: env.INSPECT_TOKEN };
  jobInspector ??= startInspector({ ...options, port: Number(env.INSPECT_PORT) })
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      return startInspector({ ...options, port: 0 });
    })
    .then((inspector) => {
      log(`inspector: ${inspector.url}`);
      return inspector;
    });
  return jobInspector;
}
