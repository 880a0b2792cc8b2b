/**
 * The retry policy (re-phrase, keypad entry, give up) and how collectors fail: with ToolErrors a
 * tool awaiting them passes on to the model, and a group can keep.
 */
import { EventEmitter } from 'node:events';
import { llm, voice } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import { Task, TaskGroup, type TaskGroupResult, runTask, useComplete, useOnEnter, useTool } from 'react-agent-tasks';
import {
  CaptureDeclinedError,
  CaptureFailedError,
  CollectConsent,
  type DtmfClock,
  GetDtmf,
  GetEmail,
  GetPhoneNumber,
} from 'react-agent-tasks/prebuilt';
import { renderAgent, renderWorkflow, scriptedLLM, type ScriptRule } from 'react-agent-tasks/testing';

const bad = (n: number): ScriptRule => ({ user: `bad ${n}`, toolCalls: [{ name: 'update_email_address', args: { email: `eve${n} at example` }, expectError: true }] });

class FakeRoom extends EventEmitter {
  press(keys: string): void {
    for (const key of keys) this.emit('dtmfReceived', key === '#' ? 11 : key === '*' ? 10 : Number(key), key, { identity: 'caller' });
  }
}

/** Timers that fire only when the test says so. */
class ManualClock implements DtmfClock {
  private readonly timers = new Map<number, () => void>();
  private next = 1;
  setTimeout(callback: () => void): number {
    this.timers.set(this.next, callback);
    return this.next++;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  fire(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const callback of due) callback();
  }
}

describe('retry policy', () => {
  it('re-phrases from the second invalid attempt and gives up at the fifth with a CaptureFailedError (a ToolError)', async () => {
    const flow = await renderWorkflow(<GetEmail requireConfirmation={false} />, {
      llm: scriptedLLM([bad(1), bad(2), bad(3), bad(4), bad(5)]),
    });
    const first = await flow.say('bad 1');
    expect(first.toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/no domain ending/) });
    expect(first.toolCalls[0]?.output).not.toMatch(/attempt/);

    const second = await flow.say('bad 2');
    expect(second.toolCalls[0]?.output).toMatch(/This was invalid attempt 2 of 5\. Re-phrase your question: ask for the part before the @ first/);
    await flow.say('bad 3');
    await flow.say('bad 4');
    expect(flow.activeTask?.id).toBe('email');

    const last = await flow.say('bad 5');
    expect(last.toolCalls[0]?.output).toMatch(/invalid attempt 5 of 5\. The email address could not be captured; this step has ended/);
    const error = await flow.result.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CaptureFailedError);
    expect(error).toBeInstanceOf(llm.ToolError);
    expect(error).toMatchObject({ field: 'email address', attempts: 5, message: expect.stringMatching(/^couldn't get the email address: 5 invalid attempts in a row/) });
  });

  it('a valid value starts the count again; retry={false} never escalates (LiveKit)', async () => {
    const valid: ScriptRule = { user: 'ok', toolCalls: [{ name: 'update_email_address', args: { email: 'eve@example.com' } }] };
    const flow = await renderWorkflow(<GetEmail requireConfirmation />, { llm: scriptedLLM([bad(1), valid, bad(2)]) });
    await flow.say('bad 1');
    await flow.say('ok');
    expect((await flow.say('bad 2')).toolCalls[0]?.output).not.toMatch(/attempt/);

    const patient = await renderWorkflow(<GetEmail requireConfirmation={false} retry={false} />, {
      llm: scriptedLLM([1, 2, 3, 4, 5, 6].map(bad)),
    });
    for (const n of [1, 2, 3, 4, 5, 6]) expect((await patient.say(`bad ${n}`)).toolCalls[0]?.output).not.toMatch(/attempt|Re-phrase/);
    expect(patient.activeTask?.id).toBe('email');
  });

  it('offers keypad entry to a collector of digits, and takes the number typed on the keypad', async () => {
    const room = new FakeRoom();
    const badNumber = (n: number): ScriptRule => ({ user: `bad ${n}`, toolCalls: [{ name: 'update_phone_number', args: { phone_number: '415 555' }, expectError: true }] });
    const flow = await renderWorkflow(
      <GetPhoneNumber defaultCountryCode="+1" keypad={{ room, clock: new ManualClock() }} retry={{ rephraseAfter: 1, keypadAfter: 2 }} />,
      { llm: scriptedLLM([badNumber(1), badNumber(2)]) },
    );
    expect((await flow.say('bad 1')).toolCalls[0]?.output).toMatch(/too short.*Re-phrase your question: ask for the country code and area code first/);
    expect((await flow.say('bad 2')).toolCalls[0]?.output).toMatch(
      /invalid attempt 2 of 5\. Offer keypad entry: the user can type the phone number on their phone keypad, then press the pound key\./,
    );
    room.press('4155550123#');
    expect(await flow.result).toEqual({ phoneNumber: '+14155550123' });
  });

  it('an invalid keypad entry counts as an attempt and the agent is told why', async () => {
    const room = new FakeRoom();
    const flow = await renderWorkflow(<GetPhoneNumber defaultCountryCode="+1" keypad={{ room, clock: new ManualClock() }} />, {
      llm: scriptedLLM([{ onEnter: /typed the phone number on the keypad, but it is not valid\. Invalid phone number: .*too short/, reply: 'That was too short.' }]),
    });
    room.press('415#');
    await flow.waitForTask('phone_number');
    const said = flow.session.history.items.filter((item) => item.type === 'message' && item.role === 'assistant').at(-1);
    expect(said?.type === 'message' && said.textContent).toBe('That was too short.');
  });

  it('in a group with returnExceptions, the failure is kept and the next step runs', async () => {
    function Notes() {
      const complete = useComplete<string>();
      useOnEnter(({ session }) => session.generateReply({ instructions: 'Ask for notes.' }));
      useTool('save_notes', { description: 'Saves notes.', execute: () => complete('noted') });
      return null;
    }
    const flow = await renderWorkflow<TaskGroupResult>(
      <TaskGroup summarize={false} returnExceptions>
        <GetEmail requireConfirmation={false} retry={{ maxAttempts: 2 }} />
        <Task id="notes" description="Takes notes">
          <Notes />
        </Task>
      </TaskGroup>,
      { llm: scriptedLLM([bad(1), bad(2), { user: 'done', toolCalls: [{ name: 'save_notes', args: {} }] }]) },
    );
    await flow.say('bad 1');
    await flow.say('bad 2');
    await flow.waitForTask('notes');
    await flow.say('done');
    const { taskResults } = await flow.result;
    expect(taskResults.email).toBeInstanceOf(CaptureFailedError);
    expect(taskResults.notes).toBe('noted');
  });

  it('CollectConsent counts unclear answers; GetDtmf counts incomplete entries', async () => {
    const unclear = (n: number): ScriptRule => ({ user: `maybe ${n}`, toolCalls: [{ name: 'consent_unclear', args: {} }] });
    const consent = await renderWorkflow<boolean>(<CollectConsent retry={{ maxAttempts: 3 }} />, { llm: scriptedLLM([1, 2, 3].map(unclear)) });
    expect((await consent.say('maybe 1')).toolCalls[0]?.output).toBe(JSON.stringify('The answer is unclear. Ask again for a clear yes or no.'));
    expect((await consent.say('maybe 2')).toolCalls[0]?.output).toMatch(/Re-phrase your question: explain in one short sentence why the call is recorded/);
    await consent.say('maybe 3');
    expect(await consent.result.catch((error: unknown) => error)).toMatchObject({ name: 'CaptureFailedError', field: 'consent', attempts: 3 });

    const room = new FakeRoom();
    const dtmf = await renderWorkflow(<GetDtmf room={room} numDigits={4} clock={new ManualClock()} retry={{ maxAttempts: 2 }} />, { llm: scriptedLLM([]) });
    room.press('12#');
    await dtmf.waitForTask('dtmf');
    room.press('1#');
    expect(await dtmf.result.catch((error: unknown) => error)).toMatchObject({ name: 'CaptureFailedError', field: 'digits', attempts: 2 });
  });

  it('a nonsense policy is a developer mistake, named at once', async () => {
    await expect(renderWorkflow(<GetEmail retry={{ maxAttempts: 0 }} />, { llm: scriptedLLM([]) }).then((flow) => flow.result)).rejects.toThrow(
      /^react-agent-tasks: <GetEmail>'s retry\.maxAttempts is 0\. Give a whole number of attempts, 1 or more, or retry=\{false\} to never escalate\.$/,
    );
  });
});

describe('failing with a ToolError', () => {
  it('a decline awaited inside an ordinary LiveKit tool reaches the model with its reason, not as an internal error', async () => {
    const agent = new voice.Agent({
      instructions: 'You book appointments.',
      tools: [
        llm.tool({
          name: 'book',
          description: 'Books an appointment; asks for the email address.',
          execute: async () => {
            const { emailAddress } = await runTask<{ emailAddress: string }>(<GetEmail />);
            return `booked for ${emailAddress}`;
          },
        }),
      ],
    });
    const call = await renderAgent(agent, {
      llm: scriptedLLM([
        { user: 'Book me in', toolCalls: [{ name: 'book', args: {}, expectError: /couldn't get the email address/ }] },
        { onEnter: /email address/, reply: 'Your email?' },
        { user: 'No, I will not give it.', toolCalls: [{ name: 'decline_email_capture', args: { reason: 'the user wants no email contact' } }] },
        { afterTool: 'book', reply: 'No problem, we will call you instead.' },
      ]),
    });
    await call.say('Book me in');
    const turn = await call.say('No, I will not give it.');
    const book = call.session.history.items.find((item) => item.type === 'function_call_output' && item.name === 'book');
    expect(book).toMatchObject({ isError: true, output: "couldn't get the email address: the user wants no email contact" });
    expect(turn.messages.at(-1)).toEqual({ role: 'assistant', text: 'No problem, we will call you instead.' });
    expect(new CaptureDeclinedError('x', 'y')).toBeInstanceOf(llm.ToolError);
  });
});
