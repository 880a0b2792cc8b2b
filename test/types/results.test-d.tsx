/**
 * Type tests (checked by `tsc --noEmit` in `npm test`; nothing here runs): a step's result type
 * flows from its handle to every place that reads it, and anything the types cannot know is
 * `unknown`. Each `@ts-expect-error` line must fail to compile, or tsc fails.
 */
import { expectTypeOf } from 'vitest';
import {
  Task,
  TaskGroup,
  type TaskGroupResult,
  createAgent,
  defineGroup,
  defineTask,
  optional,
  runTask,
  useComplete,
  useEndGroup,
  useResult,
  useTaskResults,
  useWorkflowResults,
} from 'react-agent-tasks';

interface Contact {
  email: string;
}
const name = defineTask<{ first: string }>('name');
const email = defineTask<Contact>('email');
const notice = defineTask<boolean>('notice');
const signUp = defineGroup({ name, email, notice: optional(notice) });

function Steps() {
  return null;
}

export async function runningAWorkflow() {
  // Untyped JSX: nothing is known, nothing is wrong.
  expectTypeOf(await runTask(<Steps />)).toBeUnknown();
  // @ts-expect-error the result of plain JSX is unknown: reading it needs the typed form
  (await runTask(<Steps />)).taskResults;

  // A handle types the result, whatever the element's shape.
  const result = await runTask(signUp, <Steps />);
  expectTypeOf(result).toEqualTypeOf<TaskGroupResult<{ name: { first: string }; email: Contact; notice?: boolean }>>();
  expectTypeOf(result.taskResults.email.email).toBeString();
  // @ts-expect-error a misspelled step id
  result.taskResults.emial;
  expectTypeOf(await runTask(email, <Task step={email} />)).toEqualTypeOf<Contact>();
}

export function readingEarlierResults() {
  // In a later step's render, by handle: typed and possibly not there yet.
  expectTypeOf(useResult(email)).toEqualTypeOf<Contact | undefined>();
  expectTypeOf(useResult(signUp)).toEqualTypeOf<TaskGroupResult<{ name: { first: string }; email: Contact; notice?: boolean }> | undefined>();
  // The enclosing group's results so far, typed by its definition.
  const results = useTaskResults(signUp);
  expectTypeOf(results.email).toEqualTypeOf<Contact | undefined>();
  // @ts-expect-error a misspelled step id
  results.emial;
  // Without a handle: values are unknown, never a wrong type.
  expectTypeOf(useTaskResults().email).toBeUnknown();
  expectTypeOf(useWorkflowResults()['card/expiry']).toBeUnknown();
}

export function callbacks() {
  return (
    <TaskGroup
      step={signUp}
      onTaskCompleted={(event) => {
        // @ts-expect-error taskId is one of the group's step ids
        if (event.taskId === 'emial') return;
        if (event.taskId === 'email') expectTypeOf(event.result).toEqualTypeOf<Contact>();
        if (event.taskId === 'notice') expectTypeOf(event.result).toBeBoolean();
      }}
      onComplete={(group) => {
        expectTypeOf(group.taskResults.name.first).toBeString();
        // @ts-expect-error a misspelled step id
        group.taskResults.nmae;
      }}
    >
      <Task
        step={email}
        onComplete={(contact) => {
          expectTypeOf(contact).toEqualTypeOf<Contact>();
        }}
      />
      {/* @ts-expect-error a typed group's id, mapResult and returnExceptions come from its definition */}
      <TaskGroup step={signUp} returnExceptions />
    </TaskGroup>
  );
}

export function untypedGroupsAreNotAny() {
  return (
    <TaskGroup
      onComplete={(result) => {
        expectTypeOf(result).toEqualTypeOf<TaskGroupResult>();
        expectTypeOf(result.taskResults.anything).toBeUnknown();
        // @ts-expect-error a group's result has taskResults and endedBy, nothing else
        result.anything.goes;
      }}
      onTaskCompleted={(event) => {
        expectTypeOf(event.result).toBeUnknown();
      }}
    />
  );
}

export function mappingAGroup() {
  const card = defineGroup('card', { name, email }, { mapResult: ({ taskResults }) => `${taskResults.name.first} <${taskResults.email.email}>` });
  expectTypeOf(useResult(card)).toEqualTypeOf<string | undefined>();
  // mapResult's argument is typed, and may be async.
  defineGroup({ name }, {
    mapResult: async ({ taskResults }) => {
      // @ts-expect-error a misspelled step id
      taskResults.nmae;
      return taskResults.name.first.length;
    },
  });
  const counted = defineGroup({ name }, { mapResult: async ({ taskResults }) => taskResults.name.first.length });
  expectTypeOf(useResult(counted)).toEqualTypeOf<number | undefined>();

  // returnExceptions: every result may be the step's error.
  const lenient = defineGroup({ name, email }, { returnExceptions: true });
  expectTypeOf(useTaskResults(lenient).email).toEqualTypeOf<Contact | Error | undefined>();

  // endsEarly: the result says whether a step ended the group, and then the later ones may be missing.
  const screening = defineGroup({ name, email }, { endsEarly: true });
  const outcome = useResult(screening)!;
  if (outcome.endedBy === undefined) expectTypeOf(outcome.taskResults.email).toEqualTypeOf<Contact>();
  else expectTypeOf(outcome.taskResults.email).toEqualTypeOf<Contact | undefined>();
}

export function completing() {
  const complete = useComplete(email);
  complete({ email: 'a@b.c' });
  complete(new Error('declined'));
  // @ts-expect-error only the step's result type
  complete({ mail: 'a@b.c' });
  // @ts-expect-error only the step's result type
  useEndGroup(notice)('yes');
  // Untyped: takes anything, promises nothing.
  useComplete()(42);
}

export function handlesAreInvariant() {
  const wider = defineTask<{ email: string; verified: boolean }>('email');
  // @ts-expect-error a step that promises `verified` cannot be given to a task whose result lacks it
  const _narrower: typeof email = wider;
  // @ts-expect-error the Task's onComplete must take the handle's result type
  return <Task step={email} onComplete={(contact: { verified: boolean }) => contact} />;
}

export function agents() {
  createAgent(signUp, <Steps />, {
    onResult: (result, agent) => {
      expectTypeOf(result.taskResults.email).toEqualTypeOf<Contact>();
      expectTypeOf(agent.result).toEqualTypeOf<Promise<TaskGroupResult<{ name: { first: string }; email: Contact; notice?: boolean }>> | undefined>();
    },
  });
  createAgent(<Steps />, {
    onResult: (result) => {
      expectTypeOf(result).toBeUnknown();
    },
  });
}
