import { voice } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import { TaskGroup, type TaskGroupResult } from 'react-agent-tasks';
import { CaptureDeclinedError, GetEmail, GetName } from 'react-agent-tasks/prebuilt';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { offeredTools } from './helpers.js';

const ask = { onEnter: /email address/, reply: 'What is your email address?' };
const update = (email: string) => ({ name: 'update_email_address', args: { email } });
const confirm = (email: string) => ({ name: 'confirm_email_address', args: { email } });

describe('<GetEmail>', () => {
  it('records a spoken address, normalised, and completes at once when confirmation is off (typed input)', async () => {
    const flow = await renderWorkflow(<GetEmail />, {
      llm: scriptedLLM([ask, { user: 'john dot doe at gmail dot com', toolCalls: [update('john dot doe at Gmail dot com')] }]),
    });
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'What is your email address?' }]);
    expect(offeredTools(flow.session)).toEqual(['decline_email_capture', 'update_email_address']);

    const turn = await flow.say('john dot doe at gmail dot com');
    expect(turn.toolCalls[0]).toMatchObject({ isError: false, output: expect.stringContaining('john.doe@gmail.com') });
    expect(turn.completed).toEqual(['email']);
    expect(await flow.result).toEqual({ emailAddress: 'john.doe@gmail.com' });
  });

  it('sends an invalid address back to the model as a ToolError and keeps asking', async () => {
    const flow = await renderWorkflow(<GetEmail />, {
      llm: scriptedLLM([
        ask,
        { user: 'jane at example', toolCalls: [{ ...update('jane at example'), expectError: /no domain ending/ }] },
        { afterTool: 'update_email_address', reply: 'Which domain is that, example dot com?' },
        { user: 'yes, example dot com', toolCalls: [update('jane@example.com')] },
      ]),
    });
    const invalid = await flow.say('jane at example');
    expect(invalid.toolCalls).toEqual([
      expect.objectContaining({ name: 'update_email_address', isError: true, output: expect.stringMatching(/no domain ending/) }),
    ]);
    expect(invalid.messages.at(-1)).toEqual({ role: 'assistant', text: 'Which domain is that, example dot com?' });
    expect(flow.activeTask?.id).toBe('email');

    await flow.say('yes, example dot com');
    expect(await flow.result).toEqual({ emailAddress: 'jane@example.com' });
  });

  it('with requireConfirmation, offers confirm_email_address only once a value is recorded and completes on it', async () => {
    const flow = await renderWorkflow(<GetEmail requireConfirmation />, {
      llm: scriptedLLM([
        ask,
        { user: 'eve at example dot com', toolCalls: [update('eve@example.com')] },
        { afterTool: 'update_email_address', reply: 'That is e v e at example dot com, correct?' },
        { user: 'Yes.', toolCalls: [confirm('eve@example.com')] },
      ]),
    });
    expect(offeredTools(flow.session)).not.toContain('confirm_email_address');

    const recorded = await flow.say('eve at example dot com');
    expect(recorded.completed).toEqual([]);
    expect(recorded.toolCalls[0]?.output).toMatch(/confirm/);
    expect(offeredTools(flow.session)).toContain('confirm_email_address');

    const confirmed = await flow.say('Yes.');
    expect(confirmed.completed).toEqual(['email']);
    expect(await flow.result).toEqual({ emailAddress: 'eve@example.com' });
  });

  it('refuses to confirm an address that changed since it was read back', async () => {
    const flow = await renderWorkflow(<GetEmail requireConfirmation />, {
      llm: scriptedLLM([
        ask,
        { user: 'eve at example dot com', toolCalls: [update('eve@example.com')] },
        { user: 'Sorry, it is eva at example dot com', toolCalls: [update('eva@example.com')] },
        { user: 'Yes, right.', toolCalls: [{ ...confirm('eve@example.com'), expectError: /not the recorded one/ }] },
        { user: 'Yes, eva.', toolCalls: [confirm('eva@example.com')] },
      ]),
    });
    await flow.say('eve at example dot com');
    await flow.say('Sorry, it is eva at example dot com');
    const stale = await flow.say('Yes, right.');
    expect(stale.toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/not the recorded one \(eva@example.com\)/) });
    expect(flow.activeTask?.id).toBe('email');

    await flow.say('Yes, eva.');
    expect(await flow.result).toEqual({ emailAddress: 'eva@example.com' });
  });

  it('does not complete on a confirmation in the same turn as the update: the user has not answered yet', async () => {
    const flow = await renderWorkflow(<GetEmail requireConfirmation />, {
      llm: scriptedLLM([
        ask,
        { user: 'eve at example dot com', toolCalls: [update('eve@example.com')] },
        { afterTool: 'update_email_address', toolCalls: [{ ...confirm('eve@example.com'), expectError: true }] },
      ]),
    });
    const turn = await flow.say('eve at example dot com');
    // LiveKit keeps the tools a reply started with, so confirm_email_address does not exist yet in this
    // reply; were it offered, the tool itself refuses a confirmation from the update's own reply.
    expect(turn.toolCalls.map((call) => call.name)).toEqual(['update_email_address', 'confirm_email_address']);
    expect(turn.toolCalls[1]?.isError).toBe(true);
    expect(turn.completed).toEqual([]);
    expect(flow.activeTask?.id).toBe('email');
    expect(offeredTools(flow.session)).toContain('confirm_email_address');
  });

  it('by default asks for confirmation of spoken input and not of typed input', async () => {
    const flow = await renderWorkflow(<GetEmail />, {
      llm: scriptedLLM([ask, { user: 'eve at example dot com', toolCalls: [update('eve@example.com')] }]),
    });
    // A voice turn, as the STT pipeline would send it: LiveKit marks its speech handle 'audio'.
    await flow.session.run({ userInput: 'eve at example dot com', inputModality: 'audio' }).wait();
    await flow.waitForTask('email');
    expect(offeredTools(flow.session)).toContain('confirm_email_address');

    const typed = await renderWorkflow(<GetEmail />, {
      llm: scriptedLLM([ask, { user: 'eve at example dot com', toolCalls: [update('eve@example.com')] }]),
    });
    await typed.say('eve at example dot com');
    expect(await typed.result).toEqual({ emailAddress: 'eve@example.com' });
  });

  it('modality="audio" asks for confirmation even of typed input', async () => {
    const flow = await renderWorkflow(<GetEmail modality="audio" />, {
      llm: scriptedLLM([{ onEnter: /say their email address/, reply: 'Please say your email.' }, { user: 'eve@example.com', toolCalls: [update('eve@example.com')] }]),
    });
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'Please say your email.' }]);
    const turn = await flow.say('eve@example.com');
    expect(turn.completed).toEqual([]);
    expect(offeredTools(flow.session)).toContain('confirm_email_address');
  });

  it('works the same under StrictMode (tools registered once, confirm follows the record)', async () => {
    const flow = await renderWorkflow(<GetEmail requireConfirmation />, {
      strict: true,
      llm: scriptedLLM([
        ask,
        { user: 'eve at example dot com', toolCalls: [update('eve@example.com')] },
        { user: 'Yes.', toolCalls: [confirm('eve@example.com')] },
      ]),
    });
    expect(offeredTools(flow.session)).toEqual(['decline_email_capture', 'update_email_address']);
    await flow.say('eve at example dot com');
    expect(offeredTools(flow.session)).toEqual(['confirm_email_address', 'decline_email_capture', 'update_email_address']);
    await flow.say('Yes.');
    expect(await flow.result).toEqual({ emailAddress: 'eve@example.com' });
  });

  it('fails with a CaptureDeclinedError when the user declines', async () => {
    const flow = await renderWorkflow(<GetEmail />, {
      llm: scriptedLLM([ask, { user: 'I would rather not say.', toolCalls: [{ name: 'decline_email_capture', args: { reason: 'privacy' } }] }]),
    });
    await flow.say('I would rather not say.');
    const error = await flow.result.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CaptureDeclinedError);
    expect(error).toMatchObject({ field: 'email address', reason: 'privacy', message: "couldn't get the email address: privacy" });
  });

  it('asks before it records: the greeting cannot call update_email_address unless requireExplicitAsk is false', async () => {
    const script = (expectError?: RegExp) =>
      scriptedLLM([{ onEnter: /email address/, reply: 'Is eve@example.com still right?', toolCalls: [{ ...update('eve@example.com'), expectError }] }]);
    const explicit = await renderWorkflow(<GetEmail />, { llm: script(/Unknown function/) });
    // The greeting's reply has no update tool (IGNORE_ON_ENTER): the model's attempt is refused by LiveKit.
    expect(explicit.startup.toolCalls.length).toBeGreaterThan(0);
    expect(explicit.startup.toolCalls.every((call) => call.isError && /Unknown function: update_email_address/.test(call.output ?? ''))).toBe(true);
    expect(explicit.activeTask?.id).toBe('email');
    expect(offeredTools(explicit.session)).toContain('update_email_address');

    // LiveKit's default: the greeting may record an address already in the conversation.
    const eager = await renderWorkflow(<GetEmail requireExplicitAsk={false} />, { llm: script() });
    expect(await eager.result).toEqual({ emailAddress: 'eve@example.com' });
  });

  it('persona, instructions and extraInstructions shape the task instructions; extra tools are offered', async () => {
    const { llm } = await import('@livekit/agents');
    const disqualify = llm.tool({ description: 'Ends the interview.', execute: async () => 'ok' });
    const flow = await renderWorkflow(
      <GetEmail persona="You are Ava from Acme." extraInstructions="Only work addresses." tools={{ disqualify }} />,
      { llm: scriptedLLM([ask]) },
    );
    const instructions = flow.session.currentAgent.instructions as string;
    expect(instructions.startsWith('You are Ava from Acme.\n')).toBe(true);
    expect(instructions.endsWith('\nOnly work addresses.')).toBe(true);
    expect(offeredTools(flow.session)).toContain('disqualify');

    const replaced = await renderWorkflow(<GetEmail instructions="Get the email." />, { llm: scriptedLLM([]) });
    expect(replaced.session.currentAgent.instructions).toBe('Get the email.');
  });

  it('in a group, the user can go back to correct the email from a later step', async () => {
    const flow = await renderWorkflow<TaskGroupResult>(
      <TaskGroup summarize={false}>
        <GetEmail />
        <GetName />
      </TaskGroup>,
      {
        llm: scriptedLLM([
          ask,
          { user: 'eve@example.com', toolCalls: [update('eve@example.com')] },
          { onEnter: /first name/, reply: 'And your first name?' },
          { user: 'Actually my email is different.', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['email'] } }] },
          { user: 'eva@example.com', toolCalls: [update('eva@example.com')] },
          { user: 'Eva', toolCalls: [{ name: 'update_name', args: { first_name: 'Eva' } }] },
        ]),
      },
    );
    await flow.say('eve@example.com');
    await flow.waitForTask('name');
    const back = await flow.say('Actually my email is different.');
    expect(back.wentBackTo).toEqual(['email']);
    expect(flow.activeTask?.id).toBe('email');
    await flow.say('eva@example.com');
    await flow.waitForTask('name');
    await flow.say('Eva');
    expect((await flow.result).taskResults).toEqual({ email: { emailAddress: 'eva@example.com' }, name: { firstName: 'Eva' } });
  });
});
