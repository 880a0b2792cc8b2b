import { Task, TaskGroup, useOnEnter, useTaskResults } from 'react-agent-tasks';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { describe, expect, test } from 'vitest';
import type { CallEvent } from '../shared/simulated-call.js';
import { createExampleCall } from '../shared/session.js';
import { CollectConsent } from './consent.js';
import { consent, consentDeclined } from './example.js';

describe('<CollectConsent>', () => {
  test.each([
    ['Sure, go ahead.', 'consent_given', true],
    ['No, thanks.', 'consent_denied', false],
  ])('%s → %s → %s', async (answer, tool, expected) => {
    const flow = await renderWorkflow<boolean>(<CollectConsent />, { llm: scriptedLLM(consent.simulation.script()) });
    expect(flow.startup.messages[0]?.text).toMatch(/May I record this call/);
    const turn = await flow.say(answer);
    turn.expect.containsFunctionCall({ name: tool });
    expect(await flow.result).toBe(expected);
  });
});

describe('<CollectConsent> as a step', () => {
  function RecordingNotice() {
    useOnEnter(({ session, complete }) => {
      session.generateReply({ instructions: 'Explain how the recording is used.' });
      complete('explained');
    });
    return null;
  }

  function Steps() {
    const { consent } = useTaskResults<{ consent: boolean }>();
    return (
      <>
        <CollectConsent />
        {consent && (
          <Task id="notice" description="Explains the recording">
            <RecordingNotice />
          </Task>
        )}
      </>
    );
  }

  test.each([
    ['Sure, go ahead.', { consent: true, notice: 'explained' }],
    ['No, thanks.', { consent: false }],
  ])('in a group, %s → the notice step only with consent', async (answer, taskResults) => {
    const flow = await renderWorkflow(
      <TaskGroup summarize={false}>
        <Steps />
      </TaskGroup>,
      { llm: scriptedLLM(consent.simulation.script()) },
    );
    await flow.say(answer);
    expect(await flow.result).toEqual({ taskResults });
  });
});

describe('the customer service agent', () => {
  const runCall = async (example: typeof consent) => {
    const events: CallEvent[] = [];
    const { call, run } = createExampleCall(example, { llm: scriptedLLM(example.simulation.script()) }, { onEvent: (e) => events.push(e) });
    await call.start(run.agent);
    for (const line of example.simulation.caller) await call.say(line);
    await call.settled('the agent to finish', run.finished);
    const agentSaid = events.flatMap((e) => (e.type === 'agent' ? [e.text] : []));
    return { call, run, agentSaid };
  };

  test('with consent it offers help and the call goes on', async () => {
    const { call, run, agentSaid } = await runCall(consent);
    expect(run.report()).toEqual([['consent', true]]);
    expect(agentSaid.slice(1)).toEqual([
      'Thank you! How can I help you today?',
      "Of course. I've sent a link to update your delivery address to your email.",
    ]);
    expect(call.closed).toBe(false);
    await call.close();
  });

  test('without consent it says why and ends the call once that was said', async () => {
    const { call, run, agentSaid } = await runCall(consentDeclined);
    expect(run.report()).toEqual([['consent', false]]);
    expect(agentSaid.at(-1)).toMatch(/I can't continue without recording/);
    expect(call.closed).toBe(true);
  });

});
