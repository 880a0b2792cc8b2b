/**
 * Counts what one flavor's conversations construct (abort controllers, web streams, LiveKit
 * tasks, generateReply calls, React commits), per conversation: where the JSX layer adds work.
 *   NODE_ENV=production node --conditions=source --import tsx bench/count-allocs.tsx jsx 50
 */
import { createHook } from 'node:async_hooks';
import { initializeLogger, voice, llm } from '@livekit/agents';
import { type Flavor, converse } from './conversation.js';
import { surveyWorkload } from './workloads.js';

const counts = new Map<string, number>();
const bump = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
function countConstructor(owner: any, name: string) {
  const Original = owner[name];
  owner[name] = class extends Original {
    constructor(...args: any[]) {
      super(...args);
      bump(name);
    }
  };
}
function countMethod(proto: any, method: string, label: string) {
  const original = proto[method];
  proto[method] = function (this: unknown, ...args: unknown[]) {
    bump(label);
    return original.apply(this, args);
  };
}
for (const name of ['AbortController', 'ReadableStream', 'TransformStream', 'WritableStream']) countConstructor(globalThis, name);
const origAny = AbortSignal.any;
AbortSignal.any = (signals) => (bump('AbortSignal.any'), origAny.call(AbortSignal, signals));
countMethod(voice.AgentSession.prototype, 'generateReply', 'session.generateReply');
countMethod(voice.Agent.prototype, 'updateChatCtx', 'agent.updateChatCtx');
countMethod(voice.Agent.prototype, 'updateTools', 'agent.updateTools');
countMethod(llm.ChatContext.prototype, 'copy', 'chatCtx.copy');
countMethod(voice.AgentSession.prototype, 'updateAgent', 'session.updateAgent');
countMethod(voice.AgentSession.prototype, 'emit', 'session.emit');

// COUNT_ASYNC=1: every async resource too (promises above all: with LiveKit's AsyncLocalStorage
// each one costs a hook); it slows the run, so it is off unless asked for.
if (process.env.COUNT_ASYNC) createHook({ init: (_id, type) => bump(`async ${type}`) }).enable();
initializeLogger({ pretty: false, level: 'error' });
const flavor = (process.argv[2] ?? 'jsx') as Flavor;
const conversations = Number(process.argv[3] ?? 50);
const work = surveyWorkload();
for (let i = 0; i < conversations; i++) await converse(flavor, work, { close: 'now' });
for (const [name, count] of [...counts].sort()) console.log(`${(count / conversations).toFixed(2).padStart(8)}  ${name}`);
process.exit(0);
