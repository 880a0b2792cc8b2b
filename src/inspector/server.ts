import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { voice } from '@livekit/agents';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { misuse } from '../model/errors.js';
import type { Workflow, WorkflowEvent } from '../index.js';
import { Conversation, type ConversationListener } from './conversation.js';
import { pageScript } from './page-bundle.js';
import type { ServerMessage, TranscriptEntry } from './protocol.js';

/** Options of {@link startInspector}. */
export interface InspectorOptions {
  /** The port to listen on; default 0, any free port (see `url`). */
  port?: number;
  /** The address to listen on; default `127.0.0.1`. Anything but a loopback address needs a `token`. */
  host?: string;
  /** Required on every request (`?token=` or `Authorization: Bearer`); required off loopback. */
  token?: string;
  /** Finished conversations kept for the page; the oldest go first. Default 100. */
  keepFinished?: number;
}

/** A conversation the inspector follows. */
export interface InspectedConversation {
  readonly id: string;
  /** Pass as `onEvent` to runTask/createAgent (`inspector.onEvent` does the same for any session). */
  onEvent(event: WorkflowEvent, workflow: Workflow): void;
  /** Stops following the session; what was seen stays on the page. */
  detach(): void;
}

/** A running inspector: a local web page showing conversations live. */
export interface Inspector {
  /** The page's address, with the token when there is one. */
  readonly url: string;
  /** Follows a session from now on: its transcript, and the workflows whose events reach `onEvent`. */
  attach(session: voice.AgentSession<any>, options?: { title?: string }): InspectedConversation;
  /** Pass as `onEvent` to runTask/createAgent; a session not attached yet is attached on its first event. */
  onEvent(event: WorkflowEvent, workflow: Workflow): void;
  /** Closes the page's connections and the server; conversations stop being followed. */
  close(): Promise<void>;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;
const MIN_TOKEN_LENGTH = 16;

const digest = (text: string) => createHash('sha256').update(text).digest();

function requestToken(request: FastifyRequest): string | undefined {
  const query = (request.query as { token?: unknown }).token;
  if (typeof query === 'string') return query;
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function page(scriptSrc: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>react-agent-tasks inspector</title>
<link rel="icon" href="data:,">
</head>
<body>
<div id="root"></div>
<script type="module" src="${scriptSrc}"></script>
</body>
</html>
`;
}

/**
 * Starts the inspector: a local web page (React DOM) that shows running and finished
 * conversations live — the tree with each step's state and entry count, the step holding the
 * session, the collected results and the transcript with tool calls and go-backs. Values said or
 * collected while a sensitive step runs are masked before they leave this process.
 *
 * It listens on 127.0.0.1 and checks that requests are addressed to it there (no DNS rebinding);
 * any other host requires a `token`.
 *
 * @example
 * const inspector = await startInspector();
 * inspector.attach(session, { title: 'interview' });
 * await session.start({ agent: createAgent(<Interview />, { onEvent: inspector.onEvent }) });
 * console.log(`inspector: ${inspector.url}`);
 */
export function startInspector(options: InspectorOptions = {}): Promise<Inspector> {
  const host = options.host ?? '127.0.0.1';
  const { token } = options;
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw misuse('startInspector()', `was given a token of ${token.length} characters`, `Use a random token of at least ${MIN_TOKEN_LENGTH} characters, e.g. crypto.randomUUID().`);
  }
  if (!LOOPBACK.test(host) && token === undefined) {
    throw misuse('startInspector()', `would listen on ${host} without a token`, 'Pass { token } (anyone who can reach the address would see the conversations), or listen on 127.0.0.1.');
  }
  return listen(host, options);
}

async function listen(host: string, options: InspectorOptions): Promise<Inspector> {
  const { token, keepFinished = 100 } = options;
  const script = await pageScript();
  const app = Fastify({ logger: false });
  await app.register(websocket);

  const clients = new Set<WebSocket>();
  const conversations = new Map<string, Conversation>();
  const bySession = new WeakMap<voice.AgentSession<any>, Conversation>();
  let outbox: ServerMessage[] = [];
  let count = 0;
  let closed = false;

  const flush = () => {
    const batch = outbox;
    outbox = [];
    if (batch.length === 0 || clients.size === 0) return;
    const frame = JSON.stringify(batch);
    for (const client of clients) client.send(frame);
  };
  // Events come in bursts (a step ends, the next enters): one frame per burst.
  const send = (message: ServerMessage) => {
    if (closed) return;
    if (outbox.length === 0) queueMicrotask(flush);
    outbox.push(message);
  };

  const listener: ConversationListener = {
    changed(conversation) {
      const at = outbox.findIndex((m) => m.type === 'conversation' && m.conversation.id === conversation.id);
      const message: ServerMessage = { type: 'conversation', conversation: conversation.summary() };
      if (at >= 0) outbox[at] = message;
      else send(message);
      if (conversation.status === 'finished') forgetOldFinished();
    },
    appended(conversation, from, entries: TranscriptEntry[]) {
      const last = outbox[outbox.length - 1];
      if (last?.type === 'transcript' && last.id === conversation.id && last.from + last.entries.length === from) last.entries.push(...entries);
      else send({ type: 'transcript', id: conversation.id, from, entries });
    },
  };

  const forgetOldFinished = () => {
    const finished = [...conversations.values()].filter((c) => c.status === 'finished');
    for (const conversation of finished.slice(0, Math.max(0, finished.length - keepFinished))) {
      conversation.detach();
      conversations.delete(conversation.id);
      send({ type: 'removed', id: conversation.id });
    }
  };

  const follow = (session: voice.AgentSession<any> | undefined, title?: string): Conversation => {
    const id = String(++count);
    const conversation = new Conversation(id, title ?? `Conversation ${id}`, listener);
    conversations.set(id, conversation);
    if (session) {
      bySession.set(session, conversation);
      if (!closed) conversation.attachSession(session);
    }
    listener.changed(conversation);
    return conversation;
  };

  const port = () => (app.server.address() as AddressInfo).port;
  const allowedHosts = () => new Set([host, '127.0.0.1', 'localhost', '[::1]', host.includes(':') ? `[${host}]` : host].map((name) => `${name}:${port()}`));
  const expectedToken = token === undefined ? undefined : digest(token);

  app.addHook('onRequest', async (request, reply) => {
    const given = requestToken(request);
    if (expectedToken) {
      if (given === undefined || !timingSafeEqual(digest(given), expectedToken)) return reply.code(401).type('text/plain').send('A valid token is required.');
    } else if (!allowedHosts().has(request.headers.host ?? '')) {
      // A page elsewhere can point a name at 127.0.0.1; it cannot make the Host header say 127.0.0.1.
      return reply.code(403).type('text/plain').send('Open the inspector at its 127.0.0.1 address.');
    }
    const origin = request.headers.origin;
    if (request.ws && origin !== undefined && origin !== `http://${request.headers.host}`) {
      return reply.code(403).type('text/plain').send('Cross-origin connections are refused.');
    }
  });

  const withToken = (path: string) => (token === undefined ? path : `${path}?token=${encodeURIComponent(token)}`);
  app.get('/', (_request, reply) => {
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:")
      .send(page(withToken('/app.js')));
  });
  app.get('/app.js', (_request, reply) => {
    reply.type('text/javascript; charset=utf-8').send(script);
  });
  app.get('/live', { websocket: true }, (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.send(JSON.stringify([{ type: 'hello', conversations: [...conversations.values()].map((c) => c.view()) }] satisfies ServerMessage[]));
  });

  await app.listen({ host, port: options.port ?? 0 });
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port()}${withToken('/')}`,
    attach(session, { title } = {}) {
      const conversation = bySession.get(session) ?? follow(session, title);
      return { id: conversation.id, onEvent: conversation.onEvent, detach: () => conversation.detach() };
    },
    onEvent(event, workflow) {
      (bySession.get(workflow.session) ?? follow(workflow.session)).onEvent(event, workflow);
    },
    async close() {
      if (closed) return;
      closed = true;
      outbox = [];
      for (const conversation of conversations.values()) conversation.detach();
      for (const client of clients) client.terminate();
      await app.close();
    },
  };
}
