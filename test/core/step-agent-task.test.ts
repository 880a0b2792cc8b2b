/**
 * Pins what StepAgentTask relies on in LiveKit's AgentTask, so an upgrade that changes it fails
 * here first: the fields that hold a task's run (never copied by configure()), and that a
 * configured task carries exactly the options LiveKit's own constructor computes.
 */
import { initializeLogger, llm, voice } from '@livekit/agents';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { RUN_STATE, StepAgentTask } from '../../src/engine/step-agent-task.js';

initializeLogger({ pretty: false, level: 'fatal' });

test("every run-state field configure() leaves alone exists on LiveKit's AgentTask", () => {
  const keys = Object.keys(new voice.AgentTask({ instructions: '' }));
  for (const field of RUN_STATE) expect(keys).toContain(field);
});

test("a configured task carries the options LiveKit's constructor computes, seeded and filtered in TaskGroup's order", () => {
  const save = llm.tool({ description: 'Saves.', parameters: z.object({ value: z.string() }), execute: async () => 'ok' });
  const extra = llm.tool({ name: 'out_of_scope', description: 'Back.', parameters: z.object({}), execute: async () => undefined });
  const model = new voice.testing.FakeLLM([]);
  const seed = llm.ChatContext.empty();
  seed.addMessage({ role: 'user', content: 'hi' });
  seed.insert(llm.FunctionCall.create({ callId: '1', name: 'out_of_scope', args: '{}' }));
  seed.insert(llm.FunctionCallOutput.create({ callId: '1', name: 'out_of_scope', output: '', isError: false }));
  const options = { id: 'email', instructions: 'Collect the email.', tools: { save }, llm: model, preserveFunctionCallHistory: true };

  const configured = new StepAgentTask();
  configured.configure({ agentOptions: options, seed, extraTools: [extra] });

  const reference = new voice.AgentTask(options);
  void reference.updateChatCtx(seed);
  void reference.updateTools([...reference.toolCtx.tools, extra]);

  expect(configured.id).toBe('email');
  expect(configured.instructions).toBe(reference.instructions);
  expect(configured.llm).toBe(model);
  expect(Object.keys(configured.toolCtx.functionTools).sort()).toEqual(['out_of_scope', 'save']);
  // The seed was filtered by the task's own tools before out_of_scope was added: LiveKit's order.
  expect(configured.chatCtx.items.map((item) => item.type)).toEqual(reference.chatCtx.items.map((item) => item.type));
  expect(configured.chatCtx.items.map((item) => item.type)).toEqual(['message']);
});
