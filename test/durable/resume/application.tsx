/**
 * The workflow the resume tests drop and resume: flat steps, a step that appears with an earlier
 * answer, a nested group, a sensitive step, userData, and a caller who corrects an earlier answer
 * from inside the nested group. Its tools and greetings report through `hooks`, so a test (or the
 * kill test's child process) sees what ran and may stop the process inside a tool.
 */
import { z } from 'zod';
import { Task, TaskGroup, type TaskGroupResult, useComplete, useOnEnter, useResumed, useTaskResults, useTool } from 'react-agent-tasks';
import type { ScriptRule } from 'react-agent-tasks/testing';

export interface ApplicationHooks {
  /** A line about what ran: `entered <path>`, `completed <id>`, `welcome-back <path>`, `tool <name>`. */
  log?: (line: string) => void;
  /** Awaited inside each tool before it completes its task: where the kill test may stop the process. */
  pause?: (point: string) => Promise<void> | void;
}

/** A step that asks for `id` and completes with what the model passes to `save_<id>`. */
function Answer({ id, path, hooks, boolean = false }: { id: string; path: string; hooks: ApplicationHooks; boolean?: boolean }) {
  const complete = useComplete<unknown>();
  const resumed = useResumed();
  useOnEnter(({ session }) => {
    hooks.log?.(`entered ${path}`);
    if (resumed?.firstTask) {
      hooks.log?.(`welcome-back ${path} ${JSON.stringify({ restored: resumed.restored, askAgain: resumed.askAgain, interrupted: resumed.interrupted })}`);
    }
    session.generateReply({ instructions: resumed?.firstTask ? `Welcome the caller back, then ask for ${id}.` : `Ask for ${id}.` });
  });
  useTool(`save_${id}`, {
    description: `Saves ${id}.`,
    parameters: z.object({ value: boolean ? z.boolean() : z.string() }),
    execute: async ({ value }, { userData }) => {
      hooks.log?.(`tool save_${id}`);
      await hooks.pause?.(`tool save_${id}`);
      if (id === 'name') (userData as { callerName?: string }).callerName = value as string;
      complete(value);
      return 'saved';
    },
  });
  return null;
}

function Steps({ hooks }: { hooks: ApplicationHooks }) {
  const results = useTaskResults<{ consent: boolean }>();
  const step = (id: string, description: string, extra: { sensitive?: boolean; boolean?: boolean } = {}) => (
    <Task id={id} description={description} instructions={`Collect ${id}.`} sensitive={extra.sensitive}>
      <Answer id={id} path={id} hooks={hooks} boolean={extra.boolean} />
    </Task>
  );
  return (
    <>
      {step('name', "Collects the caller's name")}
      {step('email', "Collects the caller's email")}
      {step('consent', 'Asks for consent to be contacted', { boolean: true })}
      {results.consent === true && step('notice', 'Reads the privacy notice')}
      {step('pin', 'Collects a PIN', { sensitive: true })}
      <TaskGroup id="address" description="Collects the postal address" summarize={false}>
        {['street', 'city'].map((id) => (
          <Task key={id} id={id} description={`Collects the ${id}`} instructions={`Collect the ${id}.`}>
            <Answer id={id} path={`address/${id}`} hooks={hooks} />
          </Task>
        ))}
      </TaskGroup>
    </>
  );
}

export function Application({ hooks = {} }: { hooks?: ApplicationHooks }) {
  return (
    <TaskGroup summarize={false} onTaskCompleted={({ taskId }) => hooks.log?.(`completed ${taskId}`)}>
      <Steps hooks={hooks} />
    </TaskGroup>
  );
}

export const OLD_EMAIL = 'ada@old.example';
export const NEW_EMAIL = 'ada@new.example';

/** What the whole call collects, dropped or not. */
export const FINAL_RESULT: TaskGroupResult = {
  taskResults: {
    name: 'Ada',
    email: NEW_EMAIL,
    consent: true,
    notice: 'Understood.',
    address: { taskResults: { street: '1 Main Street', city: 'Springfield' } },
    pin: '2468',
  },
};

/**
 * What the caller says to the task holding the session, from what the workflow holds: the old
 * email first, and once inside the address a correction while the old one is still recorded.
 */
export function callerLine(path: string, results: Readonly<Record<string, unknown>>): string {
  switch (path) {
    case 'name':
      return 'My name is Ada.';
    case 'email':
      return results.email === undefined ? OLD_EMAIL : NEW_EMAIL;
    case 'consent':
      return 'Yes, I agree.';
    case 'notice':
      return 'Understood.';
    case 'address/street':
      return '1 Main Street';
    case 'address/city':
      return results.email === OLD_EMAIL ? 'Wait, change my email.' : 'Springfield';
    case 'pin':
      return '2468';
    default:
      throw new Error(`the caller has no answer for ${path}`);
  }
}

const save = (user: string, id: string, value: unknown = user): ScriptRule => ({ user, toolCalls: [{ name: `save_${id}`, args: { value } }] });

/** The scripted model: each caller line calls its tool; a greeting after the resume welcomes the caller back. */
export function applicationScript(): ScriptRule[] {
  return [
    { onEnter: /Welcome the caller back/, reply: 'Welcome back! Let us pick up where we were.' },
    save('My name is Ada.', 'name', 'Ada'),
    save(OLD_EMAIL, 'email'),
    save(NEW_EMAIL, 'email'),
    save('Yes, I agree.', 'consent', true),
    save('Understood.', 'notice'),
    save('1 Main Street', 'street'),
    { user: 'Wait, change my email.', toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['email'] } }] },
    save('Springfield', 'city'),
    save('2468', 'pin'),
  ];
}
