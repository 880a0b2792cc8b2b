import { useCallback } from 'react';
import { useWorkflow } from './contexts.js';

/**
 * Returns a function that runs `update` and commits the state updates it makes before
 * returning, as react-dom's `flushSync` does. Tool calls and task callbacks already do this; use
 * it for events that arrive from elsewhere (a room's DTMF event, a timer) when the next model
 * turn must already see the result, e.g. a tool that appears with the new state.
 *
 * @example
 * const flushSync = useFlushSync();
 * room.on('dtmfReceived', (code, digit) => flushSync(() => setDigits((d) => d + digit)));
 */
export function useFlushSync(): <T>(update: () => T) => T {
  const workflow = useWorkflow('useFlushSync()');
  return useCallback(<T,>(update: () => T): T => workflow.batch(update), [workflow]);
}
