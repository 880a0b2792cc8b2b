/**
 * The behaviour every value collector shares, run against each of them: the happy path, invalid
 * input re-asked, confirmation on and off, a changed value refused, decline, and a correction
 * from a later step of a group.
 */
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { Task, TaskGroup, type TaskGroupResult, useComplete, useOnEnter, useTool } from 'react-agent-tasks';
import { CaptureDeclinedError, GetAddress, GetDateOfBirth, GetEmail, GetName, GetPhoneNumber, type CollectorOptions } from 'react-agent-tasks/prebuilt';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { offeredTools } from './helpers.js';

interface Fixture {
  render: (options: CollectorOptions) => ReactElement;
  id: string;
  ask: RegExp;
  field: string;
  decline: string;
  a: { args: Record<string, unknown>; result: unknown };
  b: { args: Record<string, unknown>; result: unknown };
  invalid: { args: Record<string, unknown>; error: RegExp };
}

const fixtures: Record<string, Fixture> = {
  GetEmail: {
    render: (options) => <GetEmail {...options} />,
    id: 'email',
    ask: /email address/,
    field: 'email_address',
    decline: 'decline_email_capture',
    a: { args: { email: 'eve at example dot com' }, result: { emailAddress: 'eve@example.com' } },
    b: { args: { email: 'eva@example.com' }, result: { emailAddress: 'eva@example.com' } },
    invalid: { args: { email: 'eve at example' }, error: /no domain ending/ },
  },
  GetPhoneNumber: {
    render: (options) => <GetPhoneNumber {...options} />,
    id: 'phone_number',
    ask: /phone number/,
    field: 'phone_number',
    decline: 'decline_phone_number_capture',
    a: { args: { phone_number: '+1 (415) 555-0123' }, result: { phoneNumber: '+14155550123' } },
    b: { args: { phone_number: '+44 20 7946 0958' }, result: { phoneNumber: '+442079460958' } },
    invalid: { args: { phone_number: '555-0123' }, error: /no country code/ },
  },
  GetAddress: {
    render: (options) => <GetAddress {...options} />,
    id: 'address',
    ask: /full address/,
    field: 'address',
    decline: 'decline_address_capture',
    a: {
      args: { street_address: '221B Baker Street', locality: 'London NW1 6XE', country: 'United Kingdom' },
      result: { address: '221B Baker Street, London NW1 6XE, United Kingdom', streetAddress: '221B Baker Street', locality: 'London NW1 6XE', country: 'United Kingdom' },
    },
    b: {
      args: { street_address: '1 Infinite Loop', unit_number: 'Suite 4', locality: 'Cupertino, CA 95014', country: 'USA' },
      result: {
        address: '1 Infinite Loop, Suite 4, Cupertino, CA 95014, USA',
        streetAddress: '1 Infinite Loop',
        unitNumber: 'Suite 4',
        locality: 'Cupertino, CA 95014',
        country: 'USA',
      },
    },
    invalid: { args: { street_address: '221B Baker Street', locality: '', country: 'UK' }, error: /locality is missing/ },
  },
  GetName: {
    render: (options) => <GetName lastName {...options} />,
    id: 'name',
    ask: /first name and last name/,
    field: 'name',
    decline: 'decline_name_capture',
    a: { args: { first_name: 'Eve', last_name: 'Adams' }, result: { firstName: 'Eve', lastName: 'Adams' } },
    b: { args: { first_name: 'Eva', last_name: 'Adams' }, result: { firstName: 'Eva', lastName: 'Adams' } },
    invalid: { args: { first_name: 'Eve', last_name: '' }, error: /last name is required/ },
  },
  GetDateOfBirth: {
    render: (options) => <GetDateOfBirth today={() => new Date(2026, 10, 24)} {...options} />,
    id: 'date_of_birth',
    ask: /date of birth/,
    field: 'date_of_birth',
    decline: 'decline_date_of_birth_capture',
    a: { args: { year: 1990, month: 1, day: 15 }, result: { dateOfBirth: '1990-01-15' } },
    b: { args: { year: 1990, month: 1, day: 16 }, result: { dateOfBirth: '1990-01-16' } },
    invalid: { args: { year: 1990, month: 2, day: 30 }, error: /1990-02-30 is not a date on the calendar/ },
  },
};

describe.each(Object.entries(fixtures))('%s', (_name, f) => {
  const update = (args: Record<string, unknown>) => ({ name: `update_${f.field}`, args });
  const confirm = (args: Record<string, unknown>) => ({ name: `confirm_${f.field}`, args });
  const ask = { onEnter: f.ask, reply: 'Could you tell me?' };

  it('asks on entering, records a valid value and completes with it (confirmation off)', async () => {
    const flow = await renderWorkflow(f.render({ requireConfirmation: false }), {
      llm: scriptedLLM([ask, { user: 'a', toolCalls: [update(f.a.args)] }]),
    });
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'Could you tell me?' }]);
    expect(flow.activeTask?.id).toBe(f.id);
    const turn = await flow.say('a');
    expect(turn.toolCalls).toEqual([expect.objectContaining({ name: `update_${f.field}`, isError: false })]);
    expect(await flow.result).toEqual(f.a.result);
  });

  it('the reply that asks records nothing, even when the model tries; requireExplicitAsk={false} allows it (LiveKit)', async () => {
    const eager = (expectError?: RegExp) => scriptedLLM([{ onEnter: f.ask, reply: 'Is this still right?', toolCalls: [{ ...update(f.a.args), expectError }] }]);
    const flow = await renderWorkflow(f.render({ requireConfirmation: false }), { llm: eager(/^Unknown function/) });
    expect(flow.startup.toolCalls.length).toBeGreaterThan(0);
    expect(flow.startup.toolCalls.every((call) => call.isError && call.output?.startsWith(`Unknown function: update_${f.field}`))).toBe(true);
    expect(flow.activeTask?.id).toBe(f.id);

    const livekit = await renderWorkflow(f.render({ requireConfirmation: false, requireExplicitAsk: false }), { llm: eager() });
    expect(await livekit.result).toEqual(f.a.result);
  });

  it('sends invalid input back as a ToolError; the model asks again and the task goes on', async () => {
    const flow = await renderWorkflow(f.render({ requireConfirmation: false }), {
      llm: scriptedLLM([
        ask,
        { user: 'bad', toolCalls: [{ ...update(f.invalid.args), expectError: f.invalid.error }] },
        { afterTool: `update_${f.field}`, reply: 'Sorry, could you repeat that?' },
        { user: 'a', toolCalls: [update(f.a.args)] },
      ]),
    });
    const bad = await flow.say('bad');
    expect(bad.toolCalls).toEqual([expect.objectContaining({ isError: true, output: expect.stringMatching(f.invalid.error) })]);
    expect(bad.messages.at(-1)).toEqual({ role: 'assistant', text: 'Sorry, could you repeat that?' });
    expect(flow.activeTask?.id).toBe(f.id);
    await flow.say('a');
    expect(await flow.result).toEqual(f.a.result);
  });

  it('with confirmation on, confirm appears once a value is recorded, and a changed value is refused', async () => {
    const flow = await renderWorkflow(f.render({ requireConfirmation: true }), {
      llm: scriptedLLM([
        ask,
        { user: 'a', toolCalls: [update(f.a.args)] },
        { user: 'no wait, b', toolCalls: [update(f.b.args)] },
        { user: 'yes (to a)', toolCalls: [{ ...confirm(f.a.args), expectError: /is not the recorded one/ }] },
        { user: 'yes', toolCalls: [confirm(f.b.args)] },
      ]),
    });
    expect(offeredTools(flow.session)).not.toContain(`confirm_${f.field}`);
    const recorded = await flow.say('a');
    expect(recorded.completed).toEqual([]);
    expect(offeredTools(flow.session)).toContain(`confirm_${f.field}`);

    await flow.say('no wait, b');
    const stale = await flow.say('yes (to a)');
    expect(stale.toolCalls).toEqual([expect.objectContaining({ isError: true, output: expect.stringMatching(/is not the recorded one/) })]);
    expect(flow.activeTask?.id).toBe(f.id);

    const confirmed = await flow.say('yes');
    expect(confirmed.completed).toEqual([f.id]);
    expect(await flow.result).toEqual(f.b.result);
  });

  it('fails with a CaptureDeclinedError when the user declines', async () => {
    const flow = await renderWorkflow(f.render({}), {
      llm: scriptedLLM([ask, { user: 'no', toolCalls: [{ name: f.decline, args: { reason: 'rather not' } }] }]),
    });
    await flow.say('no');
    const error = await flow.result.catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CaptureDeclinedError);
    expect((error as Error).message).toMatch(/rather not$/);
  });

  it('in a group, a later step goes back to it for a correction; returnExceptions keeps a decline', async () => {
    function Notes() {
      const complete = useComplete<string>();
      useOnEnter(({ session }) => session.generateReply({ instructions: 'Ask for notes.' }));
      useTool('save_notes', { description: 'Saves notes.', execute: () => complete('noted') });
      return null;
    }
    const flow = await renderWorkflow<TaskGroupResult>(
      <TaskGroup summarize={false}>
        {f.render({ requireConfirmation: false })}
        <Task id="notes" description="Takes notes">
          <Notes />
        </Task>
      </TaskGroup>,
      {
        llm: scriptedLLM([
          ask,
          { user: 'a', toolCalls: [update(f.a.args)] },
          { user: 'I need to correct that', toolCalls: [{ name: 'out_of_scope', args: { task_ids: [f.id] } }] },
          { user: 'b', toolCalls: [update(f.b.args)] },
          { user: 'done', toolCalls: [{ name: 'save_notes', args: {} }] },
        ]),
      },
    );
    await flow.say('a');
    await flow.waitForTask('notes');
    const back = await flow.say('I need to correct that');
    expect(back.wentBackTo).toEqual([f.id]);
    expect(flow.activeTask?.id).toBe(f.id);
    await flow.say('b');
    await flow.waitForTask('notes');
    await flow.say('done');
    expect((await flow.result).taskResults).toEqual({ [f.id]: f.b.result, notes: 'noted' });

    const declined = await renderWorkflow<TaskGroupResult>(
      <TaskGroup summarize={false} returnExceptions>
        {f.render({})}
        <Task id="notes" description="Takes notes">
          <Notes />
        </Task>
      </TaskGroup>,
      {
        llm: scriptedLLM([
          ask,
          { user: 'no', toolCalls: [{ name: f.decline, args: { reason: 'rather not' } }] },
          { user: 'done', toolCalls: [{ name: 'save_notes', args: {} }] },
        ]),
      },
    );
    await declined.say('no');
    await declined.waitForTask('notes');
    await declined.say('done');
    const { taskResults } = await declined.result;
    expect(taskResults[f.id]).toBeInstanceOf(CaptureDeclinedError);
    expect(taskResults.notes).toBe('noted');
  });
});
