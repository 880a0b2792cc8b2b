import type { DefaultUserData, TaskCallbackContext } from '../model/types.js';
import { useTaskCallback } from './use-task-callback.js';

/**
 * Runs when the enclosing `<Task>` takes over the session (LiveKit's `onEnter`), on every visit.
 * It is not awaited, so waiting for speech playout inside it cannot deadlock a task started from a
 * tool; an error it throws (or rejects with) fails the task.
 *
 * @example
 * useOnEnter(({ session }) => {
 *   session.generateReply({ instructions: 'Ask for the email address.' });
 * });
 */
export function useOnEnter<U = DefaultUserData>(callback: (ctx: TaskCallbackContext<U>) => unknown): void {
  useTaskCallback('useOnEnter', 'enter', callback);
}
