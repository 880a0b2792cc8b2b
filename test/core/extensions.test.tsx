/** mapResult, useFlushSync, and the testing kit's say() options and tool-call pairing. */
import { EventEmitter } from 'node:events';
import { describe, expect, test } from 'vitest';
import { useEffect, useState } from 'react';
import { Task, TaskGroup, Tool, useComplete, useFlushSync, useTool } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { Step, save } from '../fixtures/steps.js';

describe('<TaskGroup mapResult>', () => {
  const Card = () => (
    <TaskGroup
      id="card"
      description="Collects the card"
      summarize={false}
      mapResult={({ taskResults }) => ({ card: `${taskResults.number} ${taskResults.expiry}` })}
    >
      <Step id="number" />
      <Step id="expiry" />
    </TaskGroup>
  );

  test('a group component resolves with a result of its own, nested or on top', async () => {
    const answers = [save('4242', 'number'), save('12/30', 'expiry'), save('Eve', 'name')];
    const nested = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Card />
        <Step id="name" />
      </TaskGroup>,
      { llm: scriptedLLM(answers) },
    );
    for (const text of ['4242', '12/30', 'Eve']) await nested.say(text);
    expect(await nested.result).toEqual({ taskResults: { card: { card: '4242 12/30' }, name: 'Eve' } });

    const alone = await renderWorkflow(<Card />, { llm: scriptedLLM(answers) });
    for (const text of ['4242', '12/30']) await alone.say(text);
    expect(await alone.result).toEqual({ card: '4242 12/30' });
  });
});

describe('useFlushSync', () => {
  test('an update from an outside event is committed before the next model turn', async () => {
    const keypad = new EventEmitter();
    function Keypad() {
      const complete = useComplete<string>();
      const flushSync = useFlushSync();
      const [digits, setDigits] = useState('');
      useEffect(() => {
        const press = (digit: string) => flushSync(() => setDigits((current) => current + digit));
        keypad.on('digit', press);
        return () => void keypad.off('digit', press);
      }, [flushSync]);
      return digits ? <Tool name="submit_digits" description="Submits the keyed digits." execute={() => complete(digits)} /> : null;
    }
    const flow = await renderWorkflow<string>(
      <Task instructions="Take the PIN.">
        <Keypad />
      </Task>,
      { llm: scriptedLLM([{ user: 'done', toolCalls: [{ name: 'submit_digits', args: {} }] }]) },
    );
    expect(Object.keys(flow.session.currentAgent.toolCtx.functionTools)).toEqual([]);
    keypad.emit('digit', '4');
    keypad.emit('digit', '2');
    // The tool is on its way to LiveKit as soon as emit() returns; say() waits for it to land.
    expect(flow.workflow.isWaitingForInput).toBe(false);
    const turn = await flow.say('done');
    expect(turn.toolCalls).toEqual([{ name: 'submit_digits', args: {}, output: '', isError: false }]);
    expect(await flow.result).toBe('42');
    expect(keypad.listenerCount('digit')).toBe(0);
  });
});

describe('testing kit', () => {
  test('say(text, { inputModality }) marks the turn as spoken', async () => {
    const modalities: string[] = [];
    function Modality() {
      useTool('note', { description: 'Notes.', execute: (_, { runContext }) => void modalities.push(runContext.speechHandle.inputDetails.modality) });
      return null;
    }
    const flow = await renderWorkflow(<Task instructions="Note."><Modality /></Task>, {
      llm: scriptedLLM([{ user: /note/, toolCalls: [{ name: 'note', args: {} }] }]),
    });
    await flow.say('note this');
    await flow.say('note that', { inputModality: 'audio' });
    expect(modalities).toEqual(['text', 'audio']);
  });

  test('each tool call of a turn gets its own output, though FakeLLM reuses call ids across replies', async () => {
    function TwoTools() {
      const complete = useComplete<string>();
      useTool('check', { description: 'Checks.', execute: () => 'checked' });
      useTool('finish', { description: 'Finishes.', execute: () => complete('finished') });
      return null;
    }
    const flow = await renderWorkflow(<Task instructions="Check then finish."><TwoTools /></Task>, {
      llm: scriptedLLM([
        { user: 'go', toolCalls: [{ name: 'check', args: {} }] },
        { afterTool: 'check', toolCalls: [{ name: 'finish', args: {} }] },
      ]),
    });
    const turn = await flow.say('go');
    expect(turn.toolCalls.map(({ name, output }) => [name, output])).toEqual([
      ['check', '"checked"'],
      ['finish', ''],
    ]);
    expect(await flow.result).toBe('finished');
  });
});
