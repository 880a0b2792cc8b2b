import { isAgent, voice } from '@livekit/agents';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { WORKERS, missingCredentials, takeExampleFlag } from '../cli/worker-args.js';
import { EXAMPLES } from '../examples.js';
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
});
