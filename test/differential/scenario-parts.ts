/** Short builders for hand-written scenarios: the known differences' repros and the tests' own. */
import type { GroupSpec, Reply, TaskSpec, ToolCall, ToolKind } from './spec.js';

export const task = (id: string, tools: ToolKind[] = []): TaskSpec => ({ kind: 'task', id, description: `Collects the ${id}`, greet: true, tools });
export const group = (steps: TaskSpec[], flags: Partial<GroupSpec> = {}): GroupSpec => ({
  kind: 'group',
  id: '',
  description: '',
  summarize: false,
  returnExceptions: false,
  preserveFunctionCallHistory: false,
  steps,
  ...flags,
});
export const call = (name: string, args: Record<string, unknown> = {}): ToolCall => ({ name, args });
export const turns = (...replies: ToolCall[][]) => replies.map((toolCalls, i) => ({ user: `u${i + 1}: ${toolCalls.map((c) => c.name).join(' + ')}`, reply: { toolCalls } satisfies Reply }));
