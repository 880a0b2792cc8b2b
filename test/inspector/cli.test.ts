/** The command lines: `npm start -- --inspect`, `npm run graph`, and the worker's `--inspect`. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConversationView, ServerMessage } from 'react-agent-tasks/inspector';
import { describe, expect, onTestFinished, test } from 'vitest';
import { WebSocket } from 'ws';
import { DIAGRAMS } from '../../examples/cli/diagrams.js';
import { workerInspector } from '../../examples/cli/inspect.js';
import { exampleMermaid } from '../../examples/cli/readme-diagrams.js';
import { takeInspectFlag } from '../../examples/cli/worker-args.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');

function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(VITEST|OPENAI_|LIVEKIT_|NODE_OPTIONS$|EXAMPLE$|INSPECT_)/.test(key)));
  return { ...env, NO_COLOR: '1' };
}

/** Resolves with the first stdout line matching `pattern`. */
function lineMatching(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffered += chunk;
      const match = buffered.match(pattern);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}:\n${buffered}`)));
  });
}

function helloOf(url: string): Promise<ConversationView[]> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws').replace(/\/$/, '/live'));
    socket.once('message', (data) => {
      const [hello] = JSON.parse(String(data)) as ServerMessage[];
      socket.close();
      if (hello?.type === 'hello') resolve(hello.conversations);
      else reject(new Error(`expected hello first, got ${String(data)}`));
    });
    socket.once('error', reject);
  });
}

describe('npm start -- --inspect', () => {
  test('prints the inspector URL, runs the call into it, keeps the page open until Ctrl-C, then exits 0', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'inspect-cli-')), 'interviews.csv');
    const child = spawn(tsx, ['--conditions=source', 'examples/main.tsx', '--inspect', '0', '--pause', '0', '--csv', csv], { cwd: root, env: cleanEnv() });
    onTestFinished(() => void child.kill('SIGKILL'));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const [, url] = await lineMatching(child, /inspector: (http:\/\/127\.0\.0\.1:\d+\/) \(still open; Ctrl-C quits\)/);

    const [conversation, ...others] = await helloOf(url!);
    expect(others).toEqual([]);
    expect(conversation).toMatchObject({ title: 'survey (simulated)', status: 'finished' });
    const tree = conversation!.workflows[0]!.snapshot.root!;
    expect(tree.children.map((step) => `${step.id}: ${step.status} ${step.entries}×`)).toEqual([
      'intro: done 1×',
      'email: done 2×',
      'commute: done 2×',
      'experience: done 1×',
      'behavioral: done 1×',
    ]);
    expect(conversation!.transcript).toContainEqual({ kind: 'wentBack', from: 'commute', targets: ['email'] });

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('npm run graph', () => {
  const graph = (args: string[]) =>
    new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(tsx, ['--conditions=source', 'examples/cli/graph.tsx', ...args], { cwd: root, env: cleanEnv() }, (error, stdout, stderr) =>
        error ? reject(error) : resolve({ stdout, stderr }),
      );
    });

  test('prints an example diagram as Mermaid; another ending of a workflow draws that workflow', async () => {
    const [beyond, disqualified] = await Promise.all([graph(['--example', 'beyond']), graph(['-e', 'survey-disqualified'])]);
    expect(beyond).toEqual({ stdout: exampleMermaid(DIAGRAMS.beyond!), stderr: '' });
    expect(disqualified.stdout).toBe(exampleMermaid(DIAGRAMS.survey!));
  }, 60_000);
});

describe("the worker's --inspect", () => {
  test('takes --inspect, --inspect <port> or --inspect=<port> out of the arguments LiveKit sees', () => {
    const cases: Array<[string[], string | undefined, string[]]> = [
      [['dev', '--inspect'], '7788', ['dev']],
      [['dev', '--inspect', '9000', '--log-level', 'debug'], '9000', ['dev', '--log-level', 'debug']],
      [['--inspect=0', 'start'], '0', ['start']],
      [['--inspect', 'dev'], '7788', ['dev']],
      [['connect', '--room', 'r'], undefined, ['connect', '--room', 'r']],
    ];
    for (const [argv, port, rest] of cases) {
      expect(takeInspectFlag(argv), argv.join(' ')).toBe(port);
      expect(argv).toEqual(rest);
    }
  });

  test('a job process starts one inspector when INSPECT_PORT is set, and logs where it is', async () => {
    expect(workerInspector({})).toBeUndefined();
    const logged: string[] = [];
    const first = workerInspector({ INSPECT_PORT: '0' }, (line) => logged.push(line));
    const second = workerInspector({ INSPECT_PORT: '0' }, (line) => logged.push(line));
    expect(second).toBe(first);
    const inspector = await first!;
    onTestFinished(() => inspector.close());
    expect(logged).toEqual([`inspector: ${inspector.url}`]);
    expect(inspector.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});
