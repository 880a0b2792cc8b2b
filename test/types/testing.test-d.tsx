/** Type tests: the testing kit's result is typed, and scripted tool calls are checked against the workflow's tools. */
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { Task, defineTask, defineTool } from 'react-agent-tasks';
import { GetEmail, type GetEmailResult } from 'react-agent-tasks/prebuilt';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';

const saveName = defineTool('save_name', { description: 'Saves the name.', parameters: z.object({ name: z.string(), age: z.number().optional() }) });
const confirm = defineTool('confirm', { description: 'The user confirmed.' });
const name = defineTask<string>('name');

export async function typedResults() {
  const flow = await renderWorkflow(name, <Task step={name} />, { llm: [] });
  expectTypeOf(flow.result).toEqualTypeOf<Promise<string>>();
  const collector = await renderWorkflow(GetEmail, { requireConfirmation: false }, { llm: [] });
  expectTypeOf(collector.result).toEqualTypeOf<Promise<GetEmailResult>>();
  const untyped = await renderWorkflow(<Task />, { llm: [] });
  expectTypeOf(untyped.result).toEqualTypeOf<Promise<unknown>>();
}

export function scriptedCalls() {
  scriptedLLM(
    [
      { user: 'Eve', toolCalls: [{ name: 'save_name', args: { name: 'Eve' } }] },
      { user: 'Eve, 40', toolCalls: [{ name: 'save_name', args: { name: 'Eve', age: 40 } }] },
      { user: 'yes', toolCalls: [{ name: 'confirm', args: {} }] },
      { user: 'back', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['name'] } }] },
    ],
    { tools: [saveName, confirm] },
  );
  scriptedLLM(
    // @ts-expect-error a misspelled tool name
    [{ user: 'Eve', toolCalls: [{ name: 'save_nmae', args: { name: 'Eve' } }] }],
    { tools: [saveName] },
  );
  scriptedLLM(
    // @ts-expect-error arguments the tool's schema refuses
    [{ user: 'Eve', toolCalls: [{ name: 'save_name', args: { name: 42 } }] }],
    { tools: [saveName] },
  );
  // Without tools, any call (a malformed one on purpose, say).
  scriptedLLM([{ user: 'Eve', toolCalls: [{ name: 'save_name', args: { name: 42 } }] }]);
}
