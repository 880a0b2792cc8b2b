/** Renderer canaries and the lifecycle around a session: lifecycle order, remounts, close, StrictMode. */
import { llm, voice } from '@livekit/agents';
import { describe, expect, test, vi } from 'vitest';
import { useEffect, useLayoutEffect, useState } from 'react';
import { z } from 'zod';
import { Task, TaskGroup, WorkflowClosedError, createAgent, runTask, useComplete, useOnEnter, useOnExit, useTool } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { Onboarding } from '../fixtures/onboarding.js';
import { goBack, save } from '../fixtures/steps.js';

/** A task body that logs every lifecycle step and counts its own tool calls in state. */
function Canary({ id, log }: { id: string; log: string[] }) {
  const complete = useComplete<string>();
  const [calls, setCalls] = useState(0);
  useLayoutEffect(() => {
    log.push(`${id} layout`);
    return () => void log.push(`${id} layout cleanup`);
  }, []);
  useEffect(() => {
    log.push(`${id} effect`);
    return () => void log.push(`${id} effect cleanup`);
  }, []);
  useOnEnter(() => void log.push(`${id} enter`));
  useOnExit(() => void log.push(`${id} exit`));
  useTool(`save_${id}`, {
    description: `Saves ${id}.`,
    parameters: z.object({ value: z.string() }),
    execute: ({ value }) => {
      log.push(`${id} call ${calls + 1}`);
      setCalls(calls + 1);
      complete(value);
    },
  });
  return null;
}

const canaryFlow = (log: string[]) => (
  <TaskGroup summarize={false}>
    {['a', 'b'].map((id) => (
      <Task key={id} id={id} description={`Collects ${id}`}>
        <Canary id={id} log={log} />
      </Task>
    ))}
  </TaskGroup>
);

describe('renderer canaries', () => {
  test('lifecycle order: mount effects, then enter; exit, then cleanups; going back remounts with fresh state', async () => {
    const log: string[] = [];
    const flow = await renderWorkflow(canaryFlow(log), {
      llm: scriptedLLM([save('1', 'a'), goBack('back to a', ['a']), save('2', 'a'), save('3', 'b')]),
    });
    await flow.say('1');
    await flow.say('back to a');
    await flow.say('2');
    await flow.say('3');
    await flow.result;
    // One visit: mount effects, enter, the tool call (if any), exit, then cleanups.
    const visit = (id: string, call?: string) => [
      `${id} layout`,
      `${id} effect`,
      `${id} enter`,
      ...(call ? [`${id} ${call}`] : []),
      `${id} exit`,
      `${id} layout cleanup`,
      `${id} effect cleanup`,
    ];
    // The revisit of a is a new mount: its state starts over, so its first call is call 1 again.
    expect(log).toEqual([...visit('a', 'call 1'), ...visit('b'), ...visit('a', 'call 1'), ...visit('b', 'call 1')]);
  });

  test('each visit gets a new AgentTask', async () => {
    const seen: voice.AgentTask[] = [];
    function Remember() {
      useOnEnter(({ agentTask }) => void seen.push(agentTask));
      return null;
    }
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Task id="a" description="a">
          <Remember />
          <Canary id="a" log={[]} />
        </Task>
        <Task id="b" description="b">
          <Canary id="b" log={[]} />
        </Task>
      </TaskGroup>,
      { llm: scriptedLLM([save('1', 'a'), goBack('back', ['a'])]) },
    );
    await flow.say('1');
    await flow.say('back');
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[0]!.done).toBe(true);
    expect(seen[1]!.done).toBe(false);
  });
});

describe('closing the session mid-workflow', () => {
  test('unmounts the tree, runs every cleanup, rejects the result, leaves no listener or timer', async () => {
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const log: string[] = [];
    const flow = await renderWorkflow(canaryFlow(log), { llm: scriptedLLM([save('1', 'a')]) });
    await flow.say('1');
    expect(flow.activeTask?.id).toBe('b');
    const session = flow.session;
    await flow.close();

    const error = await flow.result.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(WorkflowClosedError);
    expect((error as Error).message).toBe('react-agent-tasks: the session closed while <Task id="b"> was running; the workflow did not finish.');
    expect(log.filter((line) => line.startsWith('b '))).toEqual(['b layout', 'b effect', 'b enter', 'b exit', 'b layout cleanup', 'b effect cleanup']);
    expect(session.listenerCount(voice.AgentSessionEventTypes.Close)).toBe(0);
    for (const event of [voice.AgentSessionEventTypes.ConversationItemAdded, voice.AgentSessionEventTypes.SpeechCreated]) {
      expect(session.listenerCount(event)).toBe(0);
    }
    expect(process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length).toBeLessThanOrEqual(timersBefore);
  });

  test('closing mid-workflow inside a test prints no act() warning', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const flow = await renderWorkflow(canaryFlow([]), { llm: scriptedLLM([save('1', 'a')]) });
      await flow.say('1');
      await flow.close();
      await flow.result.catch(() => {});
      // The closed workflow's tree unmounts whole; re-rendering its running task first was an update outside act().
      const warnings = errors.mock.calls.map((call) => String(call[0])).filter((message) => message.includes('not wrapped in act'));
      expect(warnings).toEqual([]);
    } finally {
      errors.mockRestore();
    }
  });
});

describe('StrictMode', () => {
  test('the onboarding example runs unchanged: effects mount, unmount and mount again without double tools', async () => {
    const flow = await renderWorkflow(<Onboarding />, {
      strict: true,
      llm: scriptedLLM([
        { user: 'Eve', toolCalls: [{ name: 'save_name', args: { name: 'Eve' } }] },
        { user: 'eve@example.com', toolCalls: [{ name: 'save_email', args: { email: 'eve@example.com' } }] },
      ]),
    });
    expect(Object.keys(flow.session.currentAgent.toolCtx.functionTools)).toEqual(['save_name']);
    await flow.say('Eve');
    await flow.say('eve@example.com');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve', email: 'eve@example.com' } });
  });
});

/** Waits for a task to enter, from runTask's events: readiness as a fact, not a delay. */
function entries() {
  const waiters: Array<(id: string) => void> = [];
  const pending: string[] = [];
  return {
    onEvent(event: { type: string; id?: string }) {
      if (event.type !== 'entered') return;
      const waiter = waiters.shift();
      if (waiter) waiter(event.id!);
      else pending.push(event.id!);
    },
    next(): Promise<string> {
      const id = pending.shift();
      return id !== undefined ? Promise.resolve(id) : new Promise((resolve) => waiters.push(resolve));
    },
  };
}

describe('runTask and createAgent on a plain LiveKit session', () => {
  test('createAgent runs the workflow from onEnter, hands the result to onResult, and settles after it', async () => {
    const entered = entries();
    let result: unknown;
    const model = scriptedLLM([
      { user: 'Eve', toolCalls: [{ name: 'save_name', args: { name: 'Eve' } }] },
      { user: 'eve@example.com', toolCalls: [{ name: 'save_email', args: { email: 'eve@example.com' } }] },
    ]);
    // No userData: LiveKit's getter would throw if anything read it eagerly.
    const session = new voice.AgentSession({ llm: model });
    model.attach(session);
    const agent = createAgent(<Onboarding />, {
      instructions: 'You are an onboarding assistant.',
      onEvent: (event) => entered.onEvent(event),
      onResult: async (value) => {
        await Promise.resolve();
        result = value;
      },
    });
    await session.start({ agent });
    expect(await entered.next()).toBe('name');
    await session.run({ userInput: 'Eve' }).wait();
    expect(await entered.next()).toBe('email');
    await session.run({ userInput: 'eve@example.com' }).wait();
    await agent.settled;
    expect(result).toEqual({ taskResults: { name: 'Eve', email: 'eve@example.com' } });
    await session.close();
  });

  test('a workflow started from a tool, whose onEnter awaits playout, does not deadlock', async () => {
    const entered = entries();
    function Greeting() {
      const complete = useComplete<string>();
      useOnEnter(async ({ session }) => {
        await session.generateReply({ instructions: 'Welcome the user.' }).waitForPlayout();
      });
      useTool('save_name', {
        description: 'Saves the name.',
        parameters: z.object({ name: z.string() }),
        execute: ({ name }) => complete(name),
      });
      return null;
    }
    let finished!: (value: unknown) => void;
    const workflowResult = new Promise((resolve) => (finished = resolve));
    const model = scriptedLLM([
      { user: 'Sign me up', toolCalls: [{ name: 'start_onboarding', args: {} }] },
      { onEnter: 'Welcome the user.', reply: 'Welcome! What is your name?' },
      { user: 'Eve', toolCalls: [{ name: 'save_name', args: { name: 'Eve' } }] },
    ]);
    const session = new voice.AgentSession({ llm: model, userData: {} });
    model.attach(session);
    const agent = new voice.Agent({
      instructions: 'You help people sign up.',
      tools: [
        llm.tool({
          name: 'start_onboarding',
          description: 'Starts onboarding.',
          execute: async () => {
            const result = await runTask(
              <Task id="name" instructions="Get the name.">
                <Greeting />
              </Task>,
              { onEvent: (event) => entered.onEvent(event) },
            );
            finished(result);
            return 'onboarded';
          },
        }),
      ],
    });
    await session.start({ agent });
    const start = session.run({ userInput: 'Sign me up' });
    expect(await entered.next()).toBe('name');
    await start.wait();
    await session.run({ userInput: 'Eve' }).wait();
    expect(await workflowResult).toBe('Eve');
    await session.close();
  });
});
