import { useLayoutEffect, useRef } from 'react';
import { useTaskVisit } from './contexts.js';
import type { ToolDeclaration, ToolParameters } from '../model/types.js';

/** Options of {@link useTool}: a LiveKit tool declaration, plus `enabled`. */
export interface UseToolOptions<P extends ToolParameters | undefined = undefined, U = any, R = unknown>
  extends ToolDeclaration<P, U, R> {
  /** While false the tool is not offered to the model: tools can follow state. Default true. */
  enabled?: boolean;
}

/**
 * Declares a tool on the enclosing `<Task>`. The latest `execute` is always the one called, so it
 * may read current state. Arguments are validated by `parameters` (a zod object); a call that
 * does not match, or an `execute` that throws, goes back to the model as a ToolError and the task
 * goes on. The tool is pushed to LiveKit only when the task's set of tools really changes
 * (a new name, `enabled` flipping, a new description).
 *
 * @example
 * useTool('save_email', {
 *   description: 'Saves the email address the user gave.',
 *   parameters: z.object({ email: z.string().email() }),
 *   execute: ({ email }, { complete }) => complete({ email }),
 * });
 */
export function useTool<P extends ToolParameters | undefined = undefined, U = any, R = unknown>(
  name: string,
  options: UseToolOptions<P, U, R>,
): void {
  const visit = useTaskVisit('useTool');
  const latest = useRef(options as unknown as ToolDeclaration);
  useLayoutEffect(() => {
    latest.current = options as unknown as ToolDeclaration;
  });
  const enabled = options.enabled ?? true;
  useLayoutEffect(() => {
    if (!enabled) return;
    return visit.registerTool(Symbol(name), name, latest);
  }, [visit, name, enabled, options.description, options.flags]);
}
