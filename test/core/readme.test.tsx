/** The README's example runs as written. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderWorkflow, scriptedLLM } from 'react-agent-tasks/testing';
import { voice } from '@livekit/agents';
import { vi } from 'vitest';
import { Interview, InterviewAgent } from '../fixtures/readme-interview.js';

const script = () =>
  scriptedLLM([
    { onEnter: 'ask for consent to record', reply: 'Hi! May I record this interview?' },
    { user: 'Sure.', toolCalls: [{ name: 'consent_given', args: {} }] },
    { user: 'No thanks.', toolCalls: [{ name: 'consent_denied', args: {} }] },
    { user: 'I am Ada.', toolCalls: [{ name: 'record_name', args: { name: 'Ada' } }] },
    { user: 'Understood.', toolCalls: [{ name: 'notice_acknowledged', args: {} }] },
    { summary: true, reply: 'Ada consented to recording.' },
  ]);

describe('README example', () => {
  test('its code is the code this test runs', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL('../fixtures/readme-interview.tsx', import.meta.url), 'utf8');
    const quoted = (name: string) => source.slice(source.indexOf(`function ${name}(`)).split('\n}\n')[0];
    for (const name of ['CollectConsent', 'InterviewSteps']) expect(readme).toContain(quoted(name));
    const definitions = source.slice(source.indexOf('const consent ='), source.indexOf('function CollectConsent(')).trimEnd();
    expect(readme).toContain(definitions);
    const agent = source.slice(source.indexOf('class InterviewAgent')).trimEnd();
    expect(readme).toContain(agent);
  });

  test('with consent, the recording notice step appears', async () => {
    const log: unknown[][] = [];
    const flow = await renderWorkflow(<Interview log={(...args) => log.push(args)} />, { llm: script() });
    expect(flow.startup.messages[0]?.text).toBe('Hi! May I record this interview?');
    await flow.say('Sure.');
    await flow.say('I am Ada.');
    expect(flow.activeTask?.id).toBe('recording_notice');
    await flow.say('Understood.');
    expect(await flow.result).toEqual({ taskResults: { consent: true, intro: { name: 'Ada' }, recording_notice: true } });
    expect(log).toEqual([
      ['consent', true],
      ['intro', { name: 'Ada' }],
      ['recording_notice', true],
    ]);
  });

  test('without consent, it is skipped', async () => {
    const flow = await renderWorkflow(<Interview log={() => {}} />, { llm: script() });
    await flow.say('No thanks.');
    await flow.say('I am Ada.');
    expect(await flow.result).toEqual({ taskResults: { consent: false, intro: { name: 'Ada' } } });
  });
});

describe('README agent class', () => {
  test('runs as written on a plain LiveKit session', async () => {
    const logs: unknown[][] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => void logs.push(args));
    const model = script();
    const session = new voice.AgentSession({ llm: model, userData: {} });
    model.attach(session);
    // Readiness as a fact: the task holds the session (LiveKit adds a hand-off item) and the agent listens.
    const ready = (id: string) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (session.currentAgent.id !== id || session.agentState !== 'listening') return;
          session.off(voice.AgentSessionEventTypes.AgentStateChanged, check);
          session.off(voice.AgentSessionEventTypes.ConversationItemAdded, check);
          resolve();
        };
        session.on(voice.AgentSessionEventTypes.AgentStateChanged, check);
        session.on(voice.AgentSessionEventTypes.ConversationItemAdded, check);
        check();
      });
    await session.start({ agent: new InterviewAgent() });
    await ready('consent');
    await session.run({ userInput: 'No thanks.' }).wait();
    await ready('intro');
    await session.run({ userInput: 'I am Ada.' }).wait();
    const done = new Promise<void>((resolve) => {
      const check = () => logs.some((args) => args[0] === 'interview done') && resolve();
      log.mockImplementation((...args) => {
        logs.push(args);
        check();
      });
      check();
    });
    await done;
    log.mockRestore();
    expect(logs).toEqual([
      ['consent', false],
      ['intro', { name: 'Ada' }],
      ['interview done', { consent: false, intro: { name: 'Ada' } }],
    ]);
    await session.close();
  });
});
