import { useLayoutEffect, useRef } from 'react';
import { misuse } from '../model/errors.js';
import { type AnyToolHandle, type ToolArgs, isToolHandle } from '../model/tool-handle.js';
import type { DefaultUserData, ToolCallContext, ToolDeclaration, ToolParameters } from '../model/types.js';
import { useTaskVisit } from './contexts.js';

/** Options of {@link useTool}: a LiveKit tool declaration, plus `enabled`. */
export interface UseToolOptions<P extends ToolParameters | undefined = undefined, U = DefaultUserData, R = unknown>
  extends ToolDeclaration<P, U, R> {
  /** While false the tool is not offered to the model: tools can follow state. Default true. */
  enabled?: boolean;
}

/** Options of `useTool(tool, …)` for a tool made by `defineTool`: its name, description and parameters come from it. */
export interface UseDefinedToolOptions<T extends AnyToolHandle, U = DefaultUserData, R = unknown> {
  /** Runs the tool with the arguments its schema parsed. The latest function passed on render is the one called. */
  execute: (args: ToolArgs<T>, ctx: ToolCallContext<U, R>) => unknown;
  /** While false the tool is not offered to the model. Default true. */
  enabled?: boolean;
}

/**
 * Declares a tool on the enclosing `<Task>`. The latest `execute` is always the one called, so it
 * may read current state. Arguments are validated by `parameters` (a zod object); a call that
 * does not match, or an `execute` that throws, goes back to the model as a ToolError and the task
 * goes on. The tool is pushed to LiveKit only when the task's set of tools really changes
 * (a new name, `enabled` flipping, a new description). It takes a name and the declaration, or a
 * tool made by `defineTool` and its `execute`.
 *
 * @example
 * useTool('save_email', {
 *   description: 'Saves the email address the user gave.',
 *   parameters: z.object({ email: z.email() }),
 *   execute: ({ email }, { complete }) => complete({ email }),
 * });
 * useTool(saveEmail, { execute: ({ email }) => complete({ email }) }); // saveEmail = defineTool('save_email', …)
 */
export function useTool<T extends AnyToolHandle, U = DefaultUserData, R = unknown>(tool: T, options: UseDefinedToolOptions<T, U, R>): void;
export function useTool<P extends ToolParameters | undefined = undefined, U = DefaultUserData, R = unknown>(
  name: string,
  options: UseToolOptions<P, U, R>,
): void;
export function useTool(nameOrTool: string | AnyToolHandle, given: UseToolOptions<ToolParameters | undefined> | UseDefinedToolOptions<AnyToolHandle>): void {
  const visit = useTaskVisit('useTool');
  if (typeof nameOrTool !== 'string' && !isToolHandle(nameOrTool)) {
    throw misuse('useTool()', `in ${visit.step.label} was given neither a name nor a tool made by defineTool()`, "Call useTool('name', { description, execute }) or useTool(defineTool(…), { execute }).");
  }
  const name = typeof nameOrTool === 'string' ? nameOrTool : nameOrTool.name;
  const options: UseToolOptions<ToolParameters | undefined> =
    typeof nameOrTool === 'string'
      ? (given as UseToolOptions<ToolParameters | undefined>)
      : { description: nameOrTool.description, parameters: nameOrTool.parameters, flags: nameOrTool.flags, ...given };
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
