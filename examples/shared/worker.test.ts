import { isAgent, voice } from '@livekit/agents';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { WORKERS, missingCredentials, takeExampleFlag } from '../cli/worker-args.js';
import { EXAMPLES } from '../examples.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCheckpoint, memoryCheckpointStore } from 'react-agent-tasks/durable';
import { callCheckpoint, workerCheckpointStore } from './checkpoints.js';
import { deployedModels } from './worker.js';

describe('LiveKit workers', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('every worker entry exports an agent definition for an example the CLI knows', async () => {
    const names = EXAMPLES.map((example) => example.name);
    for (const [name, path] of Object.entries(WORKERS)) {
      expect(names).toContain(name);
      const module = (await import(new URL(`.${path}`, import.meta.url).href)) as { default: unknown };
      expect(isAgent(module.default), path).toBe(true);
    }
  });

  test('a deployed session uses LiveKit Inference models; env variables override them; it builds without a network', () => {
    expect(deployedModels({})).toEqual({ stt: 'deepgram/nova-3', llm: 'openai/gpt-4.1-mini', tts: 'cartesia/sonic-3' });
    expect(deployedModels({ LLM_MODEL: 'google/gemini-2.5-flash' }).llm).toBe('google/gemini-2.5-flash');
    // LiveKit Inference reads the project keys when the models are built; nothing connects yet.
    vi.stubEnv('LIVEKIT_API_KEY', 'placeholder');
    vi.stubEnv('LIVEKIT_API_SECRET', 'placeholder');
    const session = new voice.AgentSession({ ...deployedModels({}), userData: {} });
    expect([session.stt, session.llm, session.tts].every(Boolean)).toBe(true);
  });

  test('--example is taken out of the arguments LiveKit sees', () => {
    const argv = ['node', 'agent.tsx', 'dev', '--example', 'beyond', '--log-level', 'info'];
    expect(takeExampleFlag(argv)).toBe('beyond');
    expect(argv).toEqual(['node', 'agent.tsx', 'dev', '--log-level', 'info']);
    const inline = ['start', '--example=consent'];
    expect(takeExampleFlag(inline)).toBe('consent');
    expect(inline).toEqual(['start']);
    expect(takeExampleFlag(['dev'])).toBeUndefined();
  });

  test('keys are asked for only by the commands that connect, and flags count as given', () => {
    expect(missingCredentials(['--help'], {})).toEqual([]);
    expect(missingCredentials(['dev'], {})).toEqual(['LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET']);
    expect(missingCredentials(['start', '--api-key', 'k'], { LIVEKIT_API_SECRET: 's' })).toEqual([]);
  });

  test('a call is keyed on its caller: the SIP number however written, else the room metadata; a withheld number gets no key', () => {
    const store = memoryCheckpointStore();
    const sip = (number: string) => ({ participant: { attributes: { 'sip.phoneNumber': number, 'sip.trunkPhoneNumber': '+14155550199' } } });
    const key = callCheckpoint(store, sip('+1 (510) 555-0100'), 'survey', undefined, {}).key;
    expect(key).toMatch(/^survey:sip:[0-9a-f]{64}$/);
    expect(callCheckpoint(store, sip('15105550100'), 'survey', undefined, {}).key).toBe(key);
    expect(callCheckpoint(store, sip('15105550100'), 'survey', undefined, { CHECKPOINT_KEY_SECRET: 's' }).key).not.toBe(key);
    expect(callCheckpoint(store, { room: { metadata: '{"callerId":"c-42"}' } }, 'survey', undefined, {}).key).toMatch(/^survey:meta:/);
    expect(callCheckpoint(store, sip('anonymous'), 'survey', undefined, {}).key).toBeUndefined();
  });

  test('without CHECKPOINT_REDIS_URL the job processes share the file store in CHECKPOINT_DIR', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'worker-checkpoints-'));
    const store = await workerCheckpointStore({ CHECKPOINT_DIR: directory });
    const document = createCheckpoint({ workflowVersion: '1', completed: [] });
    expect(await store.put('k', document, { expectedRevision: 0 })).toBe(1);
    expect(await workerCheckpointStore({})).toBe(store); // one store per process
    await store.close();
  });
});
