import { useLayoutEffect, useRef } from 'react';
import { useTaskVisit } from './contexts.js';
import type { TaskCallbackContext } from '../model/types.js';

/** Shared by useOnEnter and useOnExit: registers the latest callback on the enclosing task's visit. */
export function useTaskCallback<U>(hook: string, kind: 'enter' | 'exit', callback: (ctx: TaskCallbackContext<U>) => unknown): void {
  const visit = useTaskVisit(hook);
  const latest = useRef(callback as (ctx: TaskCallbackContext) => unknown);
  useLayoutEffect(() => {
    latest.current = callback as (ctx: TaskCallbackContext) => unknown;
  });
  useLayoutEffect(() => visit.registerHandler(kind, Symbol(hook), latest), [visit, hook, kind]);
}
