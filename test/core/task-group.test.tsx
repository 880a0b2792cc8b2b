/** LiveKit TaskGroup semantics, ported from the seed and from LiveKit's own task-group scenarios. */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { Task, TaskGroup, type TaskCompletedEvent, useComplete, useTool } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { Step, goBack, save } from '../fixtures/steps.js';

const threeSteps = (props: { onTaskCompleted?: (event: TaskCompletedEvent) => void; entered?: string[] } = {}) => (
  <TaskGroup summarize={false} onTaskCompleted={props.onTaskCompleted}>
    {['name', 'email', 'phone'].map((id) => (
      <Step key={id} id={id} onEnter={() => props.entered?.push(id)} />
    ))}
  </TaskGroup>
);

describe('order and results', () => {
  test('steps run in render order and results are keyed by id; onTaskCompleted follows each success', async () => {
    const events: Array<[string, unknown, string]> = [];
    const flow = await renderWorkflow(
      threeSteps({ onTaskCompleted: (e) => events.push([e.taskId, e.result, e.agentTask.id]) }),
      { llm: scriptedLLM([save('Eve', 'name'), save('eve@example.com', 'email'), save('555', 'phone')]) },
    );
    expect(flow.activeTask).toEqual({ id: 'name', path: 'name' });
    await flow.say('Eve');
    expect(flow.activeTask?.id).toBe('email');
    await flow.say('eve@example.com');
    expect(flow.activeTask?.id).toBe('phone');
    await flow.say('555');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve', email: 'eve@example.com', phone: '555' } });
    expect(events).toEqual([
      ['name', 'Eve', 'name'],
      ['email', 'eve@example.com', 'email'],
      ['phone', '555', 'phone'],
    ]);
  });

  test('no out_of_scope tool on the first step; it lists the visited steps afterwards', async () => {
    const flow = await renderWorkflow(threeSteps(), {
      llm: scriptedLLM([save('Eve', 'name'), save('eve@example.com', 'email'), { user: 'back to phone', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['phone'] }, expectError: true }] }]),
    });
    const toolNames = () => Object.keys(flow.session.currentAgent.toolCtx.functionTools).sort();
    expect(toolNames()).toEqual(['save_name']);
    await flow.say('Eve');
    await flow.say('eve@example.com');
    expect(toolNames()).toEqual(['out_of_scope', 'save_phone']);
    const outOfScope = flow.session.currentAgent.toolCtx.functionTools.out_of_scope!;
    expect(outOfScope.description).toContain('{"name":"Collects name","email":"Collects email"}');
    // Only visited ids are accepted: the schema is an enum of them.
    const turn = await flow.say('back to phone');
    expect(turn.toolCalls[0]).toMatchObject({ name: 'out_of_scope', isError: true });
    expect(turn.wentBackTo).toEqual([]);
    expect(flow.activeTask?.id).toBe('phone');
  });
});

describe('going back (regression)', () => {
  test('twice to the same step: each visit is fresh, the last result wins', async () => {
    const entered: string[] = [];
    const flow = await renderWorkflow(threeSteps({ entered }), {
      llm: scriptedLLM([
        save('Eve', 'name'),
        goBack('fix my name', ['name']),
        save('Evelyn', 'name'),
        goBack('fix my name again', ['name']),
        save('Eva', 'name'),
        save('eve@example.com', 'email'),
        save('555', 'phone'),
      ]),
    });
    await flow.say('Eve');
    expect((await flow.say('fix my name')).wentBackTo).toEqual(['name']);
    await flow.say('Evelyn');
    expect((await flow.say('fix my name again')).wentBackTo).toEqual(['name']);
    await flow.say('Eva');
    await flow.say('eve@example.com');
    await flow.say('555');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eva', email: 'eve@example.com', phone: '555' } });
    expect(entered).toEqual(['name', 'email', 'name', 'email', 'name', 'email', 'phone']);
  });

  test('to several steps at once: targets in the order given, then the interrupted step', async () => {
    const entered: string[] = [];
    const flow = await renderWorkflow(threeSteps({ entered }), {
      llm: scriptedLLM([
        save('Eve', 'name'),
        save('eve@example.com', 'email'),
        goBack('change my email and my name', ['email', 'name']),
        save('eva@example.com', 'email'),
        save('Eva', 'name'),
        save('555', 'phone'),
      ]),
    });
    await flow.say('Eve');
    await flow.say('eve@example.com');
    const back = await flow.say('change my email and my name');
    expect(back.wentBackTo).toEqual(['email', 'name']);
    expect(flow.activeTask?.id).toBe('email');
    await flow.say('eva@example.com');
    expect(flow.activeTask?.id).toBe('name');
    await flow.say('Eva');
    expect(flow.activeTask?.id).toBe('phone');
    await flow.say('555');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eva', email: 'eva@example.com', phone: '555' } });
    expect(entered).toEqual(['name', 'email', 'phone', 'email', 'name', 'phone']);
  });

  test('across steps: the steps in between are not run again', async () => {
    const entered: string[] = [];
    const flow = await renderWorkflow(threeSteps({ entered }), {
      llm: scriptedLLM([
        save('Eve', 'name'),
        save('eve@example.com', 'email'),
        goBack('my name is wrong', ['name']),
        save('Eva', 'name'),
        save('555', 'phone'),
      ]),
    });
    await flow.say('Eve');
    await flow.say('eve@example.com');
    await flow.say('my name is wrong');
    await flow.say('Eva');
    expect(flow.activeTask?.id).toBe('phone');
    expect(flow.tree()).toBe(
      ['group task_group: active, entered 1×', '  task name: done, entered 2×', '  task email: done, entered 1×', '  task phone: active, entered 2×'].join('\n'),
    );
    await flow.say('555');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eva', email: 'eve@example.com', phone: '555' } });
    expect(entered).toEqual(['name', 'email', 'phone', 'name', 'phone']);
  });
});

function Failing({ message }: { message: string }) {
  const complete = useComplete();
  useTool('give_up', { description: 'Gives up.', execute: () => complete(new Error(message)) });
  return null;
}

describe('returnExceptions', () => {
  const group = (returnExceptions: boolean) => (
    <TaskGroup summarize={false} returnExceptions={returnExceptions}>
      <Step id="name" />
      <Task id="payment" description="Takes a payment">
        <Failing message="card declined" />
      </Task>
      <Step id="email" />
    </TaskGroup>
  );
  const script = () =>
    scriptedLLM([save('Eve', 'name'), { user: 'no card', toolCalls: [{ name: 'give_up', args: {} }] }, save('eve@example.com', 'email')]);

  test('off: the first failure fails the group with that error', async () => {
    const flow = await renderWorkflow(group(false), { llm: script() });
    await flow.say('Eve');
    const turn = await flow.say('no card');
    expect(turn.error?.message).toBe('card declined');
    await expect(flow.result).rejects.toThrow('card declined');
  });

  test('on: the error becomes the step result and the group goes on', async () => {
    const flow = await renderWorkflow<{ taskResults: Record<string, unknown> }>(group(true), { llm: script() });
    await flow.say('Eve');
    await flow.say('no card');
    expect(flow.activeTask?.id).toBe('email');
    await flow.say('eve@example.com');
    const { taskResults } = await flow.result;
    expect(taskResults.name).toBe('Eve');
    expect(taskResults.payment).toBeInstanceOf(Error);
    expect((taskResults.payment as Error).message).toBe('card declined');
    expect(taskResults.email).toBe('eve@example.com');
  });
});

describe('summarize', () => {
  const group = (summarize: boolean) => (
    <TaskGroup summarize={summarize}>
      <Step id="name" />
      <Step id="email" />
    </TaskGroup>
  );
  const script = () =>
    scriptedLLM([save('Eve', 'name'), save('eve@example.com', 'email'), { summary: true, reply: 'The user is Eve, eve@example.com.' }]);

  test('on (the default): the parent agent gets one summary message from the session model', async () => {
    const flow = await renderWorkflow(group(true), { llm: script() });
    await flow.say('Eve');
    await flow.say('eve@example.com');
    await flow.result;
    const items = flow.session.currentAgent.chatCtx.items;
    const summaries = items.filter((item) => item.type === 'message' && item.extra?.is_summary);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.type === 'message' && summaries[0]!.textContent).toContain('The user is Eve, eve@example.com.');
    expect(items.some((item) => item.type === 'message' && item.role === 'user' && item.textContent === 'Eve')).toBe(false);
  });

  test('off: the parent agent gets the conversation itself, without function calls', async () => {
    const flow = await renderWorkflow(group(false), { llm: script() });
    await flow.say('Eve');
    await flow.say('eve@example.com');
    await flow.result;
    const items = flow.session.currentAgent.chatCtx.items;
    expect(items.some((item) => item.type === 'message' && item.extra?.is_summary)).toBe(false);
    expect(items.some((item) => item.type === 'message' && item.role === 'user' && item.textContent === 'Eve')).toBe(true);
    expect(items.some((item) => item.type === 'function_call')).toBe(false);
  });
});

describe('userData', () => {
  interface InterviewUserData {
    candidateName?: string;
  }
  function Intro() {
    const complete = useComplete<{ name: string; intro: string }>();
    useTool<z.ZodObject<{ name: z.ZodString; introNotes: z.ZodString }>, InterviewUserData>('record_intro', {
      description: "Record the candidate's name and introduction",
      parameters: z.object({ name: z.string(), introNotes: z.string() }),
      execute: ({ name, introNotes }, { userData }) => {
        userData.candidateName = name;
        complete({ name, intro: introNotes });
      },
    });
    return null;
  }
  function Commute() {
    const complete = useComplete<{ canCommute: boolean; commuteMethod: string }>();
    useTool('record_commute_flexibility', {
      description: 'Record commute flexibility and transportation method',
      parameters: z.object({ canCommute: z.boolean(), commuteMethod: z.string() }),
      execute: (args) => complete(args),
    });
    return null;
  }

  test('the seed interview: tools write userData and results are typed objects', async () => {
    const flow = await renderWorkflow<{ taskResults: Record<string, unknown> }, InterviewUserData>(
      <TaskGroup summarize={false}>
        <Task id="intro_task" description="Collects name and introduction" instructions="Welcome the candidate.">
          <Intro />
        </Task>
        <Task id="commute_task" description="Asks about commute flexibility" instructions="Ask about commuting.">
          <Commute />
        </Task>
      </TaskGroup>,
      {
        llm: scriptedLLM([
          { user: 'I am Ada, a compiler engineer.', toolCalls: [{ name: 'record_intro', args: { name: 'Ada', introNotes: 'compiler engineer' } }] },
          { user: 'Yes, by subway.', toolCalls: [{ name: 'record_commute_flexibility', args: { canCommute: true, commuteMethod: 'subway' } }] },
        ]),
      },
    );
    await flow.say('I am Ada, a compiler engineer.');
    expect(flow.session.userData.candidateName).toBe('Ada');
    await flow.say('Yes, by subway.');
    expect(await flow.result).toEqual({
      taskResults: {
        intro_task: { name: 'Ada', intro: 'compiler engineer' },
        commute_task: { canCommute: true, commuteMethod: 'subway' },
      },
    });
  });
});
