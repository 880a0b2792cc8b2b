/**
 * The inspector's server: who may connect, and what it sends while a real AgentSession (scripted
 * model) runs a workflow — live, masked where a step is sensitive.
 */
import { request } from 'node:http';
import { Task, TaskGroup, createAgent, useOnEnter, useTool } from 'react-agent-tasks';
import { type Inspector, MASK, type ServerMessage, type StepSnapshot, startInspector } from 'react-agent-tasks/inspector';
import { renderAgent, scriptedLLM } from 'react-agent-tasks/testing';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { type FeedState, feedReducer, initialFeed } from '../../src/inspector/page/feed-reducer.js';

const TOKEN = 'a-long-enough-test-token-0123456789';
let inspector: Inspector | undefined;

afterEach(async () => {
  await inspector?.close();
  inspector = undefined;
});

async function start(options: Parameters<typeof startInspector>[0] = {}): Promise<Inspector> {
  inspector = await startInspector(options);
  return inspector;
}

/** A GET with the headers a browser (or an attacker's page) would send. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the live feed; resolves with the HTTP status the upgrade was refused with, or 101. */
function connect(url: string, headers: Record<string, string> = {}): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    // A refused upgrade also reports an error; the status is what the test looks at.
    socket.on('error', () => {});
    socket.once('open', () => resolve({ status: 101, socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      socket.terminate();
    });
  });
}

const liveUrl = (pageUrl: string) => pageUrl.replace(/^http/, 'ws').replace('/?', '/live?').replace(/\/$/, '/live');

describe('who may connect', () => {
  test('anything but loopback without a token is refused at once, as is a short token', () => {
    expect(() => startInspector({ host: '0.0.0.0' })).toThrow(/^react-agent-tasks: startInspector\(\) would listen on 0\.0\.0\.0 without a token\. Pass \{ token \}/);
    expect(() => startInspector({ token: 'short' })).toThrow(/^react-agent-tasks: startInspector\(\) was given a token of 5 characters\. Use a random token of at least 16/);
  });

  test('on 127.0.0.1: the page and its script load; a request addressed to another host name (DNS rebinding) or a feed opened from another origin is refused', async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="/app.js"></script>');
    const script = await get(`${url}app.js`);
    expect(script.status).toBe(200);
    expect(script.body.length).toBeGreaterThan(10_000);
    expect((await get(url, { host: 'rebound.example:80' })).status).toBe(403);
    expect((await connect(liveUrl(url), { origin: 'http://evil.example' })).status).toBe(403);
    const own = await connect(liveUrl(url), { origin: url.replace(/\/$/, '') });
    expect(own.status).toBe(101);
    own.socket!.close();
  });

  test('with a token every request needs it: the page, its script and the feed', async () => {
    const { url } = await start({ token: TOKEN });
    expect(url).toBe(`${url.split('?')[0]}?token=${TOKEN}`);
    const bare = url.split('?')[0]!;
    expect((await get(bare)).status).toBe(401);
    expect((await get(`${bare}?token=${TOKEN.replace('a', 'b')}`)).status).toBe(401);
    expect((await get(`${bare}app.js`)).status).toBe(401);
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`src="/app.js?token=${TOKEN}"`);
    expect((await get(`${bare}app.js`, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await connect(`${liveUrl(bare)}`)).status).toBe(401);
    const feed = await connect(liveUrl(url));
    expect(feed.status).toBe(101);
    feed.socket!.close();
  });
});

/** A live feed, reduced as the page reduces it; `until` waits for a fact about it. */
function follow(url: string) {
  let state: FeedState = initialFeed;
  const frames: string[] = [];
  const waiters = new Set<() => void>();
  const socket = new WebSocket(liveUrl(url));
  socket.on('message', (data) => {
    frames.push(String(data));
    state = feedReducer(state, { type: 'messages', messages: JSON.parse(String(data)) as ServerMessage[] });
    for (const check of [...waiters]) check();
  });
  onTestFinished(() => socket.close());
  return {
    frames,
    get state() {
      return state;
    },
    until(fact: (state: FeedState) => boolean): Promise<FeedState> {
      return new Promise((resolve) => {
        const check = () => {
          if (!fact(state)) return;
          waiters.delete(check);
          resolve(state);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

function Ask({ question, tool }: { question: string; tool: string }) {
  useOnEnter(({ session }) => {
    session.generateReply({ instructions: question });
  });
  useTool(tool, {
    description: `Saves the answer (${tool}).`,
    parameters: z.object({ value: z.string() }),
    execute: ({ value }, { complete }) => complete(value),
  });
  return null;
}

function SignUp() {
  return (
    <TaskGroup summarize={false}>
      <Task id="name" description="Collects the name">
        <Ask question="Ask for the name." tool="save_name" />
      </Task>
      <Task id="pin" description="Collects a PIN" sensitive>
        <Ask question="Ask for a PIN." tool="save_pin" />
      </Task>
      <Task id="email" description="Collects the email">
        <Ask question="Ask for the email." tool="save_email" />
      </Task>
    </TaskGroup>
  );
}

const script = scriptedLLM([
  { onEnter: 'Ask for the name.', reply: 'What is your name?' },
  { onEnter: 'Ask for a PIN.', reply: 'Please choose a PIN.' },
  { onEnter: 'Ask for the email.', reply: 'And your email?' },
  { user: 'Eve', toolCalls: [{ name: 'save_name', args: { value: 'Eve' } }] },
  { user: '4321', toolCalls: [{ name: 'save_pin', args: { value: '4321' } }] },
  { afterTool: 'save_pin', reply: 'PIN 4321 saved.' },
  { user: /change my name/, toolCalls: [{ name: 'out_of_scope', args: { task_ids: ['name'] } }] },
  { user: 'Evelyn', toolCalls: [{ name: 'save_name', args: { value: 'Evelyn' } }] },
  { user: 'eve@example.com', toolCalls: [{ name: 'save_email', args: { value: 'eve@example.com' } }] },
]);

const results = (root: StepSnapshot | null) =>
  Object.fromEntries((root?.children ?? []).map((step) => [step.id, step.hasResult ? ('result' in step ? step.result : MASK) : undefined]));

describe('the live feed of a real session', () => {
  test('follows the workflow turn by turn: the tree, the step holding the session, results and transcript, with the sensitive step masked', async () => {
    const { url } = await start();
    const feed = follow(url);
    await feed.until(() => feed.frames.length > 0); // hello

    const agent = createAgent(<SignUp />, { instructions: 'You sign people up.', onEvent: inspector!.onEvent });
    const call = await renderAgent(agent, { llm: script });
    const holding = (path: string) => (s: FeedState) => s.conversations[0]?.workflows[0]?.snapshot.activeTask?.path === path;

    let state = await feed.until(holding('name'));
    expect(state.conversations).toHaveLength(1);
    await call.say('Eve');
    state = await feed.until(holding('pin'));
    await call.say('4321');
    state = await feed.until(holding('email'));
    await call.say('Actually, change my name');
    state = await feed.until(holding('name'));
    expect(state.conversations[0]!.workflows[0]!.snapshot.root!.children.map((s) => `${s.id} ${s.status} ${s.entries}`)).toEqual([
      'name active 2',
      'pin done 1',
      'email pending 1',
    ]);
    await call.say('Evelyn');
    await feed.until(holding('email'));
    await call.say('eve@example.com');
    state = await feed.until((s) => s.conversations[0]?.workflows[0]?.snapshot.finished === true);

    const [conversation] = state.conversations;
    const snapshot = conversation!.workflows[0]!.snapshot;
    expect(snapshot.root!.status).toBe('done');
    expect(snapshot.activeTask).toBeNull();
    expect(results(snapshot.root)).toEqual({ name: 'Evelyn', pin: MASK, email: 'eve@example.com' });

    const lines = conversation!.transcript.map((entry) => {
      switch (entry.kind) {
        case 'message':
          return `${entry.role}: ${entry.text}`;
        case 'tool':
          return `tool ${entry.name}(${entry.args}) → ${entry.output}`;
        case 'entered':
          return `entered ${entry.path}${entry.sensitive ? ' (sensitive)' : ''}`;
        case 'wentBack':
          return `back to ${entry.targets.join(',')} from ${entry.from}`;
        default:
          return entry.kind;
      }
    });
    expect(lines).toEqual([
      'entered name',
      'assistant: What is your name?',
      'user: Eve',
      'tool save_name({"value":"Eve"}) → ',
      'entered pin (sensitive)',
      `assistant: ${MASK}`,
      `user: ${MASK}`,
      `tool save_pin(${MASK}) → ${MASK}`,
      'entered email',
      `assistant: ${MASK}`,
      'user: Actually, change my name',
      'back to name from email',
      'tool out_of_scope({"task_ids":["name"]}) → ',
      'entered name',
      'assistant: What is your name?',
      'user: Evelyn',
      'tool save_name({"value":"Evelyn"}) → ',
      'entered email',
      'assistant: And your email?',
      'user: eve@example.com',
      'tool save_email({"value":"eve@example.com"}) → ',
    ]);
    // What a sensitive step heard never left the process, in any frame.
    expect(feed.frames.join('\n')).not.toContain('4321');

    await call.close();
    state = await feed.until((s) => s.conversations[0]?.status === 'finished');
    expect(state.conversations[0]!.transcript.at(-1)).toMatchObject({ kind: 'closed' });
  });

  test('keeps the newest finished conversations only (keepFinished): the page is told which went', async () => {
    const { url } = await start({ keepFinished: 1 });
    const feed = follow(url);
    await feed.until(() => feed.frames.length > 0);
    for (const title of ['first', 'second']) {
      const agent = createAgent(<SignUp />, { instructions: 'You sign people up.' });
      const call = await renderAgent(agent, { llm: scriptedLLM([{ onEnter: 'Ask for the name.', reply: 'What is your name?' }]) });
      inspector!.attach(call.session, { title });
      await call.close();
    }
    // The first call alone, finished, is a state on the way (the kit closes a session in milliseconds).
    const state = await feed.until((s) => s.conversations.length === 1 && s.conversations[0]!.title === 'second' && s.conversations[0]!.status === 'finished');
    expect(state.conversations.map((c) => c.title)).toEqual(['second']);
    expect(feed.frames.join('\n')).toContain('"type":"removed","id":"1"');
  });
});
