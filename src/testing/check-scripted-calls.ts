import { misuse } from '../model/errors.js';
import { type AnyToolHandle, isToolHandle } from '../model/tool-handle.js';
import type { ToolParameters } from '../model/types.js';
import type { ScriptRule } from './script-rules.js';

/** A script whose calls its tools would refuse tests nothing: it fails when it is made, naming the rule. */
export function checkScriptedCalls(rules: readonly ScriptRule[], tools: readonly AnyToolHandle[]): void {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  if (!tools.every(isToolHandle)) throw misuse('scriptedLLM()', 'was given tools not made by defineTool()', 'Pass the handles your components declare with useTool(tool, …).');
  rules.forEach((rule, index) => {
    for (const call of rule.toolCalls ?? []) {
      if (call.name === 'out_of_scope') continue;
      const tool = byName.get(call.name);
      if (!tool) throw misuse('scriptedLLM()', `rule ${index + 1} calls ${call.name}, which is not among its tools (${[...byName.keys()].join(', ')})`, 'Add the tool to { tools }, or fix the name.');
      const schema: ToolParameters | undefined = tool.parameters;
      const parsed = schema?.safeParse(call.args);
      if (parsed && !parsed.success) {
        const problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`).join('; ');
        throw misuse('scriptedLLM()', `rule ${index + 1} calls ${call.name} with arguments its schema refuses (${problem})`, 'Fix the arguments, or leave { tools } out to send malformed ones on purpose.');
      }
    }
  });
}
