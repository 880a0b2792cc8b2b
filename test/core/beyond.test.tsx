/** What JSX adds over LiveKit's TaskGroup: conditional steps, nested groups, tools that follow state. */
import { describe, expect, test, vi } from 'vitest';
import { useState } from 'react';
import { z } from 'zod';
import { Task, TaskGroup, Tool, defineTool, useComplete, useTaskResults, useTool, useUserData } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { ConsentThenNotice, Step, goBack, save } from '../fixtures/steps.js';

describe('conditional steps', () => {
  const flowWith = () => (
    <TaskGroup summarize={false}>
      <ConsentThenNotice />
    </TaskGroup>
  );

  test('a step appears when an earlier answer calls for it', async () => {
    const flow = await renderWorkflow(flowWith(), {
      llm: scriptedLLM([save('yes', 'consent'), save('ok', 'notice'), save('eve@example.com', 'email')]),
    });
    await flow.say('yes');
    expect(flow.activeTask?.id).toBe('notice');
    await flow.say('ok');
    await flow.say('eve@example.com');
    expect(await flow.result).toEqual({ taskResults: { consent: 'yes', notice: 'ok', email: 'eve@example.com' } });
  });

  test('it is skipped otherwise, and dropped with its result when a correction removes it', async () => {
    const flow = await renderWorkflow(flowWith(), {
      llm: scriptedLLM([
        save('yes', 'consent'),
        save('ok', 'notice'),
        goBack('actually I do not consent', ['consent']),
        save('no', 'consent'),
        save('eve@example.com', 'email'),
      ]),
    });
    await flow.say('yes');
    await flow.say('ok');
    expect(flow.activeTask?.id).toBe('email');
    await flow.say('actually I do not consent');
    await flow.say('no');
    expect(flow.activeTask?.id).toBe('email');
    expect(flow.tree()).toContain('task notice: skipped');
    await flow.say('eve@example.com');
    expect(await flow.result).toEqual({ taskResults: { consent: 'no', email: 'eve@example.com' } });
  });

  test('steps may follow userData written by tools', async () => {
    function Callback() {
      const complete = useComplete<boolean>();
      useTool<z.ZodObject<{ wants: z.ZodBoolean }>, { wantsCallback?: boolean }>('record_callback', {
        description: 'Records whether the user wants a call back.',
        parameters: z.object({ wants: z.boolean() }),
        execute: ({ wants }, { userData }) => {
          userData.wantsCallback = wants;
          complete(wants);
        },
      });
      return null;
    }
    function Steps() {
      const { wantsCallback } = useUserData<{ wantsCallback?: boolean }>();
      return (
        <>
          <Task id="callback" description="Asks about a call back">
            <Callback />
          </Task>
          {wantsCallback && <Step id="phone" />}
          <Step id="done" />
        </>
      );
    }
    const run = async (wants: boolean) => {
      const flow = await renderWorkflow(
        <TaskGroup summarize={false}>
          <Steps />
        </TaskGroup>,
        {
          llm: scriptedLLM([
            { user: 'call me', toolCalls: [{ name: 'record_callback', args: { wants } }] },
            save('555', 'phone'),
            save('bye', 'done'),
          ]),
        },
      );
      await flow.say('call me');
      const next = flow.activeTask?.id;
      await flow.close();
      return next;
    };
    expect(await run(true)).toBe('phone');
    expect(await run(false)).toBe('done');
  });
});

describe('nested groups', () => {
  test('a nested group can be conditional too; when it drops out, the tree shows it skipped', async () => {
    function Account() {
      const results = useTaskResults<{ kind: string }>();
      return (
        <>
          <Step id="kind" />
          {results.kind === 'business' && (
            <TaskGroup id="company" description="Collects the company" summarize={false}>
              <Step id="company_name" />
            </TaskGroup>
          )}
          <Step id="email" />
        </>
      );
    }
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Account />
      </TaskGroup>,
      {
        llm: scriptedLLM([save('business', 'kind'), save('Acme', 'company_name'), goBack('it is personal', ['kind']), save('personal', 'kind'), save('eve@example.com', 'email')]),
      },
    );
    await flow.say('business');
    expect(flow.activeTask?.path).toBe('company/company_name');
    await flow.say('Acme');
    await flow.say('it is personal');
    await flow.say('personal');
    expect(flow.tree()).toContain('  group company: skipped');
    await flow.say('eve@example.com');
    expect(await flow.result).toEqual({ taskResults: { kind: 'personal', email: 'eve@example.com' } });
  });


  const card = (
    <TaskGroup summarize={false}>
      <Step id="name" />
      <TaskGroup id="card" description="Collects the card" summarize={false}>
        <Step id="number" />
        <Step id="expiry" />
      </TaskGroup>
      <Step id="confirm" />
    </TaskGroup>
  );
  const answers = [save('Eve', 'name'), save('4242', 'number'), save('12/30', 'expiry'), save('yes', 'confirm')];

  test('a nested group is one step of its parent, its result is its own taskResults', async () => {
    const flow = await renderWorkflow(card, { llm: scriptedLLM(answers) });
    await flow.say('Eve');
    expect(flow.activeTask).toEqual({ id: 'number', path: 'card/number' });
    await flow.say('4242');
    await flow.say('12/30');
    expect(flow.activeTask?.id).toBe('confirm');
    await flow.say('yes');
    expect(await flow.result).toEqual({
      taskResults: { name: 'Eve', card: { taskResults: { number: '4242', expiry: '12/30' } }, confirm: 'yes' },
    });
  });

  test('the model can go back to a step inside it: only that step runs, then the interrupted one', async () => {
    const flow = await renderWorkflow(card, {
      llm: scriptedLLM([...answers.slice(0, 3), goBack('the expiry was wrong', ['card/expiry']), save('01/31', 'expiry'), answers[3]!]),
    });
    for (const text of ['Eve', '4242', '12/30']) await flow.say(text);
    const outOfScope = flow.session.currentAgent.toolCtx.functionTools.out_of_scope!;
    expect(outOfScope.description).toContain('"card/expiry":"Collects expiry"');
    expect((await flow.say('the expiry was wrong')).wentBackTo).toEqual(['card/expiry']);
    expect(flow.activeTask).toEqual({ id: 'expiry', path: 'card/expiry' });
    await flow.say('01/31');
    expect(flow.activeTask?.id).toBe('confirm');
    await flow.say('yes');
    const { taskResults } = (await flow.result) as { taskResults: Record<string, unknown> };
    expect(taskResults.card).toEqual({ taskResults: { number: '4242', expiry: '01/31' } });
  });

  test('going back to the whole group remounts it: every inner step runs again', async () => {
    const flow = await renderWorkflow(card, {
      llm: scriptedLLM([...answers.slice(0, 3), goBack('use another card', ['card']), save('5555', 'number'), save('02/32', 'expiry'), answers[3]!]),
    });
    for (const text of ['Eve', '4242', '12/30', 'use another card']) await flow.say(text);
    expect(flow.activeTask?.path).toBe('card/number');
    expect(flow.tree()).toContain('  group card: active, entered 2×\n    task number: active, entered 1×\n    task expiry: pending');
    await flow.say('5555');
    await flow.say('02/32');
    await flow.say('yes');
    const { taskResults } = (await flow.result) as { taskResults: Record<string, unknown> };
    expect(taskResults.card).toEqual({ taskResults: { number: '5555', expiry: '02/32' } });
  });

  test('from inside it, the model can go back to an outer step; the group then resumes where it was', async () => {
    const flow = await renderWorkflow(card, {
      llm: scriptedLLM([answers[0]!, answers[1]!, goBack('wait, my name is Eva', ['name']), save('Eva', 'name'), answers[2]!, answers[3]!]),
    });
    await flow.say('Eve');
    await flow.say('4242');
    expect(flow.activeTask?.path).toBe('card/expiry');
    expect((await flow.say('wait, my name is Eva')).wentBackTo).toEqual(['name']);
    expect(flow.activeTask?.path).toBe('name');
    await flow.say('Eva');
    expect(flow.activeTask?.path).toBe('card/expiry');
    await flow.say('12/30');
    await flow.say('yes');
    expect(await flow.result).toEqual({
      taskResults: { name: 'Eva', card: { taskResults: { number: '4242', expiry: '12/30' } }, confirm: 'yes' },
    });
  });
});

describe('tools that follow state', () => {
  function Confirmable() {
    const complete = useComplete<string>();
    const [email, setEmail] = useState<string>();
    useTool('update_email', {
      description: 'Records the email.',
      parameters: z.object({ email: z.string() }),
      execute: ({ email: next }) => {
        setEmail(next);
        return 'recorded';
      },
    });
    return email ? <Tool name="confirm_email" description="The user confirmed the email." execute={() => complete(email)} /> : null;
  }

  test('a <Tool> appears with its condition, and LiveKit is told only when the set really changed', async () => {
    const flow = await renderWorkflow<string>(
      <Task instructions="Get the email.">
        <Confirmable />
      </Task>,
      {
        llm: scriptedLLM([
          { user: 'confirm it', toolCalls: [{ name: 'confirm_email', args: {}, expectError: true }] },
          { user: 'eve@example.com', toolCalls: [{ name: 'update_email', args: { email: 'eve@example.com' } }] },
          { user: 'eva@example.com', toolCalls: [{ name: 'update_email', args: { email: 'eva@example.com' } }] },
          { user: 'yes', toolCalls: [{ name: 'confirm_email', args: {} }] },
        ]),
      },
    );
    const tools = () => Object.keys(flow.session.currentAgent.toolCtx.functionTools).sort();
    const configUpdates = () => flow.session.history.items.filter((item) => item.type === 'agent_config_update');
    expect(tools()).toEqual(['update_email']);
    const early = await flow.say('confirm it');
    expect(early.toolCalls[0]).toMatchObject({ name: 'confirm_email', isError: true });
    const before = configUpdates().length;
    const pushes = vi.spyOn(flow.session.currentAgent, 'updateTools');

    await flow.say('eve@example.com');
    expect(pushes).toHaveBeenCalledTimes(1);
    expect(tools()).toEqual(['confirm_email', 'update_email']);
    expect(configUpdates().length).toBe(before + 1);
    expect(configUpdates().at(-1)).toMatchObject({ toolsAdded: ['confirm_email'] });

    // A new value re-renders the tool with a new execute but the same set: nothing is pushed.
    await flow.say('eva@example.com');
    expect(pushes).toHaveBeenCalledTimes(1);
    expect(configUpdates().length).toBe(before + 1);
    await flow.say('yes');
    expect(await flow.result).toBe('eva@example.com');
  });

  test('<Tool tool={…}> takes name, description and parameters from defineTool, and appears with its condition', async () => {
    const confirmEmail = defineTool('confirm_email', {
      description: 'The user confirmed the email, possibly spelled out again.',
      parameters: z.object({ spelled: z.string().optional() }),
    });
    function ConfirmableByHandle() {
      const complete = useComplete<string>();
      const [email, setEmail] = useState<string>();
      useTool('update_email', { description: 'Records the email.', parameters: z.object({ email: z.string() }), execute: ({ email: next }) => void setEmail(next) });
      return email ? <Tool tool={confirmEmail} execute={({ spelled }) => complete(spelled ?? email)} /> : null;
    }
    const flow = await renderWorkflow<string>(
      <Task instructions="Get the email.">
        <ConfirmableByHandle />
      </Task>,
      {
        llm: scriptedLLM([
          { user: 'eve@example.com', toolCalls: [{ name: 'update_email', args: { email: 'eve@example.com' } }] },
          { user: 'not a string', toolCalls: [{ name: 'confirm_email', args: { spelled: 7 }, expectError: true }] },
          { user: 'yes', toolCalls: [{ name: 'confirm_email', args: { spelled: 'eva@example.com' } }] },
        ]),
      },
    );
    const offered = () => flow.session.currentAgent.toolCtx.functionTools;
    expect(Object.keys(offered())).toEqual(['update_email']);
    await flow.say('eve@example.com');
    expect(Object.keys(offered()).sort()).toEqual(['confirm_email', 'update_email']);
    expect(offered().confirm_email?.description).toBe(confirmEmail.description);
    // The handle's schema checks the model's arguments: a wrong type goes back as a ToolError.
    const refused = await flow.say('not a string');
    expect(refused.toolCalls[0]).toMatchObject({ name: 'confirm_email', isError: true });
    await flow.say('yes');
    expect(await flow.result).toBe('eva@example.com');
  });

  test('useTool({ enabled }) turns a tool off and on', async () => {
    function Toggle() {
      const [locked, setLocked] = useState(false);
      const complete = useComplete<string>();
      useTool('lock', { description: 'Locks.', execute: () => setLocked(true) });
      useTool('finish', { description: 'Finishes.', enabled: locked, execute: () => complete('finished') });
      return null;
    }
    const flow = await renderWorkflow<string>(<Task instructions="Toggle."><Toggle /></Task>, {
      llm: scriptedLLM([
        { user: 'lock', toolCalls: [{ name: 'lock', args: {} }] },
        { user: 'finish', toolCalls: [{ name: 'finish', args: {} }] },
      ]),
    });
    expect(Object.keys(flow.session.currentAgent.toolCtx.functionTools)).toEqual(['lock']);
    await flow.say('lock');
    expect(Object.keys(flow.session.currentAgent.toolCtx.functionTools).sort()).toEqual(['finish', 'lock']);
    await flow.say('finish');
    expect(await flow.result).toBe('finished');
  });
});
