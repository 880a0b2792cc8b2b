/** Ports of the seed page's single-task examples: consent, unordered collection, typed results. */
import { llm } from '@livekit/agents';
import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { Task, useComplete, useOnEnter, useTool } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { useState } from 'react';

function CollectConsent() {
  const complete = useComplete<boolean>();
  useOnEnter(({ session }) => {
    session.generateReply({
      instructions: 'Briefly introduce yourself, then ask for permission to record the call.',
    });
  });
  useTool('consent_given', { description: 'Use this when the user gives consent to record.', execute: () => complete(true) });
  useTool('consent_denied', { description: 'Use this when the user denies consent to record.', execute: () => complete(false) });
  return null;
}

const consentTask = (
  <Task instructions="Ask for recording consent and get a clear yes or no answer.">
    <CollectConsent />
  </Task>
);

const consentScript = () =>
  scriptedLLM([
    { onEnter: /ask for permission to record/, reply: 'Hi, may I record this call?' },
    { user: 'Yes, go ahead.', toolCalls: [{ name: 'consent_given', args: {} }] },
    { user: 'No, please do not.', toolCalls: [{ name: 'consent_denied', args: {} }] },
  ]);

describe('CollectConsent (seed)', () => {
  test.each([
    ['Yes, go ahead.', true],
    ['No, please do not.', false],
  ])('%s → %s', async (answer, expected) => {
    const flow = await renderWorkflow<boolean>(consentTask, { llm: consentScript() });
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'Hi, may I record this call?' }]);
    const turn = await flow.say(answer);
    turn.expect.containsFunctionCall({ name: expected ? 'consent_given' : 'consent_denied' });
    expect(await flow.result).toBe(expected);
  });
});

interface BehavioralResults {
  strengths: string;
  weaknesses: string;
  workStyle: string;
}

function Behavioral() {
  const complete = useComplete<BehavioralResults>();
  const [results, setResults] = useState<Partial<BehavioralResults>>({});
  const record = (patch: Partial<BehavioralResults>, ctx: { session: { generateReply(o: { instructions: string }): unknown } }) => {
    const next = { ...results, ...patch };
    setResults(next);
    const { strengths, weaknesses, workStyle } = next;
    if (strengths && weaknesses && workStyle) complete({ strengths, weaknesses, workStyle });
    else ctx.session.generateReply({ instructions: 'Continue collecting remaining information.' });
  };
  useTool('record_strengths', {
    description: "Record candidate's strengths",
    parameters: z.object({ strengthsSummary: z.string() }),
    execute: ({ strengthsSummary }, ctx) => record({ strengths: strengthsSummary }, ctx),
  });
  useTool('record_weaknesses', {
    description: "Record candidate's weaknesses",
    parameters: z.object({ weaknessesSummary: z.string() }),
    execute: ({ weaknessesSummary }, ctx) => record({ weaknesses: weaknessesSummary }, ctx),
  });
  useTool('record_work_style', {
    description: "Record candidate's work style",
    parameters: z.object({ workStyle: z.string() }),
    execute: ({ workStyle }, ctx) => record({ workStyle }, ctx),
  });
  return null;
}

const answers = {
  strengths: { user: 'I am patient.', toolCalls: [{ name: 'record_strengths', args: { strengthsSummary: 'patient' } }] },
  weaknesses: { user: 'I am impatient with tools.', toolCalls: [{ name: 'record_weaknesses', args: { weaknessesSummary: 'tools' } }] },
  workStyle: { user: 'I like pairing.', toolCalls: [{ name: 'record_work_style', args: { workStyle: 'pairing' } }] },
};

describe('unordered collection (seed BehavioralTask)', () => {
  test.each([
    [['strengths', 'weaknesses', 'workStyle']],
    [['workStyle', 'strengths', 'weaknesses']],
    [['weaknesses', 'workStyle', 'strengths']],
  ] as const)('answers in the order %j complete with a typed object', async (order) => {
    const flow = await renderWorkflow<BehavioralResults>(
      <Task instructions="Collect strengths, weaknesses, and work style in any order.">
        <Behavioral />
      </Task>,
      {
        llm: scriptedLLM([
          ...Object.values(answers),
          { onEnter: 'Continue collecting remaining information.', reply: 'What else?' },
        ]),
      },
    );
    for (const [i, key] of order.entries()) {
      const turn = await flow.say(answers[key].user);
      // Until the last answer the task keeps asking, and stays the active task.
      if (i < order.length - 1) {
        expect(turn.messages.at(-1)).toEqual({ role: 'assistant', text: 'What else?' });
        expect(flow.activeTask).not.toBeNull();
      }
    }
    expect(await flow.result).toEqual({ strengths: 'patient', weaknesses: 'tools', workStyle: 'pairing' });
  });
});

describe('a model that needs several turns before completing', () => {
  test('the task stays active, visible in tree(), until the completion tool is called', async () => {
    const flow = await renderWorkflow<boolean>(consentTask, {
      llm: scriptedLLM([
        { user: 'Who are you?', reply: 'I am the recruiting assistant. May I record?' },
        { user: 'Yes.', toolCalls: [{ name: 'consent_given', args: {} }] },
      ]),
    });
    const first = await flow.say('Who are you?');
    expect(first.toolCalls).toEqual([]);
    expect(first.completed).toEqual([]);
    expect(flow.tree()).toBe('task task: active, entered 1×');
    await flow.say('Yes.');
    expect(await flow.result).toBe(true);
    // After the end, the tree is the final one.
    expect(flow.tree()).toBe('task task: done, entered 1×');
  });
});

describe('tool arguments', () => {
  test('invalid arguments go back to the model as a ToolError and the task goes on', async () => {
    let executed = 0;
    function Email() {
      const complete = useComplete<string>();
      useTool('save_email', {
        description: 'Saves the email.',
        parameters: z.object({ email: z.email() }),
        execute: ({ email }) => {
          executed++;
          complete(email);
        },
      });
      return null;
    }
    const flow = await renderWorkflow<string>(<Task instructions="Get the email."><Email /></Task>, {
      llm: scriptedLLM([
        { user: 'It is eve at example', toolCalls: [{ name: 'save_email', args: { email: 'eve at example' }, expectError: true }] },
        { user: 'eve@example.com', toolCalls: [{ name: 'save_email', args: { email: 'eve@example.com' } }] },
      ]),
    });
    const bad = await flow.say('It is eve at example');
    expect(bad.toolCalls[0]).toMatchObject({ name: 'save_email', isError: true });
    expect(bad.toolCalls[0]!.output).toMatch(/Invalid arguments for save_email/);
    expect(executed).toBe(0);
    expect(flow.activeTask).not.toBeNull();
    await flow.say('eve@example.com');
    expect(await flow.result).toBe('eve@example.com');
  });

  test("an execute that throws: the model hears LiveKit's generic text, the developer the error; a ToolError keeps its message", async () => {
    let attempts = 0;
    function Flaky() {
      const complete = useComplete<string>();
      useTool('lookup', {
        description: 'Looks up the account.',
        execute: () => {
          attempts++;
          if (attempts === 1) throw new Error('database offline');
          if (attempts === 2) throw new llm.ToolError('account is locked');
          complete('found');
        },
      });
      return null;
    }
    const lookup = (user: string, expectError?: string) => ({ user, toolCalls: [{ name: 'lookup', args: {}, expectError }] });
    const flow = await renderWorkflow<string>(<Task instructions="Look it up."><Flaky /></Task>, {
      llm: scriptedLLM([lookup('one', 'An internal error occurred'), lookup('two', 'account is locked'), lookup('three')]),
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Internal text can hold secrets: only a ToolError's message reaches the model, as in LiveKit.
    expect((await flow.say('one')).toolCalls[0]).toMatchObject({ isError: true, output: 'An internal error occurred' });
    expect(logged.mock.calls.flat().map(String).join(' ')).toContain('database offline');
    expect((await flow.say('two')).toolCalls[0]).toMatchObject({ isError: true, output: 'account is locked' });
    await flow.say('three');
    expect(await flow.result).toBe('found');
    logged.mockRestore();
  });

  test("a second completion fails that call as LiveKit's does, and the first result stands", async () => {
    function Twice() {
      const complete = useComplete<string>();
      useTool('finish', {
        description: 'Finishes.',
        execute: () => {
          complete('first');
          complete('second');
        },
      });
      return null;
    }
    const flow = await renderWorkflow<string>(<Task instructions="Finish."><Twice /></Task>, {
      llm: scriptedLLM([{ user: 'done', toolCalls: [{ name: 'finish', args: {}, expectError: true }] }]),
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const turn = await flow.say('done');
    // LiveKit's AgentTask.complete throws a plain Error the second time; the model hears its generic text.
    expect(turn.toolCalls[0]).toMatchObject({ isError: true, output: 'An internal error occurred' });
    expect(logged.mock.calls.flat().map(String).join(' ')).toContain('is already done');
    expect(await flow.result).toBe('first');
    logged.mockRestore();
  });
});
