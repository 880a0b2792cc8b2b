import type { DefaultUserData, TaskCallbackContext } from '../model/types.js';
import { useTaskCallback } from './use-task-callback.js';

/**
 * Runs when the enclosing `<Task>` hands the session back (LiveKit's `onExit`), before its
 * components unmount. It is awaited.
 *
 * @example
 * useOnExit(({ session }) => session.say('Thanks, that is all I needed.'));
 */
export function useOnExit<U = DefaultUserData>(callback: (ctx: TaskCallbackContext<U>) => unknown): void {
  useTaskCallback('useOnExit', 'exit', callback);
}
