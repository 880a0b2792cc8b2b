import { Task, TaskGroup, type TaskGroupResult, useOnEnter } from 'react-agent-tasks';
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
  function OfferHelp() {
    useOnEnter(({ session, complete }) => {
      session.generateReply({ instructions: 'Offer your assistance to the user.' });
      complete('offered');
    });
    return null;
  }

  const call = (endGroupOnDecline: boolean) => (
    <TaskGroup summarize={false}>
      <CollectConsent endGroupOnDecline={endGroupOnDecline} />
      <Task id="help" description="Offers help">
        <OfferHelp />
      </Task>
    </TaskGroup>
  );

  test.each<[string, boolean, TaskGroupResult]>([
    ['Sure, go ahead.', true, { taskResults: { consent: true, help: 'offered' } }],
    ['No, thanks.', true, { taskResults: { consent: false }, endedBy: 'consent' }],
    ['No, thanks.', false, { taskResults: { consent: false, help: 'offered' } }],
  ])('in a group, %s with endGroupOnDecline=%s → %j', async (answer, endGroupOnDecline, result) => {
    const flow = await renderWorkflow(call(endGroupOnDecline), { llm: scriptedLLM(consent.simulation.script()) });
    // The model is offered the seed's two tools, in the seed's order, whichever decline it is.
    expect(Object.keys(flow.session.currentAgent.toolCtx.functionTools).filter((name) => name.startsWith('consent_'))).toEqual([
      'consent_given',
      'consent_denied',
    ]);
    const turn = await flow.say(answer);
    expect(turn.toolCalls[0]).toMatchObject({ isError: false });
    expect(await flow.result).toEqual(result);
    expect(flow.tree()).toContain(result.endedBy ? 'task help: pending' : 'task help: done');
  });

  test('endGroupOnDecline outside a group is a misuse error that says how to fix it', async () => {
    // The first render fails, so renderWorkflow itself rejects with the misuse error.
    await expect(renderWorkflow(<CollectConsent endGroupOnDecline />, { llm: scriptedLLM(consent.simulation.script()) })).rejects.toThrow(
      /^react-agent-tasks: useEndGroup\(\) was called in <Task id="consent">, which is not inside a <TaskGroup>.*useComplete\(\)/,
    );
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
