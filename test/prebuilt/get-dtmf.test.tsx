import { EventEmitter } from 'node:events';
import { voice } from '@livekit/agents';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Task, TaskGroup, type TaskGroupResult, useComplete, useOnEnter, useTool } from 'react-agent-tasks';
import { CaptureDeclinedError, type DtmfClock, GetDtmf, type GetDtmfResult } from 'react-agent-tasks/prebuilt';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { offeredTools } from './helpers.js';

/** A room as far as DTMF goes: rtc-node's Room emits 'dtmfReceived' with (code, digit, participant). */
class FakeRoom extends EventEmitter {
  press(keys: string): void {
    for (const key of keys) this.emit('dtmfReceived', key === '#' ? 11 : key === '*' ? 10 : Number(key), key, { identity: 'caller' });
  }
  get listening(): number {
    return this.listenerCount('dtmfReceived');
  }
}

/** Timers that fire only when the test says so. */
class ManualClock implements DtmfClock {
  private readonly timers = new Map<number, { callback: () => void; ms: number }>();
  private next = 1;
  setTimeout(callback: () => void, ms: number): number {
    const id = this.next++;
    this.timers.set(id, { callback, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number[] {
    return [...this.timers.values()].map((timer) => timer.ms);
  }
  fire(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const timer of due) timer.callback();
  }
}

const ask = { onEnter: /on their phone keypad/, reply: 'Please enter your PIN.' };

function lastAssistantText(flow: { session: { history: { items: Array<{ type: string; role?: string; textContent?: string }> } } }) {
  const messages = flow.session.history.items.filter((item) => item.type === 'message' && item.role === 'assistant');
  return messages.at(-1)?.textContent;
}

describe('<GetDtmf>', () => {
  it('completes as soon as numDigits keys arrived', async () => {
    const room = new FakeRoom();
    const clock = new ManualClock();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} numDigits={4} clock={clock} />, { llm: scriptedLLM([ask]) });
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'Please enter your PIN.' }]);
    expect(room.listening).toBe(1);

    room.press('1234');
    expect(await flow.result).toEqual({ digits: '1234' });
    expect(room.listening).toBe(0);
    expect(clock.pending).toEqual([]);
  });

  it('ends input at the stop key, which is not part of the digits', async () => {
    const room = new FakeRoom();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} clock={new ManualClock()} />, { llm: scriptedLLM([ask]) });
    room.press('98*7#');
    expect(await flow.result).toEqual({ digits: '98*7' });
  });

  it('ends input interDigitTimeoutMs after the last key; each key restarts the timer', async () => {
    const room = new FakeRoom();
    const clock = new ManualClock();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} interDigitTimeoutMs={3000} clock={clock} />, { llm: scriptedLLM([ask]) });
    room.press('5');
    expect(clock.pending).toEqual([3000]);
    room.press('5');
    expect(clock.pending).toEqual([3000]);
    expect(flow.activeTask?.id).toBe('dtmf');

    clock.fire();
    expect(await flow.result).toEqual({ digits: '55' });
  });

  it('asks again when the timeout ends an incomplete entry, then takes a full one', async () => {
    const room = new FakeRoom();
    const clock = new ManualClock();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} numDigits={4} clock={clock} />, {
      llm: scriptedLLM([ask, { onEnter: /entered 2 digits before the keypad went quiet/, reply: 'I only got two digits; please enter all four.' }]),
    });
    room.press('12');
    clock.fire();
    await flow.waitForTask('dtmf');
    expect(lastAssistantText(flow)).toBe('I only got two digits; please enter all four.');

    room.press('4821');
    expect(await flow.result).toEqual({ digits: '4821' });
  });

  it('asks again when the stop key ends an incomplete entry', async () => {
    const room = new FakeRoom();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} numDigits={4} clock={new ManualClock()} />, {
      llm: scriptedLLM([ask, { onEnter: /entered 3 digits before pressing #/, reply: 'Please enter all four digits.' }]),
    });
    room.press('123#');
    await flow.waitForTask('dtmf');
    expect(lastAssistantText(flow)).toBe('Please enter all four digits.');
    room.press('1234');
    expect(await flow.result).toEqual({ digits: '1234' });
  });

  it('with requireConfirmation, reads the digits back and completes on confirm_digits; other digits are refused', async () => {
    const room = new FakeRoom();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} numDigits={4} requireConfirmation clock={new ManualClock()} />, {
      llm: scriptedLLM([
        ask,
        { onEnter: /The digits are 4 8 2 1/, reply: 'You entered 4 8 2 1. Is that right?' },
        { user: 'yes (wrong digits)', toolCalls: [{ name: 'confirm_digits', args: { digits: '4812' }, expectError: /not the recorded ones/ }] },
        { user: 'yes', toolCalls: [{ name: 'confirm_digits', args: { digits: '4821' } }] },
      ]),
    });
    expect(offeredTools(flow.session)).not.toContain('confirm_digits');
    room.press('4821');
    await flow.waitForTask('dtmf');
    expect(lastAssistantText(flow)).toBe('You entered 4 8 2 1. Is that right?');
    expect(offeredTools(flow.session)).toContain('confirm_digits');

    const wrong = await flow.say('yes (wrong digits)');
    expect(wrong.toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/not the recorded ones/) });
    await flow.say('yes');
    expect(await flow.result).toEqual({ digits: '4821' });
  });

  it('takes digits said aloud, validated; completing clears a pending keypad timer and the listener', async () => {
    const room = new FakeRoom();
    const clock = new ManualClock();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} numDigits={4} clock={clock} />, {
      llm: scriptedLLM([
        ask,
        { user: 'one two three', toolCalls: [{ name: 'update_digits', args: { digits: '123' }, expectError: /4 digits are expected/ }] },
        { user: 'one two three four', toolCalls: [{ name: 'update_digits', args: { digits: '1 2 3 4' } }] },
      ]),
    });
    room.press('9');
    expect(clock.pending).toHaveLength(1);
    const short = await flow.say('one two three');
    expect(short.toolCalls[0]).toMatchObject({ isError: true, output: expect.stringMatching(/4 digits are expected/) });
    await flow.say('one two three four');
    expect(await flow.result).toEqual({ digits: '1234' });
    expect(clock.pending).toEqual([]);
    expect(room.listening).toBe(0);
  });

  it('pauses the inter-digit timer while the agent thinks or speaks, and while the user speaks', async () => {
    const room = new FakeRoom();
    const clock = new ManualClock();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} clock={clock} />, {
      llm: scriptedLLM([ask, { user: 'Sorry, which key ends it?', reply: 'The pound key.' }]),
    });
    room.press('12');
    expect(clock.pending).toEqual([5000]);
    // Registered after the task's own listener, so it sees the timer as the task left it.
    const seen: Array<[string, number]> = [];
    flow.session.on(voice.AgentSessionEventTypes.AgentStateChanged, (event) => seen.push([event.newState, clock.pending.length]));
    await flow.say('Sorry, which key ends it?');
    expect(seen).toContainEqual(['thinking', 0]);
    expect(seen).toContainEqual(['speaking', 0]);
    expect(seen.at(-1)).toEqual(['listening', 1]);

    // As LiveKit's VAD reports the caller speaking.
    flow.session._updateUserState('speaking');
    expect(clock.pending).toEqual([]);
    room.press('3');
    expect(clock.pending).toEqual([]);
    flow.session._updateUserState('listening');
    expect(clock.pending).toEqual([5000]);
    clock.fire();
    expect(await flow.result).toEqual({ digits: '123' });
  });

  it('ignores keys after a complete entry: nothing throws out of the room listener', async () => {
    const room = new FakeRoom();
    const clock = new ManualClock();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} numDigits={4} clock={clock} />, { llm: scriptedLLM([ask]) });
    expect(() => room.press('12345678#')).not.toThrow();
    expect(await flow.result).toEqual({ digits: '1234' });
    expect(clock.pending).toEqual([]);
  });

  it('any stream of keys, with or without confirmation, never throws out of the room listener', async () => {
    const keys = fc.sample(fc.string({ unit: fc.constantFrom(...'0123456789*#'), maxLength: 300 }), { numRuns: 30, seed: 7 });
    for (const requireConfirmation of [false, true]) {
      const room = new FakeRoom();
      const clock = new ManualClock();
      const flow = await renderWorkflow(<GetDtmf room={room} numDigits={4} requireConfirmation={requireConfirmation} clock={clock} />, {
        llm: scriptedLLM([ask]),
      });
      for (const stream of keys) {
        expect(() => room.press(stream)).not.toThrow();
        expect(() => clock.fire()).not.toThrow();
      }
      await flow.close();
      expect(room.listening).toBe(0);
    }
  });

  it('never asks again for an entry it accepted: a stop key after it is no new entry', async () => {
    const room = new FakeRoom();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} numDigits={4} requireConfirmation clock={new ManualClock()} />, {
      llm: scriptedLLM([
        ask,
        { onEnter: /The digits are 4 8 2 1/, reply: 'You entered 4 8 2 1. Is that right?' },
        { onEnter: /incomplete/, reply: 'Please enter all four digits again.' },
        { user: 'yes', toolCalls: [{ name: 'confirm_digits', args: { digits: '4821' } }] },
      ]),
    });
    room.press('4821#');
    await flow.waitForTask('dtmf');
    room.press('#');
    await flow.waitForTask('dtmf');
    expect(lastAssistantText(flow)).toBe('You entered 4 8 2 1. Is that right?');
    await flow.say('yes');
    expect(await flow.result).toEqual({ digits: '4821' });
  });

  it('the reply that asks records nothing, even when the model tries (tool choice none)', async () => {
    const room = new FakeRoom();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} numDigits={4} clock={new ManualClock()} />, {
      llm: scriptedLLM([{ ...ask, toolCalls: [{ name: 'update_digits', args: { digits: '0000' } }] }]),
    });
    expect(flow.startup.toolCalls).toEqual([]);
    expect(flow.activeTask?.id).toBe('dtmf');
    room.press('4821');
    expect(await flow.result).toEqual({ digits: '4821' });
  });

  it('under StrictMode, listens once and stops listening when done', async () => {
    const room = new FakeRoom();
    const flow = await renderWorkflow<GetDtmfResult>(<GetDtmf room={room} numDigits={2} clock={new ManualClock()} />, {
      llm: scriptedLLM([ask]),
      strict: true,
    });
    expect(room.listening).toBe(1);
    room.press('42');
    expect(await flow.result).toEqual({ digits: '42' });
    expect(room.listening).toBe(0);
  });

  it('decline_digits_capture fails the task with a CaptureDeclinedError', async () => {
    const room = new FakeRoom();
    const flow = await renderWorkflow(<GetDtmf room={room} clock={new ManualClock()} />, {
      llm: scriptedLLM([ask, { user: 'I do not have it.', toolCalls: [{ name: 'decline_digits_capture', args: { reason: 'no PIN' } }] }]),
    });
    await flow.say('I do not have it.');
    expect(await flow.result.catch((error: unknown) => error)).toBeInstanceOf(CaptureDeclinedError);
    expect(room.listening).toBe(0);
  });

  it('in a group, going back to it listens again (one listener) and takes new digits', async () => {
    function Notes() {
      const complete = useComplete<string>();
      useOnEnter(({ session }) => session.generateReply({ instructions: 'Ask for notes.' }));
      useTool('save_notes', { description: 'Saves notes.', execute: () => complete('noted') });
      return null;
    }
    const room = new FakeRoom();
    const flow = await renderWorkflow<TaskGroupResult>(
      <TaskGroup summarize={false}>
        <GetDtmf id="pin" room={room} numDigits={4} clock={new ManualClock()} />
        <Task id="notes" description="Takes notes">
          <Notes />
        </Task>
      </TaskGroup>,
      {
        llm: scriptedLLM([
          ask,
          { user: 'I typed the wrong PIN.', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['pin'] } }] },
          { user: 'done', toolCalls: [{ name: 'save_notes', args: {} }] },
        ]),
      },
    );
    room.press('1111');
    await flow.waitForTask('notes');
    expect(room.listening).toBe(0);
    room.press('9999'); // nobody listens outside the task

    await flow.say('I typed the wrong PIN.');
    await flow.waitForTask('pin');
    expect(room.listening).toBe(1);
    room.press('2222');
    await flow.waitForTask('notes');
    await flow.say('done');
    expect((await flow.result).taskResults).toEqual({ pin: { digits: '2222' }, notes: 'noted' });
  });
});
