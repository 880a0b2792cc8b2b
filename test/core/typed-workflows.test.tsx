/**
 * Typed workflows at run time: handles give steps their ids and results, the typed hooks read the
 * right step, and every promise a handle makes the types is checked (a `react-agent-tasks:` error
 * at once), so a type is never wrong. The type side is in test/types.
 */
import { type FunctionComponent, type ReactNode, createElement } from 'react';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  Task,
  TaskGroup,
  type TaskHandle,
  defineGroup,
  defineTask,
  defineTool,
  optional,
  useComplete,
  useEndGroup,
  useOnEnter,
  useResult,
  useTaskResults,
  useTool,
  useUserData,
  useWorkflowResults,
  withUserData,
} from 'react-agent-tasks';
import { type ScriptRule, renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { save } from '../fixtures/steps.js';

/** Completes its step with `save_<id>({ value })`, fails it with `decline_<id>`; `ask` is what it asks on entering. */
function Save({ step, ask, ends }: { step: TaskHandle<string>; ask?: string; ends?: boolean }) {
  const complete = useComplete(step);
  // `ends` never changes for a mounted step, so the hook is called on every render or on none.
  const end = ends ? useEndGroup(step) : undefined;
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: ask ?? `Ask for ${step.id}.` });
  });
  useTool(`save_${step.id}`, {
    description: `Saves ${step.id}.`,
    parameters: z.object({ value: z.string() }),
    execute: ({ value }) => {
      (end ?? complete)(value);
      return 'saved';
    },
  });
  useTool(`decline_${step.id}`, { description: `The user will not give ${step.id}.`, execute: () => complete(new Error(`no ${step.id}`)) });
  return null;
}

function Step({ step, ask, ends }: { step: TaskHandle<string>; ask?: string; ends?: boolean }) {
  return (
    <Task step={step} description={`Collects ${step.id}`} instructions={`Collect ${step.id}.`}>
      <Save step={step} ask={ask} ends={ends} />
    </Task>
  );
}

/** Asks for the email by the name an earlier step collected: `useResult` in a later step's render. */
function EmailStep({ step, nameStep }: { step: TaskHandle<string>; nameStep: TaskHandle<string> }) {
  const who = useResult(nameStep);
  return <Step step={step} ask={`Ask ${who ?? 'nobody'} for the email.`} />;
}

const name = defineTask<string>('name');
const email = defineTask<string>('email');

/** Renders a workflow whose mistake must end it: the result rejects with the misuse error. */
async function failureOf(render: () => Promise<{ result: Promise<unknown> }>): Promise<Error> {
  const flow = await render().catch((error: Error) => error);
  if (flow instanceof Error) return flow;
  return flow.result.then(
    () => new Error('the workflow did not fail'),
    (error: Error) => error,
  );
}
const noModel = () => ({ llm: scriptedLLM([]), timeoutMs: 2000 });

describe('a typed group', () => {
  const signUp = defineGroup({ name, email });

  test('steps get their ids from their handles; a later step reads an earlier result; callbacks get each result', async () => {
    const events: unknown[] = [];
    const done: unknown[] = [];
    const flow = await renderWorkflow(
      signUp,
      <TaskGroup step={signUp} summarize={false} onTaskCompleted={(event) => void events.push([event.taskId, event.result])} onComplete={(result) => void done.push(result)}>
        <Step step={name} />
        <EmailStep step={email} nameStep={name} />
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name'), { onEnter: 'Ask Eve for the email.', reply: 'Eve, your email?' }, save('eve@example.com', 'email')]) },
    );
    const named = await flow.say('Eve');
    expect(named.messages.map((message) => message.text)).toContain('Eve, your email?');
    await flow.say('eve@example.com');
    const result = await flow.result;
    expect(result.taskResults).toEqual({ name: 'Eve', email: 'eve@example.com' });
    expect(events).toEqual([
      ['name', 'Eve'],
      ['email', 'eve@example.com'],
    ]);
    expect(done).toEqual([result]);
  });

  test('useTaskResults(group) reads the group rendered with that handle, from inside it', async () => {
    const seen: unknown[] = [];
    function Watch() {
      seen.push({ ...useTaskResults(signUp) });
      return null;
    }
    const flow = await renderWorkflow(
      signUp,
      <TaskGroup step={signUp} summarize={false}>
        <Watch />
        <Step step={name} />
        <Step step={email} />
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name'), save('eve@example.com', 'email')]) },
    );
    await flow.say('Eve');
    await flow.say('eve@example.com');
    await flow.result;
    expect(seen[0]).toEqual({});
    expect(seen).toContainEqual({ name: 'Eve' });
    expect(seen.at(-1)).toEqual({ name: 'Eve', email: 'eve@example.com' });
  });

  test('mapResult and returnExceptions come from the definition', async () => {
    const lenient = defineGroup({ name, email }, { returnExceptions: true, mapResult: ({ taskResults }) => ({ name: taskResults.name, declined: taskResults.email instanceof Error }) });
    const flow = await renderWorkflow(
      lenient,
      <TaskGroup step={lenient} summarize={false}>
        <Step step={name} />
        <Step step={email} />
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name'), { user: 'no', toolCalls: [{ name: 'decline_email', args: {} }] }]) },
    );
    await flow.say('Eve');
    await flow.say('no');
    expect(await flow.result).toEqual({ name: 'Eve', declined: true });
  });

  test('an optional step may be missing; endsEarly lets a step end the group, and the result says which', async () => {
    const notice = defineTask<string>('notice');
    const screening = defineGroup({ name, notice: optional(notice), email }, { endsEarly: true });
    function Steps() {
      const results = useTaskResults(screening);
      return (
        <>
          <Step step={name} ends />
          {results.name === 'show' && <Step step={notice} />}
          <Step step={email} />
        </>
      );
    }
    const flow = await renderWorkflow(
      screening,
      <TaskGroup step={screening} summarize={false}>
        <Steps />
      </TaskGroup>,
      { llm: scriptedLLM([save('Eve', 'name')]) },
    );
    await flow.say('Eve');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve' }, endedBy: 'name' });
  });
});

describe('nested typed groups', () => {
  const number = defineTask<string>('number');
  const expiry = defineTask<string>('expiry');
  const confirm = defineTask<string>('confirm');
  const card = defineGroup('card', { number, expiry });
  const checkout = defineGroup({ name, card, confirm });

  function Confirm() {
    const byPath = useWorkflowResults(checkout)['card/expiry'];
    const byHandle = useResult(expiry);
    return <Step step={confirm} ask={`Confirm the card expiring ${byPath} (${byHandle}).`} />;
  }

  test('an inner step reads an outer result; an outer step reads an inner one, by path and by handle', async () => {
    const flow = await renderWorkflow(
      checkout,
      <TaskGroup step={checkout} summarize={false}>
        <Step step={name} />
        <TaskGroup step={card} description="Collects the card" summarize={false}>
          <EmailStep step={number} nameStep={name} />
          <Step step={expiry} />
        </TaskGroup>
        <Confirm />
      </TaskGroup>,
      {
        llm: scriptedLLM([
          save('Eve', 'name'),
          { onEnter: 'Ask Eve for the email.', reply: 'Your card number, Eve?' },
          save('4242', 'number'),
          save('12/30', 'expiry'),
          { onEnter: 'Confirm the card expiring 12/30 (12/30).', reply: 'Confirm 12/30?' },
          save('yes', 'confirm'),
        ]),
      },
    );
    expect((await flow.say('Eve')).messages.map((message) => message.text)).toContain('Your card number, Eve?');
    await flow.say('4242');
    expect((await flow.say('12/30')).messages.map((message) => message.text)).toContain('Confirm 12/30?');
    await flow.say('yes');
    expect(await flow.result).toEqual({ taskResults: { name: 'Eve', card: { taskResults: { number: '4242', expiry: '12/30' } }, confirm: 'yes' } });
  });

  test('a handle rendered in two places resolves to the nearer step', async () => {
    const buyer = defineGroup('buyer', { name, email });
    const seller = defineGroup('seller', { name, email });
    const deal = defineGroup({ buyer, seller });
    const party = (group: typeof buyer) => (
      <TaskGroup step={group} description={`Collects the ${group.id}`} summarize={false}>
        <Step step={name} />
        <EmailStep step={email} nameStep={name} />
      </TaskGroup>
    );
    const flow = await renderWorkflow(
      deal,
      <TaskGroup step={deal} summarize={false}>
        {party(buyer)}
        {party(seller)}
      </TaskGroup>,
      {
        llm: scriptedLLM([
          save('Ann', 'name'),
          { onEnter: 'Ask Ann for the email.', reply: 'Ann, your email?' },
          save('ann@example.com', 'email'),
          save('Bob', 'name'),
          { onEnter: 'Ask Bob for the email.', reply: 'Bob, your email?' },
          save('bob@example.com', 'email'),
        ]),
      },
    );
    expect((await flow.say('Ann')).messages.map((message) => message.text)).toContain('Ann, your email?');
    await flow.say('ann@example.com');
    expect((await flow.say('Bob')).messages.map((message) => message.text)).toContain('Bob, your email?');
    await flow.say('bob@example.com');
    expect((await flow.result).taskResults.seller.taskResults).toEqual({ name: 'Bob', email: 'bob@example.com' });
  });
});

describe('running typed steps', () => {
  test('a component run with its props: renderWorkflow(Component, props, options)', async () => {
    const flow = await renderWorkflow(Step, { step: name }, { llm: scriptedLLM([save('Eve', 'name')]) });
    await flow.say('Eve');
    expect(await flow.result).toBe('Eve');
  });

  test('a tool made by defineTool: offered with its schema; a call its schema refuses goes back to the model', async () => {
    const saveName = defineTool('save_name', { description: 'Saves the name.', parameters: z.object({ name: z.string().min(2) }) });
    function Name() {
      const complete = useComplete(name);
      useTool(saveName, { execute: (args) => complete(args.name) });
      return null;
    }
    const flow = await renderWorkflow(
      name,
      <Task step={name} instructions="Get the name.">
        <Name />
      </Task>,
      {
        llm: scriptedLLM([
          { user: 'E', toolCalls: [{ name: 'save_name', args: { name: 'E' }, expectError: true }] },
          { user: 'Eve', toolCalls: [{ name: 'save_name', args: { name: 'Eve' } }] },
        ]),
      },
    );
    expect((await flow.say('E')).toolCalls[0]).toMatchObject({ name: 'save_name', isError: true });
    await flow.say('Eve');
    expect(await flow.result).toBe('Eve');
  });

  test('withUserData gives the package hooks themselves, typed: a typed tool writes what a typed reader renders from', async () => {
    interface Data {
      wantsCall?: boolean;
    }
    const typed = withUserData<Data>();
    const userData: Data = {};
    expect(typed.useUserData).toBe(useUserData);
    expect(typed.useTool).toBe(useTool);
    const phone = defineTask<string>('phone');
    const contact = defineGroup({ name, phone: optional(phone) });
    function Name() {
      const complete = useComplete(name);
      typed.useTool('save_name', {
        description: 'Saves the name and whether to call.',
        parameters: z.object({ value: z.string(), call: z.boolean() }),
        execute: ({ value, call }, { userData }) => {
          userData.wantsCall = call;
          complete(value);
        },
      });
      return null;
    }
    function Phone() {
      return typed.useUserData().wantsCall ? <Step step={phone} /> : null;
    }
    const flow = await renderWorkflow(
      contact,
      <TaskGroup step={contact} summarize={false}>
        <Task step={name}>
          <Name />
        </Task>
        <Phone />
      </TaskGroup>,
      { llm: scriptedLLM([{ user: 'Eve, call me', toolCalls: [{ name: 'save_name', args: { value: 'Eve', call: true } }] }, save('555', 'phone')]), userData },
    );
    await flow.say('Eve, call me');
    expect(flow.activeTask?.id).toBe('phone');
    await flow.say('555');
    expect((await flow.result).taskResults).toEqual({ name: 'Eve', phone: '555' });
  });
});

describe('what a handle promises is checked when it runs', () => {
  const signUp = defineGroup({ name, email });
  const expectMisuse = (error: Error, message: string) => expect(error.message).toBe(`react-agent-tasks: ${message}`);
  const typedGroup = (children: ReactNode) => () => renderWorkflow(signUp, <TaskGroup step={signUp}>{children}</TaskGroup>, noModel());

  test('defineGroup keys each step by its id', () => {
    expect(() => defineGroup({ mail: email })).toThrow(
      'react-agent-tasks: defineGroup(…) lists step "email" under the key "mail", but it has the id "email". Key each step by its id: defineGroup({ email: … }), with defineTask<…>(\'mail\').',
    );
    expect(() => defineGroup({ name: 'name' as never })).toThrow(/^react-agent-tasks: defineGroup\(…\) was given "name", which is not a step handle/);
    expect(() => defineTask('card/expiry')).toThrow(/^react-agent-tasks: defineTask\("card\/expiry"\) has a `\/` in its id/);
  });

  test('runTask(step, element): the top-level step must be rendered with that handle', async () => {
    const error = await failureOf(() => renderWorkflow(signUp, <TaskGroup><Step step={name} /></TaskGroup>, noModel()));
    expectMisuse(
      error,
      '<TaskGroup> is the top-level step of runTask(group { name, email }, …) but is rendered without a handle. Render the top-level step with step={…} for the handle runTask was given, so the result has the type it promises.',
    );
  });

  test('a step of a typed group is rendered with its handle, and is one of the definition', async () => {
    expectMisuse(
      await failureOf(typedGroup(<Task id="name" />)),
      '<Task id="name"> in <TaskGroup> is not rendered with its handle, so its result type is not checked. Render it with step={…steps.name} (the handle defineGroup() lists), not an id.',
    );
    expectMisuse(
      await failureOf(typedGroup(<Step step={defineTask<string>('phone')} />)),
      '<Task id="phone"> is in <TaskGroup>, whose defineGroup() has no step "phone". Add a handle for it to the group\'s defineGroup({ … }) and render it with step={…}, or move it out of the group.',
    );
  });

  test('a step the definition does not mark optional must be rendered when the group starts, and have a result when it ends', async () => {
    expectMisuse(
      await failureOf(typedGroup(<Step step={name} />)),
      '<TaskGroup> does not render its step "email", which its defineGroup() does not mark optional. Render it always, or wrap it in optional(…) in defineGroup() so its result type says it may be missing.',
    );
    function DropsEmail() {
      const results = useTaskResults(signUp);
      return (
        <>
          <Step step={name} />
          {results.name !== 'drop' && <Step step={email} />}
        </>
      );
    }
    const flow = await renderWorkflow(signUp, <TaskGroup step={signUp} summarize={false}><DropsEmail /></TaskGroup>, { llm: scriptedLLM([save('drop', 'name')]) });
    await flow.say('drop');
    expectMisuse(
      await flow.result.then(() => new Error('the workflow did not fail'), (error: Error) => error),
      '<TaskGroup> finished without a result for its step "email" (it left the tree), which its defineGroup() does not mark optional. Wrap it in optional(…) in defineGroup() so its result type says it may be missing.',
    );
  });

  test('useComplete(step) and useEndGroup(step) only inside the task rendered with that step; useEndGroup only where the definition allows it', async () => {
    function CompletesEmail() {
      useComplete(email);
      return null;
    }
    expectMisuse(
      await failureOf(typedGroup(<><Task step={name}><CompletesEmail /></Task><Step step={email} /></>)),
      'useComplete(step "email") was called inside <Task id="name">, which is rendered with step "name". Pass the handle the enclosing task is rendered with (<Task step={…}>), so the result has the type the step promises.',
    );
    expectMisuse(
      await failureOf(typedGroup(<><Step step={name} ends /><Step step={email} /></>)),
      'useEndGroup() was called in <Task id="name">, whose <TaskGroup> is defined without endsEarly. Add { endsEarly: true } to its defineGroup(), so its result type says the steps after this one may have no result.',
    );
  });

  test('the typed hooks read only the group they name', async () => {
    const other = defineGroup({ name });
    function ReadsOther() {
      useTaskResults(other);
      return null;
    }
    function ReadsOtherPaths() {
      useWorkflowResults(other);
      return null;
    }
    expectMisuse(
      await failureOf(typedGroup(<><ReadsOther /><Step step={name} /><Step step={email} /></>)),
      'useTaskResults(group { name }) was called outside the <TaskGroup> rendered with that handle. Call it from a component inside <TaskGroup step={…}>, or read one step anywhere with useResult(step).',
    );
    expectMisuse(
      await failureOf(typedGroup(<><ReadsOtherPaths /><Step step={name} /><Step step={email} /></>)),
      'useWorkflowResults(group { name }) was called in a workflow whose top-level group is not rendered with that handle, so its paths would not match. Pass the handle of the top-level <TaskGroup step={…}>, and call it from inside that group.',
    );
  });

  test('props that would contradict a handle', async () => {
    // What plain JavaScript (or a cast) can pass, and the types refuse.
    const untyped = (component: unknown, props: object) => createElement(component as FunctionComponent, props);
    expectMisuse(
      await failureOf(() => renderWorkflow(untyped(Task, { step: signUp }), noModel())),
      '<Task> was given a step prop that is not a task handle. Pass a handle made by defineTask().',
    );
    expectMisuse(
      await failureOf(() => renderWorkflow(untyped(Task, { step: name, id: 'other' }), noModel())),
      '<Task id="other"> has an id and a step prop for step "name". Leave out the id: the handle gives it.',
    );
    expectMisuse(
      await failureOf(() => renderWorkflow(untyped(TaskGroup, { step: signUp, mapResult: () => 1 }), noModel())),
      "<TaskGroup> has a mapResult prop and a step handle. Give mapResult to defineGroup(…, { mapResult }) instead: there it types the group's result.",
    );
  });
});

describe('scriptedLLM(rules, { tools })', () => {
  const saveName = defineTool('save_name', { description: 'Saves the name.', parameters: z.object({ name: z.string() }) });
  const rule = (args: Record<string, unknown>, toolName = 'save_name'): ScriptRule => ({ user: 'x', toolCalls: [{ name: toolName, args }] });

  test('refuses, when made, a call its tools would refuse or do not have', () => {
    const unchecked = (rules: ScriptRule[]) => scriptedLLM(rules as never, { tools: [saveName] });
    expect(() => unchecked([rule({ name: 'Eve' }), rule({ name: 42 })])).toThrow(
      'react-agent-tasks: scriptedLLM() rule 2 calls save_name with arguments its schema refuses (name: Invalid input: expected string, received number). Fix the arguments, or leave { tools } out to send malformed ones on purpose.',
    );
    expect(() => unchecked([rule({}, 'save_nmae')])).toThrow('react-agent-tasks: scriptedLLM() rule 1 calls save_nmae, which is not among its tools (save_name). Add the tool to { tools }, or fix the name.');
    expect(() => unchecked([{ user: 'x', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['name'] } }] }])).not.toThrow();
  });
});
