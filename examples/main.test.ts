/** The CLIs as a user runs them: a few spawned processes, each a whole run. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { MISSING_MODEL } from './cli/live.js';
import { EXAMPLES } from './examples.js';
import { startFakeOpenAIServer } from './shared/fake-openai-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/**
 * Each run is a fresh process that loads LiveKit, tsx and the example (≈ 3 s of CPU on its own).
 * CI runs these while other test files use both cores, where one run took over 20 s: the limits
 * are for a process that hangs, not for a slow machine.
 */
const PROCESS_LIMIT_MS = 100_000;
const TEST_LIMIT_MS = PROCESS_LIMIT_MS + 20_000;

const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The user's environment, minus what would change the run: the test runner's flags, API keys. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|OPENAI_|LIVEKIT_|NODE_OPTIONS$|EXAMPLE$)/.test(key)));
  return { ...env, NO_COLOR: '1' };
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a binary of node_modules/.bin from the repo's root, as a user's shell would, with `input` on stdin. */
function runBin(bin: string, args: string[], input = ''): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(join(root, 'node_modules/.bin', bin), args, { cwd: root, env: cleanEnv(), timeout: PROCESS_LIMIT_MS }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

/** `npm run <script> -- args`, minus npm itself (whose own warnings would muddle stderr). */
function run(script: 'start' | 'agent', args: string[], input = ''): Promise<Ran> {
  const [bin, ...scriptArgs] = scripts[script]!.split(' ') as [string, ...string[]];
  return runBin(bin, [...scriptArgs, ...args], input);
}

describe.concurrent('npm start', { timeout: TEST_LIMIT_MS }, () => {
  test('runs the whole interview offline, prints it as plain text when piped, writes the CSV, exits 0', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'cli-')), 'interviews.csv');
    const { code, stdout, stderr } = await run('start', ['--csv', csv]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/\u001b\[/);
    expect(stdout).toContain("caller: Hi, I'm Jane Doe.");
    expect(stdout).toContain('agent: Nice to meet you, Jane.');
    expect(stdout).toContain('tool: out_of_scope({"task_ids":["email"]})');
    expect(stdout).toContain('went back: going back to email (from commute)');
    expect(stdout).toContain('    task email: active, entered 2×');
    expect(stdout).toMatch(/evaluation: Advance:/);
    expect(stdout).toContain(`csv: ${csv}`);
    expect(existsSync(csv)).toBe(true);
  });

  test('--live without OPENAI_API_KEY or --base-url exits with one line saying what to set', async () => {
    const { code, stdout, stderr } = await run('start', ['--live']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${MISSING_MODEL}\n`);
  });

  test('--live --base-url: typed lines go through the OpenAI plugin to the server, its replies come back; end of input hangs up', async () => {
    const server = await startFakeOpenAIServer((text) => (text ? `You said: ${text}` : 'Hello! May I record this call?'));
    try {
      const { code, stdout, stderr } = await run('start', ['--live', '--base-url', server.url, '--model', 'any', '-e', 'consent'], 'Hi there.\n');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toContain('agent: Hello! May I record this call?\ncaller: Hi there.\nagent: You said: Hi there.\n');
      expect(stdout).toContain('call ended: user_initiated');
    } finally {
      await server.close();
    }
  });

  test('--help lists every example', async () => {
    const { code, stdout } = await run('start', ['--help']);
    expect(code).toBe(0);
    for (const example of EXAMPLES) expect(stdout).toContain(`  ${example.name.padEnd(18)} ${example.summary}`);
  });
});

/** A worker entry run directly, as README says one can: `npx tsx --conditions=source examples/<name>/agent.tsx dev`. */
function runEntry(entry: string, args: string[]): Promise<Ran> {
  return runBin('tsx', ['--conditions=source', join(root, entry), ...args]);
}

describe.concurrent('npm run agent', { timeout: TEST_LIMIT_MS }, () => {
  test('without LiveKit keys it exits with one line saying what to set', async () => {
    const { code, stderr } = await run('agent', ['dev', '--example', 'consent']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Set LIVEKIT_API_KEY and LIVEKIT_API_SECRET /)]);
  });

  test('an entry run directly without keys says the same one line, not a stack trace', async () => {
    const { code, stderr } = await runEntry('examples/survey/agent.tsx', ['dev']);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Set LIVEKIT_API_KEY and LIVEKIT_API_SECRET /)]);
  });

  test('--help lists --example and --inspect, then LiveKit\'s own commands', async () => {
    const { code, stdout } = await run('agent', ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}--example <name> {3}the example to serve: survey, consent, onboarding, beyond, seed/m);
    expect(stdout).toMatch(/^ {2}--inspect \[port\]/m);
    expect(stdout.indexOf("LiveKit's CLI:")).toBeLessThan(stdout.indexOf('Start the worker in production mode'));
  });
});
