import { describe, expect, it } from 'vitest';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { GetEmail } from 'react-agent-tasks/prebuilt';

describe('<GetEmail>', () => {
  it('records a spoken email and completes with it when confirmation is off', async () => {
    const flow = await renderWorkflow(<GetEmail />, {
      llm: scriptedLLM([
        { onEnter: /email address/, reply: 'What is your email?' },
        { user: 'john dot doe at gmail dot com', toolCalls: [{ name: 'update_email_address', args: { email: 'john dot doe at Gmail dot com' } }] },
      ]),
    });
    expect(flow.startup.messages).toEqual([{ role: 'assistant', text: 'What is your email?' }]);
    const turn = await flow.say('john dot doe at gmail dot com');
    console.log(turn.toolCalls, turn.completed, turn.error);
    expect(await flow.result).toEqual({ emailAddress: 'john.doe@gmail.com' });
  });
});
