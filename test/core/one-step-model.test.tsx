/** Behaviours that follow from every step running one way (issue "Core 2"). */
import { initializeLogger, llm, voice } from '@livekit/agents';
import { describe, expect, test, vi } from 'vitest';
import { useState } from 'react';
import { z } from 'zod';
import {
  Task,
  TaskGroup,
  WorkflowClosedError,
  runTask,
  useComplete,
  useEndGroup,
  useOnEnter,
  useTaskResults,
  useTool,
  useWorkflowResults,
} from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { Step, goBack, save } from '../fixtures/steps.js';

describe('callbacks run once', () => {
  test("a nested group's onComplete and mapResult, and the parent's onTaskCompleted, once per completion", async () => {
    const onComplete = vi.fn();
    const mapResult = vi.fn(({ taskResults }: { taskResults: Record<string, unknown> }) => ({ card: taskResults.number }));
    const onTaskCompleted = vi.fn();
    const flow = await renderWorkflow(
      <TaskGroup summarize={false} onTaskCompleted={onTaskCompleted}>
        <Step id="name" />
        <TaskGroup id="payment" description="Collects the card" summarize={false} mapResult={mapResult} onComplete={onComplete}>
          <Step id="number" />
        </TaskGroup>
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name'), save('4242', 'number')]) },
    );
    await flow.say('Eve');
    await flow.say('4242');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve', payment: { card: '4242' } } });
    expect(mapResult).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledWith({ card: '4242' });
    expect(onTaskCompleted.mock.calls.map(([event]) => [event.taskId, event.result])).toEqual([
      ['name', 'Eve'],
      ['payment', { card: '4242' }],
    ]);
  });
});

describe('results stay consistent', () => {
  test('a step that drops out leaves useTaskResults() and the final taskResults together', async () => {
    const seen: Array<Record<string, unknown>> = [];
    function Steps() {
      const results = useTaskResults<{ consent: string }>();
      seen.push(results);
      return (
        <>
          <Step id="consent" />
          {results.consent === 'yes' && <Step id="notice" />}
          <Step id="email" />
        </>
      );
    }
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Steps />
      </TaskGroup>,
      { llm: scriptedLLM([save('yes', 'consent'), save('ok', 'notice'), goBack('no consent', ['consent']), save('no', 'consent'), save('a@b.co', 'email')]) },
    );
    await flow.say('yes');
    await flow.say('ok');
    await flow.say('no consent');
    await flow.say('no');
    // The render that no longer shows `notice` already reads results without it.
    expect(seen.at(-1)).toEqual({ consent: 'no' });
    await flow.say('a@b.co');
    expect(await flow.result).toEqual({ taskResults: { consent: 'no', email: 'a@b.co' } });
  });

  test('a running step whose condition turns false ends as skipped; the group goes on with earlier answers', async () => {
    function Toggle() {
      const complete = useComplete<string>();
      useTool('skip_extras', { description: 'The user wants no extras.', execute: () => void hide() });
      useTool('save_extras', { description: 'Saves extras.', execute: () => complete('extras') });
      return null;
    }
    let hide!: () => void;
    function Steps() {
      const [extras, setExtras] = useState(true);
      hide = () => setExtras(false);
      return (
        <>
          <Step id="name" />
          {extras && (
            <Task id="extras" description="Offers extras">
              <Toggle />
            </Task>
          )}
          <Step id="email" />
        </>
      );
    }
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Steps />
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name'), { user: 'no extras', toolCalls: [{ name: 'skip_extras', args: {} }] }, save('a@b.co', 'email')]) },
    );
    await flow.say('Eve');
    expect(flow.activeTask?.id).toBe('extras');
    await flow.say('no extras');
    expect(flow.activeTask?.id).toBe('email');
    expect(flow.tree()).toContain('task extras: skipped');
    await flow.say('a@b.co');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve', email: 'a@b.co' } });
  });
});

test('a step inside a nested group reads the results of the groups around it', async () => {
  const greetings: string[] = [];
  function Greeter() {
    const results = useWorkflowResults<{ name: string }>();
    useOnEnter(() => void greetings.push(`hello ${results.name}`));
    return null;
  }
  const flow = await renderWorkflow(
    <TaskGroup summarize={false}>
      <Step id="name" />
      <TaskGroup id="card" description="Card" summarize={false}>
        <Task id="number" description="Number">
          <Greeter />
          <SaveOnly id="number" />
        </Task>
      </TaskGroup>
    </TaskGroup>,
    { llm: scriptedLLM([save('Eve', 'name'), save('4242', 'number')]) },
  );
  await flow.say('Eve');
  await flow.say('4242');
  await flow.result;
  expect(greetings).toEqual(['hello Eve']);
});

function SaveOnly({ id }: { id: string }) {
  const complete = useComplete<string>();
  useTool(`save_${id}`, { description: `Saves ${id}.`, parameters: z.object({ value: z.string() }), execute: ({ value }) => complete(value) });
  return null;
}

describe('props follow state during a visit', () => {
  test('instructions and the tools prop reach LiveKit when they change, once per real change', async () => {
    const extraTool = llm.tool({ description: 'Looks up an order.', parameters: z.object({}), execute: async () => 'found' });
    let setLevel!: (level: number) => void;
    function Body() {
      const complete = useComplete<string>();
      useTool('finish', { description: 'Finishes.', execute: () => complete('done') });
      return null;
    }
    function Flow() {
      const [level, set] = useState(1);
      setLevel = set;
      return (
        <Task instructions={`Level ${level}.`} tools={level > 1 ? { lookup: extraTool } : undefined}>
          <Body />
        </Task>
      );
    }
    const flow = await renderWorkflow(<Flow />, {
      llm: scriptedLLM([{ user: 'go', reply: 'ok' }, { user: 'done', toolCalls: [{ name: 'finish', args: {} }] }]),
    });
    const agentTask = flow.session.currentAgent as voice.AgentTask;
    const updates = vi.spyOn(agentTask, 'updateTools');
    expect(agentTask.instructions).toBe('Level 1.');
    flow.workflow.batch(() => setLevel(2));
    await flow.say('go');
    expect(agentTask.instructions).toBe('Level 2.');
    expect(Object.keys(agentTask.toolCtx.functionTools).sort()).toEqual(['finish', 'lookup']);
    flow.workflow.batch(() => setLevel(2));
    await flow.say('done');
    expect(updates).toHaveBeenCalledTimes(1);
    expect(await flow.result).toBe('done');
  });

  test('a prop LiveKit fixes at the start (llm) warns once in development', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let bump!: () => void;
    function Flow() {
      const [model, setModel] = useState(() => new voice.testing.FakeLLM([]));
      bump = () => setModel(new voice.testing.FakeLLM([]));
      return (
        <Task instructions="Wait." llm={model}>
          <SaveOnly id="x" />
        </Task>
      );
    }
    const flow = await renderWorkflow(<Flow />, { llm: scriptedLLM([]) });
    flow.workflow.batch(() => bump());
    flow.workflow.batch(() => bump());
    const messages = warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('`llm`'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^react-agent-tasks: <Task> changed its `llm` prop during a visit/);
    warn.mockRestore();
  });
});

describe('leaving a workflow from inside a step never hangs', () => {
  test('a tool that hands off to another Agent: runTask rejects at once with what was collected', async () => {
    class Human extends voice.Agent {
      constructor() {
        super({ instructions: 'You are the human desk.' });
      }
    }
    function Transfer() {
      useTool('transfer', { description: 'Transfers the call.', execute: () => llm.handoff({ agent: new Human(), returns: 'transferring' }) });
      return null;
    }
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Step id="name" />
        <Task id="help" description="Helps">
          <Transfer />
        </Task>
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name'), { user: 'human please', toolCalls: [{ name: 'transfer', args: {} }] }]) },
    );
    await flow.say('Eve');
    flow.say('human please').catch(() => {});
    const error = (await flow.result.catch((reason: unknown) => reason)) as WorkflowClosedError;
    expect(error).toBeInstanceOf(WorkflowClosedError);
    expect(error.reason).toBe('handed off');
    expect(error.results).toEqual({ name: 'Eve' });
  });

  test('session.shutdown() from a step settles runTask with the results so far', async () => {
    function Hangup() {
      useTool('hang_up', { description: 'Ends the call.', execute: (_args, { session }) => void session.shutdown() });
      return null;
    }
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Step id="name" />
        <Task id="bye" description="Says goodbye">
          <Hangup />
        </Task>
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name'), { user: 'bye', toolCalls: [{ name: 'hang_up', args: {} }] }]) },
    );
    await flow.say('Eve');
    flow.say('bye').catch(() => {});
    const error = (await flow.result.catch((reason: unknown) => reason)) as WorkflowClosedError;
    expect(error).toBeInstanceOf(WorkflowClosedError);
    expect(error.results).toEqual({ name: 'Eve' });
  });

  test('a close racing the last completion resolves with the results, as LiveKit does', async () => {
    function Last() {
      const complete = useComplete<string>();
      useTool('finish', {
        description: 'Finishes.',
        execute: (_args, { session }) => {
          complete('last');
          void session.close();
        },
      });
      return null;
    }
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Step id="name" />
        <Task id="last" description="Last">
          <Last />
        </Task>
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name'), { user: 'done', toolCalls: [{ name: 'finish', args: {} }] }]) },
    );
    await flow.say('Eve');
    flow.say('done').catch(() => {});
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve', last: 'last' } });
  });

  test('useEndGroup ends the group early and successfully with what was collected', async () => {
    function Consent() {
      const complete = useComplete<boolean>();
      const endGroup = useEndGroup<boolean>();
      useTool('consent_given', { description: 'Yes.', execute: () => complete(true) });
      useTool('consent_denied', { description: 'No.', execute: () => endGroup(false) });
      return null;
    }
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Task id="consent" description="Consent">
          <Consent />
        </Task>
        <Step id="email" />
      </TaskGroup>,
      { llm: scriptedLLM([{ user: 'no', toolCalls: [{ name: 'consent_denied', args: {} }] }]) },
    );
    await flow.say('no');
    expect(await flow.result).toEqual({ taskResults: { consent: false }, endedBy: 'consent' });
    expect(flow.tree()).toContain('task email: pending');
  });
});

test('a turn right after session.start() reaches the first task, as with a plain AgentTask', async () => {
  initializeLogger({ pretty: false, level: 'fatal' });
  function Consent() {
    const complete = useComplete<boolean>();
    useTool('consent_given', { description: 'The user consents.', execute: () => complete(true) });
    return null;
  }
  let result: unknown;
  class Parent extends voice.Agent {
    override async onEnter() {
      result = await runTask(
        <Task id="consent" instructions="Ask for consent.">
          <Consent />
        </Task>,
      );
    }
  }
  const session = new voice.AgentSession({ llm: new voice.testing.FakeLLM([{ input: 'yes', toolCalls: [{ name: 'consent_given', args: {} }] }]) });
  await session.start({ agent: new Parent({ instructions: 'Parent.' }) });
  const run = await session.run({ userInput: 'yes' }).wait();
  run.expect.containsFunctionCall({ name: 'consent_given' });
  const outputs = run.events.filter((event) => event.type === 'function_call_output').map((event) => event.item.output);
  expect(outputs.join(' ')).not.toContain('Unknown function');
  await vi.waitFor(() => expect(result).toBe(true));
  await session.close();
});

test('going back to the same step twice in one call visits it once', async () => {
  const flow = await renderWorkflow(
    <TaskGroup summarize={false}>
      <Step id="a" />
      <Step id="b" />
    </TaskGroup>,
    { llm: scriptedLLM([save('1', 'a'), goBack('back', ['a', 'a']), save('2', 'a'), save('3', 'b')]) },
  );
  await flow.say('1');
  await flow.say('back');
  expect(flow.activeTask?.id).toBe('a');
  await flow.say('2');
  expect(flow.activeTask?.id).toBe('b');
  await flow.say('3');
  expect(await flow.result).toEqual({ taskResults: { a: '2', b: '3' } });
});
