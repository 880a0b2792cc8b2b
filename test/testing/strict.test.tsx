/** A scripted tool call that goes otherwise than the script says fails the turn at once, with the tool's words. */
import { llm } from '@livekit/agents';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { Task, useComplete, useTool } from 'react-agent-tasks';
import { type ScriptedToolCall, renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';

function SaveEmail() {
  const complete = useComplete<string>();
  useTool('save_email', {
    description: 'Saves the email.',
    parameters: z.object({ email: z.string(), note: z.string().optional() }),
    execute: ({ email }) => {
      if (!email.includes('@')) throw new llm.ToolError(`"${email}" has no @: ask again.`);
      complete(email);
      return 'saved';
    },
  });
  return null;
}

/** One email task; the user's line "go" makes the model issue `call`. */
const renderWith = (call: ScriptedToolCall) =>
  renderWorkflow<string>(
    <Task id="email" instructions="Get the email.">
      <SaveEmail />
    </Task>,
    { llm: scriptedLLM([{ user: 'go', toolCalls: [call] }]) },
  );

describe('a scripted call the tool rejects fails say() with the tool’s message', () => {
  test('wrong argument names', async () => {
    const flow = await renderWith({ name: 'save_email', args: { address: 'eve@example.com' } });
    await expect(flow.say('go')).rejects.toThrow(
      /^react-agent-tasks\/testing: the scripted call save_email\(\{"address":"eve@example.com"\}\) in task "email", from rule 1 \(user "go" → calls save_email\), was rejected by the tool: Invalid arguments for save_email: [^]*"path": \[\s*"email"\s*\][^]*\nFix the call \(its name or arguments\), or, if the test expects the rejection, add expectError: true to it \(or the message to expect\)\.$/,
    );
  });

  test('a tool the task does not offer', async () => {
    const flow = await renderWith({ name: 'save_mail', args: { email: 'eve@example.com' } });
    await expect(flow.say('go')).rejects.toThrow('was rejected by the tool: Unknown function: save_mail - available tools: save_email\n');
  });

  test('the tool refusing the value (llm.ToolError)', async () => {
    const flow = await renderWith({ name: 'save_email', args: { email: 'eve at home' } });
    await expect(flow.say('go')).rejects.toThrow('was rejected by the tool: "eve at home" has no @: ask again.\n');
  });
});

describe('expectError marks a rejection the test wants', () => {
  test('true: any rejection; the turn resolves and shows it', async () => {
    const flow = await renderWith({ name: 'save_email', args: { email: 'eve at home' }, expectError: true });
    const turn = await flow.say('go');
    expect(turn.toolCalls).toEqual([{ name: 'save_email', args: { email: 'eve at home' }, output: '"eve at home" has no @: ask again.', isError: true }]);
    expect(flow.activeTask?.id).toBe('email');
  });

  test('a string or RegExp: the message must match', async () => {
    expect((await (await renderWith({ name: 'save_email', args: { email: 'x' }, expectError: 'has no @' })).say('go')).toolCalls[0]?.isError).toBe(true);
    const flow = await renderWith({ name: 'save_email', args: { email: 'x' }, expectError: /is too short/ });
    await expect(flow.say('go')).rejects.toThrow(
      'the scripted call save_email({"email":"x"}) in task "email", from rule 1 (user "go" → calls save_email), was rejected with "\\"x\\" has no @: ask again.", which does not match expectError /is too short/.',
    );
  });

  test('a call the tool accepts after all fails too', async () => {
    const flow = await renderWith({ name: 'save_email', args: { email: 'eve@example.com' }, expectError: true });
    await expect(flow.say('go')).rejects.toThrow(
      'save_email({"email":"eve@example.com"}) in task "email", from rule 1 (user "go" → calls save_email), was expected to be rejected (expectError), but the tool accepted it and returned "saved".',
    );
  });
});
