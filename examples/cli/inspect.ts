import { startInspector, type Inspector } from 'react-agent-tasks/inspector';
import type { CallEvent } from '../shared/simulated-call.js';
import { UsageError } from './live.js';

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
