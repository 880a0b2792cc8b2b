/**
 * What each tool of a task does, written once: the two interpreters only wire these behaviours
 * into `llm.tool(...)` (plain) or `useTool`/`<Tool>` (JSX).
 */
import { llm } from '@livekit/agents';
import { z } from 'zod';
import { type TaskSpec, type ToolKind, recordTool, toolName } from './spec.js';

/** What a tool may do to its task. */
export interface TaskActions {
  complete(result: unknown): void;
  /** Completes the task and ends its group early (`useEndGroup`; JSX only). */
  endGroup(result: unknown): void;
  /** Offers `secret_<id>` from now on; false when it already was. */
  unlock(): boolean | Promise<boolean>;
  /** The fields a collector has recorded in this visit. */
  recorded: Map<string, string>;
}

export interface ToolBehaviour {
  name: string;
  description: string;
  parameters: z.ZodObject<z.ZodRawShape>;
  run(args: Record<string, unknown>, task: TaskActions): unknown;
}

const noArgs = z.object({});

function behaviour(kind: ToolKind | 'finish' | 'secret', id: string): ToolBehaviour {
  const name = toolName(kind, id);
  switch (kind) {
    case 'finish':
      return {
        name,
        description: `Records the ${id} the user gave.`,
        parameters: z.object({ value: z.string() }),
        run: ({ value }, task) => task.complete(value),
      };
    case 'note':
      return {
        name,
        description: `Notes a remark about the ${id}.`,
        parameters: z.object({ text: z.string() }),
        run: ({ text }) => `noted ${text}`,
      };
    case 'reject':
      return {
        name,
        description: `Checks the ${id} with the back office.`,
        parameters: noArgs,
        run: () => {
          throw new llm.ToolError(`the back office refused the ${id}`);
        },
      };
    case 'crash':
      return {
        name,
        description: `Looks the ${id} up in the database.`,
        parameters: noArgs,
        run: () => {
          throw new Error(`database connection to the ${id} table lost`);
        },
      };
    case 'fail':
      return {
        name,
        description: `The user refuses to give the ${id}.`,
        parameters: z.object({ reason: z.string() }),
        run: ({ reason }, task) => task.complete(new Error(String(reason))),
      };
    case 'end':
      return {
        name,
        description: `Records the ${id} and ends the questions here.`,
        parameters: z.object({ value: z.string() }),
        run: ({ value }, task) => task.endGroup(value),
      };
    case 'unlock':
      return {
        name,
        description: `Unlocks the secret question about the ${id}.`,
        parameters: noArgs,
        run: async (_args, task) => ((await task.unlock()) ? 'unlocked' : 'already unlocked'),
      };
    case 'secret':
      return {
        name,
        description: `Asks the secret question about the ${id}.`,
        parameters: noArgs,
        run: () => `secret answer about the ${id}`,
      };
  }
}

function recordBehaviour(spec: TaskSpec, field: string): ToolBehaviour {
  const fields = spec.fields ?? [];
  return {
    name: recordTool(field, spec.id),
    description: `Records the ${field} of the ${spec.id}.`,
    parameters: z.object({ value: z.string() }),
    run: ({ value }, task) => {
      const complete = task.recorded.size === fields.length - 1 && !task.recorded.has(field);
      task.recorded.set(field, String(value));
      const missing = fields.filter((name) => !task.recorded.has(name));
      // Completes once, when the last missing field comes in.
      if (complete) task.complete(Object.fromEntries(fields.map((name) => [name, task.recorded.get(name)])));
      return missing.length ? `recorded ${field}; still missing ${missing.join(', ')}` : 'all recorded';
    },
  };
}

/** The tools a task offers from the start: `finish_<id>`, one per kind in its spec, one per field. */
export const startTools = (spec: TaskSpec): ToolBehaviour[] => [
  behaviour('finish', spec.id),
  ...spec.tools.map((kind) => behaviour(kind, spec.id)),
  ...(spec.fields ?? []).map((field) => recordBehaviour(spec, field)),
];

/** The tool `unlock_<id>` adds. */
export const secretTool = (spec: TaskSpec): ToolBehaviour => behaviour('secret', spec.id);

/** A behaviour as a LiveKit tool. */
export function livekitTool(tool: ToolBehaviour, task: TaskActions) {
  return llm.tool({
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
    execute: async (args: Record<string, unknown>) => tool.run(args, task),
  });
}
