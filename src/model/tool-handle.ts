/**
 * Tool handles: a tool's name and argument schema as a value, so the places that name the tool
 * outside the component that declares it (a test's scripted tool calls) are checked against it.
 */
import type { z } from 'zod';
import { misuse } from './errors.js';
import type { ToolParameters } from './types.js';

/** A tool made by {@link defineTool}: declare it with `useTool(tool, { execute })`. */
export interface ToolHandle<N extends string = string, P extends ToolParameters | undefined = ToolParameters | undefined> {
  readonly kind: 'tool';
  readonly name: N;
  readonly description: string;
  readonly parameters: P;
  readonly flags: number | undefined;
}

export type AnyToolHandle = ToolHandle<string, any>;

/** The arguments `execute` receives (zod's output type). */
export type ToolArgs<T> = T extends ToolHandle<string, infer P> ? (P extends ToolParameters ? z.output<P> : Record<string, never>) : never;

/** The arguments the model sends for a tool (zod's input type): what a scripted tool call must hold. */
export type ToolCallArgs<T> = T extends ToolHandle<string, infer P> ? (P extends ToolParameters ? z.input<P> : Record<string, never>) : never;

/** One call of one of `T`'s tools, as a scripted model makes it: `{ name, args }`, told apart by `name`. */
export type ToolCallOf<T> = T extends AnyToolHandle ? { name: T['name']; args: ToolCallArgs<T> } : never;

const tools = new WeakSet<object>();

/** True for a tool made by {@link defineTool}. */
export function isToolHandle(value: unknown): value is AnyToolHandle {
  return typeof value === 'object' && value !== null && tools.has(value);
}

/**
 * A tool's name, description and zod parameters as a value. Declare it on a task with
 * `useTool(tool, { execute })`; give it to `scriptedLLM(rules, { tools })` so every scripted
 * call of it is checked against its schema, by the compiler and when the script is made.
 *
 * @example
 * export const saveEmail = defineTool('save_email', {
 *   description: 'Saves the email address the user gave.',
 *   parameters: z.object({ email: z.email() }),
 * });
 */
export function defineTool<const N extends string, P extends ToolParameters | undefined = undefined>(
  name: N,
  definition: { description: string; parameters?: P; flags?: number },
): ToolHandle<N, P> {
  if (typeof name !== 'string' || name.trim() === '') throw misuse('defineTool()', 'was given no name', "Name the tool the way the model calls it: defineTool('save_email', { … }).");
  const handle: ToolHandle<N, P> = Object.freeze({
    kind: 'tool',
    name,
    description: definition.description,
    parameters: definition.parameters as P,
    flags: definition.flags,
  });
  tools.add(handle);
  return handle;
}
