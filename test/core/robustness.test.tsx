/** Faults, closes and careless input around the engine (issue "Robustness and security"). */
import { voice } from '@livekit/agents';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, test, vi } from 'vitest';
import { useState } from 'react';
import { z } from 'zod';
import { Task, TaskGroup, WorkflowClosedError, runTask, useComplete, useOnEnter, useOnExit, useTool, type TaskCallbackContext, type Workflow } from 'react-agent-tasks';
import { ScriptedLLM, renderWorkflow, scriptedLLM, type ScriptRule } from 'react-agent-tasks/testing';
import { Step, goBack, save } from '../fixtures/steps.js';

const SUMMARY_PROMPT = 'Conversation to summarize:';

/** A scripted model that runs `onSummary` when the group summary is requested, and records every request. */
class WatchedLLM extends ScriptedLLM {
  readonly requests: string[] = [];
  constructor(
    rules: ScriptRule[],
    private readonly onSummary: () => void = () => {},
  ) {
    super(rules);
  }
  override chat(params: Parameters<ScriptedLLM['chat']>[0]): ReturnType<ScriptedLLM['chat']> {
    const text = params.chatCtx.items
      .map((item) => (item.type === 'message' ? item.textContent : item.type === 'function_call' ? item.args : item.type === 'function_call_output' ? item.output : ''))
      .join('\n');
    this.requests.push(text);
    const last = params.chatCtx.items.at(-1);
    if (last?.type === 'message' && (last.textContent ?? '').startsWith(SUMMARY_PROMPT)) this.onSummary();
    return super.chat(params);
  }
}

function SaveValueOnly({ id }: { id: string }) {
  const complete = useComplete<string>();
  useTool(`save_${id}`, { description: `Saves ${id}.`, parameters: z.object({ value: z.string() }), execute: ({ value }) => complete(value) });
  return null;
}

describe("a task's signal", () => {
  test('is open during the visit and aborted once it ends, whether first read during the visit or after', async () => {
    const entered = new Map<string, TaskCallbackContext>();
    const readDuring: boolean[] = [];
    function Watched({ id, read }: { id: string; read: boolean }) {
      const complete = useComplete<string>();
      useOnEnter((ctx) => void entered.set(id, ctx));
      useTool(`finish_${id}`, {
        description: 'Finishes.',
        execute: (_args, ctx) => {
          if (read) readDuring.push(ctx.signal.aborted);
          complete('done');
        },
      });
      return null;
    }
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Task id="a" description="a">
          <Watched id="a" read={false} />
        </Task>
        <Task id="b" description="b">
          <Watched id="b" read />
        </Task>
      </TaskGroup>,
      {
        llm: scriptedLLM([
          { user: 'a', toolCalls: [{ name: 'finish_a', args: {} }] },
          { user: 'b', toolCalls: [{ name: 'finish_b', args: {} }] },
        ]),
      },
    );
    await flow.say('a');
    // Nothing read step a's signal during its visit; read now, it is already aborted.
    expect(entered.get('a')!.signal.aborted).toBe(true);
    await flow.say('b');
    expect(readDuring).toEqual([false]);
    expect(entered.get('b')!.signal.aborted).toBe(true);
    expect(await flow.result).toEqual({ taskResults: { a: 'done', b: 'done' } });
  });
});

describe('closing is always bounded', () => {
  test('while a useOnExit never settles: runTask rejects, close() returns, the callback sees its signal abort', async () => {
    let signal: AbortSignal | undefined;
    function Stuck() {
      const complete = useComplete<string>();
      useTool('finish', { description: 'Finishes.', execute: () => complete('done') });
      useOnExit((ctx) => {
        signal = ctx.signal;
        return new Promise(() => {});
      });
      return null;
    }
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Task id="a" description="a">
          <Stuck />
        </Task>
        <Step id="b" />
      </TaskGroup>,
      { llm: scriptedLLM([{ user: 'go', toolCalls: [{ name: 'finish', args: {} }] }]) },
    );
    flow.say('go').catch(() => {});
    await vi.waitFor(() => expect(signal).toBeDefined());
    await flow.close();
    expect(await flow.result.catch((error: unknown) => error)).toBeInstanceOf(WorkflowClosedError);
    expect(signal!.aborted).toBe(true);
  });

  test('while the group summary is generated: close() returns and every step having completed, runTask resolves', async () => {
    let session!: voice.AgentSession<Record<string, unknown>>;
    const model = new WatchedLLM([save('Eve', 'name'), { summary: true, reply: 'Eve.' }], () => void session.close());
    const flow = await renderWorkflow(
      <TaskGroup>
        <Step id="name" />
      </TaskGroup>,
      { llm: model },
    );
    session = flow.session;
    flow.say('Eve').catch(() => {});
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve' } });
    await flow.close();
  });

  test('during a going back: runTask rejects with what was collected', async () => {
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Step id="a" />
        <Step id="b" />
      </TaskGroup>,
      { llm: scriptedLLM([save('1', 'a'), goBack('back', ['a'])]) },
    );
    await flow.say('1');
    const going = flow.say('back').catch(() => {});
    await flow.close();
    await going;
    const error = (await flow.result.catch((reason: unknown) => reason)) as WorkflowClosedError;
    expect(error).toBeInstanceOf(WorkflowClosedError);
    expect(error.results).toEqual({ a: '1' });
  });
});

test("the caller's words while the group summary is generated stay in the parent's context", async () => {
  let session!: voice.AgentSession<Record<string, unknown>>;
  const model = new WatchedLLM([save('Eve', 'name'), { summary: true, reply: 'The user is Eve.' }, { user: 'oh, and call me Evie', reply: 'Noted.' }], () => {
    // The caller speaks while the summary request is out.
    session.generateReply({ userInput: 'oh, and call me Evie' });
  });
  const flow = await renderWorkflow(
    <TaskGroup>
      <Step id="name" />
    </TaskGroup>,
    { llm: model },
  );
  session = flow.session;
  await flow.say('Eve');
  await flow.result;
  await vi.waitFor(() => expect(flow.session.currentAgent).not.toBeInstanceOf(voice.AgentTask));
  const texts = flow.session.currentAgent.chatCtx.items.flatMap((item) => (item.type === 'message' ? [item.textContent ?? ''] : []));
  expect(texts.some((text) => text.includes('The user is Eve.'))).toBe(true);
  expect(texts).toContain('oh, and call me Evie');
});

describe('errors in callbacks never eat answers and are never silent', () => {
  test('a throwing onTaskCompleted with returnExceptions: the result stays, the error is reported', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const element = (
      <TaskGroup
        summarize={false}
        returnExceptions
        onTaskCompleted={() => {
          throw new Error('audit log offline');
        }}
      >
        <Step id="name" />
        <Step id="email" />
      </TaskGroup>
    );
    const flow = await renderWorkflow(element, { llm: scriptedLLM([save('Eve', 'name'), save('a@b.co', 'email')]) });
    await flow.say('Eve');
    await flow.say('a@b.co');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve', email: 'a@b.co' } });
    const reported = logged.mock.calls.filter((call) => String(call[1]).includes('audit log offline'));
    expect(reported).toHaveLength(2);
    logged.mockRestore();
  });

  test("a top-level step's throwing onComplete rejects runTask with that very error", async () => {
    const failing = (
      <Task
        id="name"
        instructions="Collect the name."
        onComplete={() => {
          throw new Error('crm offline');
        }}
      >
        <SaveValueOnly id="name" />
      </Task>
    );
    const broken = await renderWorkflow(failing, { llm: scriptedLLM([save('Eve', 'name')]) });
    await broken.say('Eve');
    const error = await broken.result.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('crm offline');
  });

  test('an error thrown in useOnExit is reported and the result stands', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    function Leaving() {
      const complete = useComplete<string>();
      useTool('finish', { description: 'Finishes.', execute: () => complete('done') });
      useOnExit(() => {
        throw new Error('could not say goodbye');
      });
      return null;
    }
    const flow = await renderWorkflow(
      <Task instructions="Finish.">
        <Leaving />
      </Task>,
      { llm: scriptedLLM([{ user: 'go', toolCalls: [{ name: 'finish', args: {} }] }]) },
    );
    await flow.say('go');
    expect(await flow.result).toBe('done');
    expect(logged.mock.calls.flat().map(String).join(' ')).toContain('could not say goodbye');
    logged.mockRestore();
  });
});

describe('going back, at the edges', () => {
  function Partial() {
    const complete = useComplete<string>();
    const [first, setFirst] = useState<string>();
    useTool('save_first', { description: 'Saves the first name.', parameters: z.object({ value: z.string() }), execute: ({ value }) => void setFirst(value) });
    useTool('save_last', {
      description: 'Saves the last name.',
      parameters: z.object({ value: z.string() }),
      execute: ({ value }) => complete(`${first} ${value}`),
    });
    return null;
  }
  const group = () => (
    <TaskGroup summarize={false}>
      <Step id="email" />
      <Task id="name" description="Collects the name">
        <Partial />
      </Task>
    </TaskGroup>
  );

  test('an empty list is refused and the step keeps its partial answers', async () => {
    const flow = await renderWorkflow(group(), {
      llm: scriptedLLM([
        save('a@b.co', 'email'),
        { user: 'Eve', toolCalls: [{ name: 'save_first', args: { value: 'Eve' } }] },
        { user: 'hmm', toolCalls: [{ name: 'out_of_scope', args: { task_ids: [] }, expectError: true }] },
        { user: 'Smith', toolCalls: [{ name: 'save_last', args: { value: 'Smith' } }] },
      ]),
    });
    await flow.say('a@b.co');
    await flow.say('Eve');
    const turn = await flow.say('hmm');
    expect(turn.toolCalls[0]).toMatchObject({ name: 'out_of_scope', isError: true, output: 'Unable to regress, no task id was given' });
    expect(turn.wentBackTo).toEqual([]);
    await flow.say('Smith');
    expect(await flow.result).toEqual({ taskResults: { email: 'a@b.co', name: 'Eve Smith' } });
  });

  test('a completion and out_of_scope in one reply: the model is not told it went back', async () => {
    const flow = await renderWorkflow(group(), {
      llm: scriptedLLM([
        save('a@b.co', 'email'),
        { user: 'Eve', toolCalls: [{ name: 'save_first', args: { value: 'Eve' } }] },
        {
          user: 'Smith, and change my email',
          toolCalls: [
            { name: 'save_last', args: { value: 'Smith' } },
            { name: 'out_of_scope', args: { task_ids: ['email'] }, expectError: true },
          ],
        },
      ]),
    });
    await flow.say('a@b.co');
    await flow.say('Eve');
    const turn = await flow.say('Smith, and change my email');
    expect(turn.toolCalls[1]).toMatchObject({ name: 'out_of_scope', isError: true, output: 'Unable to regress, the current task already completed' });
    expect(await flow.result).toEqual({ taskResults: { email: 'a@b.co', name: 'Eve Smith' } });
  });

  test('a developer tool named out_of_scope and a step id with `/` are refused at once', async () => {
    function Clash() {
      useTool('out_of_scope', { description: 'Mine.', execute: () => undefined });
      return null;
    }
    await expect(
      renderWorkflow(
        <Task instructions="x">
          <Clash />
        </Task>,
        { llm: scriptedLLM([]) },
      ).then((flow) => flow.result),
    ).rejects.toThrow('react-agent-tasks: useTool("out_of_scope") in <Task> uses a name react-agent-tasks reserves for going back. Pick another tool name.');
    await expect(
      renderWorkflow(
        <TaskGroup>
          <Step id="card/number" />
        </TaskGroup>,
        { llm: scriptedLLM([]) },
      ).then((flow) => flow.result),
    ).rejects.toThrow(/^react-agent-tasks: <Task id="card\/number"> has a `\/` in its id\./);
  });
});

test('a tool withdrawn by an earlier call of the same reply is refused, not run with a stale value', async () => {
  const ran = vi.fn();
  function Offer() {
    const complete = useComplete<string>();
    const [open, setOpen] = useState(true);
    useTool('close_offer', { description: 'Closes the offer.', execute: () => void setOpen(false) });
    useTool('accept_offer', { description: 'Accepts.', enabled: open, execute: () => void ran() });
    useTool('finish', { description: 'Finishes.', execute: () => complete('done') });
    return null;
  }
  const flow = await renderWorkflow(
    <Task instructions="Offer.">
      <Offer />
    </Task>,
    {
      llm: scriptedLLM([
        { user: 'no thanks, yes please', toolCalls: [{ name: 'close_offer', args: {} }, { name: 'accept_offer', args: {}, expectError: /^Unknown function/ }] },
        { user: 'bye', toolCalls: [{ name: 'finish', args: {} }] },
      ]),
    },
  );
  const turn = await flow.say('no thanks, yes please');
  expect(ran).not.toHaveBeenCalled();
  expect(turn.toolCalls[1]).toMatchObject({ name: 'accept_offer', isError: true, output: 'Unknown function: accept_offer - available tools: close_offer, finish' });
  await flow.say('bye');
  expect(await flow.result).toBe('done');
});

test('runTask outside an agent says where to call it', async () => {
  await expect(runTask(<Task instructions="x" />)).rejects.toThrow(
    "react-agent-tasks: runTask() was called outside a LiveKit agent. Await it inside an Agent's onEnter/onExit or inside a tool's execute, as AgentTask.run() is.",
  );
});

test("a finished workflow lets go of its React tree while its session lives on", async () => {
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  let ref: WeakRef<Workflow> | undefined;
  // A plain run: the workflow object is seen through onEvent, then only the session holds anything.
  const session = new voice.AgentSession({ llm: scriptedLLM([save('Eve', 'name')]), userData: {} });
  let finished!: () => void;
  const workflowDone = new Promise<void>((resolve) => (finished = resolve));
  class Parent extends voice.Agent {
    override async onEnter() {
      // A top-level <Task> is the AgentTask that runs, so the first turn reaches it (see one-step-model.test.tsx).
      await runTask(<Step id="name" />, { onEvent: (_event, workflow) => void (ref ??= new WeakRef(workflow)) });
      finished();
    }
  }
  await session.start({ agent: new Parent({ instructions: 'Parent.' }) });
  await session.run({ userInput: 'Eve' }).wait();
  await workflowDone;
  // LiveKit lets go of a finished activity on its own timers; poll the fact, never assert a time.
  for (let i = 0; i < 100 && ref?.deref(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
  expect(ref).toBeDefined();
  expect(ref!.deref()).toBeUndefined();
  await session.close();
});

test("a step's finished AgentTask lets go of the workflow as soon as its visit ended", async () => {
  // LiveKit may keep a finished task reachable; holding our step and visit, it would keep the
  // step's components, tools and, through the visit, the task's finished activity until the call ended.
  let first: { step: unknown; visit: unknown } | undefined;
  const flow = await renderWorkflow(
    <TaskGroup summarize={false} onTaskCompleted={({ agentTask }) => void (first ??= agentTask as unknown as { step: unknown; visit: unknown })}>
      <Step id="name" />
      <Step id="email" />
    </TaskGroup>,
    { llm: scriptedLLM([save('Eve', 'name')]) },
  );
  await flow.say('Eve');
  expect(flow.activeTask?.id).toBe('email');
  expect(first).toBeDefined();
  expect(first!.step).toBeNull();
  expect(first!.visit).toBeNull();
});

describe('sensitive steps', () => {
  function Card() {
    const complete = useComplete<string>();
    useTool('save_card', { description: 'Saves the card number.', parameters: z.object({ number: z.string() }), execute: ({ number }) => complete(number) });
    return null;
  }
  test('what a sensitive step said and did stays out of the shared context, the summary and the tree', async () => {
    const model = new WatchedLLM([
      save('Eve', 'name'),
      { user: '4242 4242 4242 4242', toolCalls: [{ name: 'save_card', args: { number: '4242424242424242' } }] },
      { summary: true, reply: 'Eve paid.' },
    ]);
    const flow = await renderWorkflow(
      <TaskGroup>
        <Step id="name" />
        <Task id="card" description="Collects the card" sensitive>
          <Card />
        </Task>
      </TaskGroup>,
      { llm: model },
    );
    await flow.say('Eve');
    expect(flow.workflow.snapshot().root?.children.map((step) => step.sensitive)).toEqual([false, true]);
    await flow.say('4242 4242 4242 4242');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve', card: '4242424242424242' } });
    const summaryRequest = model.requests.find((request) => request.includes(SUMMARY_PROMPT))!;
    expect(summaryRequest).toContain('Eve');
    expect(summaryRequest).not.toContain('4242');
    const parentText = JSON.stringify(flow.session.currentAgent.chatCtx.items);
    expect(parentText).not.toContain('4242');
    const card = flow.workflow.snapshot().root!.children[1]!;
    expect(card).toMatchObject({ hasResult: true, sensitive: true });
    expect(card).not.toHaveProperty('result');
  });
});
