import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an OpenAI-compatible server on localhost, for testing `--live --base-url`
 * without a network: every chat completion streams `reply(lastUserText)` back as one chunk.
 */
export async function startFakeOpenAIServer(reply: (lastUserText: string | undefined) => string): Promise<{ url: string; close(): Promise<void>; requests: number }> {
  const state = { requests: 0 };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      state.requests++;
      const messages = (JSON.parse(body || '{}') as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
      const lastUser = [...messages].reverse().find((message) => message.role === 'user');
      const text = reply(typeof lastUser?.content === 'string' ? lastUser.content : undefined);
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'fake', object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(chunk({ role: 'assistant', content: text }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
