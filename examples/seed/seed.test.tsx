import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { describe, expect, test } from 'vitest';
import { seed } from './example.js';
import { type ContactInfoResult, GetContactInfo, type InterviewUserData, SeedInterview, printTaskResult } from './seed.js';

describe('seed snippets', () => {
  test('GetContactInfo completes with a typed result; a bad email is refused first', async () => {
    const completed: ContactInfoResult[] = [];
    const flow = await renderWorkflow<ContactInfoResult>(<GetContactInfo onComplete={(result) => completed.push(result)} />, {
      llm: scriptedLLM([
        ...seed.simulation.script(),
        { user: 'Sam Lee, sam at example, 555 0100.', toolCalls: [{ name: 'record_contact_info', args: { name: 'Sam Lee', emailAddress: 'sam at example', phoneNumber: '555 0100' }, expectError: true }] },
      ]),
    });
    const refused = await flow.say('Sam Lee, sam at example, 555 0100.');
    expect(refused.toolCalls[0]).toMatchObject({ name: 'record_contact_info', isError: true });
    await flow.say('Sam Lee, sam@example.com, 555 0100.');
    const contact = await flow.result;
    expect(contact).toEqual({ name: 'Sam Lee', emailAddress: 'sam@example.com', phoneNumber: '555 0100' });
    expect(completed).toEqual([contact]);
  });

  test('the interview group: IntroTask writes userData, onTaskCompleted prints each result as the seed does', async () => {
    const printed: string[] = [];
    const flow = await renderWorkflow<unknown, InterviewUserData>(<SeedInterview onTaskCompleted={printTaskResult((line) => printed.push(line))} />, {
      llm: scriptedLLM(seed.simulation.script()),
    });
    for (const line of seed.simulation.caller) await flow.say(line);
    expect(flow.session.userData.candidateName).toBe('Sam');
    expect(printed).toEqual([
      `Task 'intro_task' completed with result: {"name":"Sam","intro":"Writes compilers."}`,
      `Task 'contact_info_task' completed with result: {"name":"Sam Lee","emailAddress":"sam@example.com","phoneNumber":"555 0100"}`,
      `Task 'commute_task' completed with result: {"canCommute":true,"commuteMethod":"bus"}`,
    ]);
    expect(await flow.result).toMatchObject({ taskResults: { commute_task: { canCommute: true, commuteMethod: 'bus' } } });
  });
});
