/**
 * Child process of the resume kill test: runs the application's call (a real AgentSession and the
 * scripted model, offline) against the embedded file store, resuming whatever checkpoint the key
 * holds, until the workflow ends, unless the parent kills it first.
 *
 *   node --conditions=source --import tsx call-child.tsx <directory> <key>
 *
 * Lines on stdout, each written synchronously (printed means it happened):
 *   ready · started <resume info> · said <path> <text> · entered <path> · welcome-back … ·
 *   completed <id> · tool <name> · saving <doc> · saved <doc> · deleting · deleted ·
 *   result <json> · stored <json|none>
 * After `saved` and `tool` the child waits for a `go` line on stdin: a kill there lands between
 * steps (the checkpoint saved, the next step not started) or inside a tool.
 */
// No test runner here: React updates flush the normal way.
globalThis.IS_REACT_ACT_ENVIRONMENT = false;
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { initializeLogger } from '@livekit/agents';
import { openFileCheckpointStore, type CheckpointDocument, type CheckpointStore } from 'react-agent-tasks/durable';
import { startCall, talk } from '../call.js';

initializeLogger({ pretty: false, level: 'fatal' });
const [directory, key] = process.argv.slice(2);
if (!directory || !key) throw new Error('usage: call-child.tsx <directory> <key>');

const say = (line: string) => writeSync(1, `${line}\n`);

const goes: Array<() => void> = [];
let buffered = 0;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line !== 'go') return;
  const waiting = goes.shift();
  if (waiting) waiting();
  else buffered++;
});
/** Waits for the parent's `go`. */
function pause(): Promise<void> {
  if (buffered > 0) {
    buffered--;
    return Promise.resolve();
  }
  return new Promise((resolve) => goes.push(resolve));
}

const summary = (document: CheckpointDocument) => JSON.stringify({ completed: document.completed.map((step) => step.path), inProgress: document.inProgress?.path ?? null });

const files = await openFileCheckpointStore({ directory });
/** The real store, reporting each write as it starts and once it is stored. */
const store: CheckpointStore = {
  get: (k) => files.get(k),
  async put(k, document, options) {
    say(`saving ${summary(document)}`);
    const revision = await files.put(k, document, options);
    say(`saved ${summary(document)}`);
    await pause();
    return revision;
  },
  async delete(k, options) {
    say('deleting');
    const removed = await files.delete(k, options);
    say('deleted');
    return removed;
  },
  close: () => files.close(),
};

say('ready');
const call = await startCall({
  checkpoint: { store, key },
  hooks: {
    log: say,
    pause: async () => {
      await pause();
    },
  },
});
const resumed = call.handle.workflow?.resumed ?? null;
say(`started ${JSON.stringify(resumed && { restored: resumed.restored, askAgain: resumed.askAgain, interrupted: resumed.interrupted })}`);
await talk(call, Number.POSITIVE_INFINITY, (path, text) => say(`said ${path} ${text}`));
say(`result ${JSON.stringify(await call.result)}`);
const left = await files.get(key);
say(`stored ${left ? summary(left.document) : 'none'}`);
await call.handle.close();
await files.close();
process.exit(0);
