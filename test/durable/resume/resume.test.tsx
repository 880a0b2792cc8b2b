/**
 * A dropped call resumes where it stopped: in one process, with the memory store (a real JSON
 * round trip) and real sessions driven by the scripted caller of application.tsx.
 */
import { randomBytes } from 'node:crypto';
import { type llm, voice } from '@livekit/agents';
import { type CheckpointOptions, Task, TaskGroup, WorkflowClosedError, createAgent, runTask, useOnEnter, useResumed } from 'react-agent-tasks';
import { renderAgent, scriptedLLM } from 'react-agent-tasks/testing';
import {
  CheckpointConflictError,
  CheckpointCorruptError,
  createCheckpoint,
  memoryCheckpointStore,
} from 'react-agent-tasks/durable';
import { describe, expect, it } from 'vitest';
import { RESUMED_NOTE } from '../../../src/engine/checkpointing.js';
import { Application, FINAL_RESULT, NEW_EMAIL, OLD_EMAIL } from './application.js';
import { type CallOptions, startCall, talk } from './call.js';
import { spyStore } from './spy-store.js';

const KEY = 'call:test';

function recorder() {
  const lines: string[] = [];
  return { lines, hooks: { log: (line: string) => void lines.push(line) } };
}

/** A call that drops (the session closes) after the caller's first `turns` answers. */
async function drop(checkpoint: CheckpointOptions, turns: number, options: Omit<CallOptions, 'checkpoint'> = {}) {
  const call = await startCall({ ...options, checkpoint });
  await talk(call, turns);
  await call.handle.close();
  await expect(call.result).rejects.toBeInstanceOf(WorkflowClosedError);
}

/** A task that only greets: enough to hold the session. */
function Answer() {
  useOnEnter(({ session }) => void session.generateReply({ instructions: 'Ask.' }));
  return null;
}

/** The paths of the tasks entered, in order, from a recorder's lines. */
const entered = (lines: string[]) => lines.filter((line) => line.startsWith('entered ')).map((line) => line.slice('entered '.length));

/** The text of each user and assistant message and the system notes after the instructions. */
function conversation(chatCtx: llm.ChatContext): string[] {
  return chatCtx.items.flatMap((item) =>
    item.type === 'message' && item.textContent && item.id !== chatCtx.items[0]?.id ? [`${item.role}: ${item.textContent}`] : [],
  );
}

describe('a dropped call', () => {
  it('uninterrupted: saves before each task, the final result, and deletes the checkpoint at the end', async () => {
    const store = memoryCheckpointStore();
    const saved: number[] = [];
    const call = await startCall({ checkpoint: { store, key: KEY, onSaved: ({ revision }) => void saved.push(revision) } });
    await talk(call);
    expect(await call.result).toEqual(FINAL_RESULT);
    // name, email, consent, notice, pin, street, city, (going back) email, city, then each group's end.
    expect(saved).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('resumes on a new session: finished steps are not asked again, the interrupted one starts afresh', async () => {
    const store = memoryCheckpointStore();
    const first = recorder();
    const dropped = await startCall({ checkpoint: { store, key: KEY }, hooks: first.hooks });
    await talk(dropped, 3); // name, email (old), consent → the notice is being asked
    expect(dropped.handle.activeTask?.path).toBe('notice');
    await dropped.handle.close();
    await expect(dropped.result).rejects.toBeInstanceOf(WorkflowClosedError);

    const checkpoint = (await store.get(KEY))!.document;
    expect(checkpoint.completed.map((step) => step.path)).toEqual(['name', 'email', 'consent']);
    expect(checkpoint.inProgress).toEqual({ path: 'notice', sensitive: false });
    expect(checkpoint.userData).toEqual({ callerName: 'Ada' });

    const second = recorder();
    const resumed = await startCall({ checkpoint: { store, key: KEY }, hooks: second.hooks });
    expect(resumed.handle.activeTask?.path).toBe('notice');
    expect(resumed.handle.session.userData).toEqual({ callerName: 'Ada' });
    expect(second.lines[0]).toBe('entered notice');
    expect(second.lines[1]).toMatch(/^welcome-back notice /);
    expect(JSON.parse(second.lines[1]!.replace(/^welcome-back notice /, ''))).toEqual({
      restored: ['name', 'email', 'consent'],
      askAgain: [],
      interrupted: 'notice',
    });
    await talk(resumed);
    expect(await resumed.result).toEqual(FINAL_RESULT);
    // Restored steps neither ran nor reported again; the caller still corrected the old email.
    const entered = second.lines.filter((line) => line.startsWith('entered ')).map((line) => line.slice(8));
    expect(entered).toEqual(['notice', 'pin', 'address/street', 'address/city', 'email', 'address/city']);
    expect(second.lines.filter((line) => line.startsWith('completed '))).toEqual(['completed notice', 'completed pin', 'completed email', 'completed address']);
    expect(second.lines.filter((line) => line.startsWith('welcome-back'))).toHaveLength(1);
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('dropped while going back: the correction is asked again, then the interrupted group goes on', async () => {
    const store = memoryCheckpointStore();
    // name, email (old), consent, notice, pin, street, then "change my email" from the city step.
    await drop({ store, key: KEY }, 7);
    const checkpoint = (await store.get(KEY))!.document;
    expect(checkpoint.inProgress).toEqual({ path: 'email', sensitive: false });
    expect(checkpoint.completed.find((step) => step.path === 'email')?.result).toEqual({ kind: 'clear', value: OLD_EMAIL });

    const second = recorder();
    const resumed = await startCall({ checkpoint: { store, key: KEY }, hooks: second.hooks });
    await talk(resumed);
    expect(await resumed.result).toEqual(FINAL_RESULT);
    // The pin was sensitive, so it was left out and is asked again; the street is not.
    expect(entered(second.lines)).toEqual(['email', 'pin', 'address/city']);
    expect(second.lines.find((line) => line.startsWith('welcome-back'))).toBe(
      `welcome-back email ${JSON.stringify({ restored: ['name', 'email', 'consent', 'notice', 'address/street'], askAgain: ['pin'], interrupted: 'email' })}`,
    );
  });

  it('under StrictMode too: one welcome back, nothing asked again', async () => {
    const store = memoryCheckpointStore();
    await drop({ store, key: KEY }, 4, { strict: true });
    const second = recorder();
    const resumed = await startCall({ checkpoint: { store, key: KEY }, hooks: second.hooks, strict: true });
    await talk(resumed);
    expect(await resumed.result).toEqual(FINAL_RESULT);
    expect(entered(second.lines)).toEqual(['pin', 'address/street', 'address/city', 'email', 'address/city']);
    expect(second.lines.filter((line) => line.startsWith('welcome-back'))).toHaveLength(1);
  });

  it('dropped inside a nested group: the group resumes at the interrupted step, with its finished steps', async () => {
    const store = memoryCheckpointStore();
    await drop({ store, key: KEY }, 6); // … pin, street: the city is being asked
    const second = recorder();
    const resumed = await startCall({ checkpoint: { store, key: KEY }, hooks: second.hooks });
    expect(resumed.handle.activeTask?.path).toBe('address/city');
    expect(resumed.handle.tree()).toBe(
      [
        'group task_group: active, entered 1×',
        '  task name: done',
        '  task email: done',
        '  task consent: done',
        '  task notice: done',
        '  task pin: pending',
        '  group address: active, entered 1×',
        '    task street: done',
        '    task city: active, entered 1×',
      ].join('\n'),
    );
    await talk(resumed);
    expect(await resumed.result).toEqual(FINAL_RESULT);
    expect(entered(second.lines)).toEqual(['address/city', 'email', 'address/city', 'pin']);
  });

  it('useResumed() outside a task follows the restore; firstTask is false there', async () => {
    const store = memoryCheckpointStore();
    const saved = createCheckpoint({
      workflowVersion: '1',
      completed: [
        { path: 'name', result: 'Ada' },
        { path: 'email', result: NEW_EMAIL },
      ],
      inProgress: { path: 'consent' },
      groups: { '': { visited: ['name', 'email', 'consent'], goBackTargets: ['name', 'email'] } },
    });
    await store.put(KEY, saved, { expectedRevision: 0 });
    const seen: Array<string[] | null> = [];
    function Watcher() {
      const resumed = useResumed();
      seen.push(resumed && [...resumed.restored, String(resumed.firstTask)]);
      return null;
    }
    const agent = createAgent(
      <TaskGroup summarize={false}>
        <Watcher />
        <Task id="name" description="name">
          <Answer />
        </Task>
        <Task id="email" description="email">
          <Answer />
        </Task>
        <Task id="consent" description="consent">
          <Answer />
        </Task>
      </TaskGroup>,
      { checkpoint: { store, key: KEY } },
    );
    const call = await renderAgent(agent, { llm: scriptedLLM([]) });
    expect(call.activeTask?.path).toBe('consent');
    expect(seen[0]).toBeNull(); // the first render, before the group's visit took the checkpoint back
    expect(seen.at(-1)).toEqual(['name', 'email', 'false']);
  });

  it('a fresh call knows it is not resumed, and a call without a key saves nothing', async () => {
    const store = spyStore(memoryCheckpointStore());
    const { lines, hooks } = recorder();
    const call = await startCall({ checkpoint: { store, key: undefined }, hooks });
    await talk(call);
    expect(await call.result).toEqual(FINAL_RESULT);
    expect(store.calls).toEqual([]);
    expect(lines.some((line) => line.startsWith('welcome-back'))).toBe(false);
  });
});

describe('what a checkpoint holds', () => {
  it("userData, every group's visits, and the last turns, but never a sensitive step's words or result", async () => {
    const store = spyStore(memoryCheckpointStore());
    const call = await startCall({ checkpoint: { store, key: KEY } });
    await talk(call);
    await call.result;
    for (const { document } of store.puts) expect(JSON.stringify(document)).not.toContain('2468');
    const atCity = store.puts[6]!.document; // saved before the city step
    expect(atCity.completed.find((step) => step.path === 'pin')).toEqual({ path: 'pin', sensitive: true, result: { kind: 'omitted' } });
    expect(atCity.groups).toEqual({
      '': { visited: ['name', 'email', 'consent', 'notice', 'pin', 'address'], goBackTargets: ['name', 'email', 'consent', 'notice', 'pin', 'address'] },
      address: { visited: ['street', 'city'], goBackTargets: ['street', 'city'] },
    });
    expect(atCity.userData).toEqual({ callerName: 'Ada' });
    expect(atCity.workflowVersion).toBe('1');
    const said = atCity.context.turns.map((turn) => `${turn.role}: ${turn.text}`);
    expect(said).toContain('user: My name is Ada.');
    expect(said).toContain('user: 1 Main Street');
    expect(atCity.context.turns.length).toBeLessThanOrEqual(12);
  });

  it('the resumed model sees the saved turns and a note that the call resumed; lastTurns bounds them', async () => {
    const store = memoryCheckpointStore();
    await drop({ store, key: KEY, lastTurns: 2 }, 3);
    const saved = (await store.get(KEY))!.document.context.turns;
    expect(saved.map((turn) => turn.text)).toEqual([OLD_EMAIL, 'Yes, I agree.']);
    const resumed = await startCall({ checkpoint: { store, key: KEY } });
    const seen = conversation(resumed.handle.session.currentAgent.chatCtx);
    expect(seen.slice(0, 3)).toEqual([`user: ${OLD_EMAIL}`, 'user: Yes, I agree.', `system: ${RESUMED_NOTE}`]);
    expect(seen[3]).toBe('assistant: Welcome back! Let us pick up where we were.');
  });

  it('sealed with a key, a sensitive result is restored instead of asked again', async () => {
    const key = randomBytes(32);
    const store = memoryCheckpointStore();
    const sensitive = { encrypt: { keyId: 'k1', key } };
    await drop({ store, key: KEY, sensitive }, 6);
    expect(JSON.stringify((await store.get(KEY))!.document)).not.toContain('2468');
    const second = recorder();
    const resumed = await startCall({ checkpoint: { store, key: KEY, sensitive }, hooks: second.hooks });
    await talk(resumed);
    expect(await resumed.result).toEqual(FINAL_RESULT);
    expect(entered(second.lines)).not.toContain('pin');
  });

  it('a step whose result is not JSON is left out and reported once; the rest is saved', async () => {
    const store = memoryCheckpointStore();
    const errors: Error[] = [];
    const call = await startCall({ checkpoint: { store, key: KEY }, userData: {}, onError: (error) => errors.push(error) });
    await talk(call, 1);
    // A tool that writes a Date into userData: not JSON.
    (call.handle.session.userData as Record<string, unknown>).seenAt = new Date(0);
    await talk(call, 2);
    expect(errors.map((error) => error.message)).toEqual([expect.stringMatching(/^react-agent-tasks: userData is not plain JSON: at seenAt there is a Date instance\..* left out of the checkpoint/)]);
    expect((await store.get(KEY))!.document.completed.map((step) => step.path)).toEqual(['name', 'email', 'consent']);
    await call.handle.close();
  });
});

describe('restored userData', () => {
  it('keeps a "__proto__" key as a key: the session\'s userData keeps its prototype', async () => {
    const store = memoryCheckpointStore();
    const userData = JSON.parse('{"callerName": "Ada", "__proto__": {"isAdmin": true}}') as Record<string, unknown>;
    const document = createCheckpoint({
      workflowVersion: '1',
      completed: [{ path: 'name', result: 'Ada' }],
      inProgress: { path: 'email' },
      groups: { '': { visited: ['name', 'email'], goBackTargets: ['name'] } },
      userData,
    });
    await store.put(KEY, document, { expectedRevision: 0 });
    const call = await startCall({ checkpoint: { store, key: KEY } });
    const restored = call.handle.session.userData as Record<string, unknown>;
    expect(Object.getPrototypeOf(restored)).toBe(Object.prototype);
    expect(restored.isAdmin).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(restored, '__proto__')?.value).toEqual({ isAdmin: true });
    expect(restored.callerName).toBe('Ada');
    await call.handle.close();
    await expect(call.result).rejects.toBeInstanceOf(WorkflowClosedError);
  });
});

describe('versions', () => {
  /** A checkpoint of an older version whose email step was called `mail`. */
  async function olderCheckpoint() {
    const store = memoryCheckpointStore();
    const document = createCheckpoint({
      workflowVersion: '1',
      completed: [
        { path: 'name', result: 'Ada' },
        { path: 'mail', result: NEW_EMAIL },
      ],
      inProgress: { path: 'consent' },
      groups: { '': { visited: ['name', 'mail', 'consent'], goBackTargets: ['name', 'mail'] } },
      userData: { callerName: 'Ada' },
      turns: [{ role: 'user', text: 'My name is Ada.' }],
    });
    await store.put(KEY, document, { expectedRevision: 0 });
    return store;
  }

  it("restarts by default: another version's checkpoint is replaced, nothing is restored", async () => {
    const store = await olderCheckpoint();
    const { lines, hooks } = recorder();
    const call = await startCall({ checkpoint: { store, key: KEY, version: '2' }, hooks });
    expect(call.handle.activeTask?.path).toBe('name');
    expect(call.handle.session.userData).toEqual({});
    expect(lines.some((line) => line.startsWith('welcome-back'))).toBe(false);
    await talk(call, 1);
    const saved = await store.get(KEY);
    expect(saved?.revision).toBe(3); // the old one was 1; this call wrote over it twice
    expect(saved?.document.workflowVersion).toBe('2');
    await talk(call);
    expect(await call.result).toEqual(FINAL_RESULT);
  });

  it("'continue' keeps the steps that still exist and starts with the interrupted one", async () => {
    const store = await olderCheckpoint();
    const { lines, hooks } = recorder();
    const call = await startCall({ checkpoint: { store, key: KEY, version: '2', onVersionChange: 'continue' }, hooks });
    expect(call.handle.activeTask?.path).toBe('consent');
    expect(call.handle.session.userData).toEqual({ callerName: 'Ada' });
    expect(lines.find((line) => line.startsWith('welcome-back'))).toBe(
      `welcome-back consent ${JSON.stringify({ restored: ['name'], askAgain: [], interrupted: 'consent' })}`,
    );
    await talk(call);
    expect(await call.result).toEqual(FINAL_RESULT);
    expect(entered(lines).slice(0, 2)).toEqual(['consent', 'email']);
  });

  it("a function can move a renamed step's result; it sees what changed", async () => {
    const store = await olderCheckpoint();
    const changes: unknown[] = [];
    const call = await startCall({
      checkpoint: {
        store,
        key: KEY,
        version: '2',
        onVersionChange: (change, continued, saved) => {
          changes.push(change);
          const mail = saved.completed.find((step) => step.path === 'mail')!;
          return { ...continued, completed: [...continued.completed, { ...mail, path: 'email' }], inProgress: saved.inProgress };
        },
      },
    });
    expect(changes).toEqual([{ fromVersion: '1', toVersion: '2', kept: ['name'], dropped: ['mail'], interruptedDropped: false }]);
    expect(call.handle.activeTask?.path).toBe('consent');
    expect(call.handle.workflow.getResults()).toEqual({ name: 'Ada', email: NEW_EMAIL });
    await talk(call);
    expect(await call.result).toEqual(FINAL_RESULT);
  });
});

describe('when saving goes wrong', () => {
  it('an onVersionChange that throws fails the call at once and keeps the checkpoint', async () => {
    const store = memoryCheckpointStore();
    await drop({ store, key: KEY }, 2);
    const call = await startCall({
      checkpoint: {
        store,
        key: KEY,
        version: '2',
        onVersionChange: () => {
          throw new Error('no migration from version 1');
        },
      },
    });
    await expect(call.result).rejects.toThrow('no migration from version 1');
    expect((await store.get(KEY))?.revision).toBe(3);
  });


  it('another writer took the call over: this call stops saving, never overwrites it, and is told once', async () => {
    const inner = memoryCheckpointStore();
    const store = spyStore(inner);
    const errors: Error[] = [];
    const conflicts: CheckpointConflictError[] = [];
    const call = await startCall({ checkpoint: { store, key: KEY, onConflict: (error) => conflicts.push(error) }, onError: (error) => errors.push(error) });
    await talk(call, 2);
    // The caller called back and another worker resumed the call from revision 3 (saved before the consent).
    const taken = await inner.get(KEY);
    await inner.put(KEY, taken!.document, { expectedRevision: taken!.revision });
    await talk(call);
    expect(await call.result).toEqual(FINAL_RESULT);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ key: KEY, expectedRevision: 3, currentRevision: 4 });
    expect(errors).toEqual([conflicts[0]]);
    // The other worker's checkpoint is still there, untouched: no later put, no delete.
    expect((await inner.get(KEY))?.revision).toBe(4);
    expect(store.calls.filter((entry) => entry.startsWith('put')).length).toBe(4);
    expect(store.calls.some((entry) => entry.startsWith('delete'))).toBe(false);
  });

  it('a put refused before writing is reported; the call goes on and the next save lands', async () => {
    const store = spyStore(memoryCheckpointStore());
    const errors: Error[] = [];
    const call = await startCall({ checkpoint: { store, key: KEY }, onError: (error) => errors.push(error) });
    store.failNextPut = 'before';
    await talk(call, 1);
    expect(errors.map((error) => error.message)).toEqual([`react-agent-tasks: saving the checkpoint "${KEY}" failed; the call goes on: connection reset`]);
    await talk(call, 1);
    expect((await store.get(KEY))?.document.completed.map((step) => step.path)).toEqual(['name', 'email']);
    await talk(call);
    expect(await call.result).toEqual(FINAL_RESULT);
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('a put stored but unanswered is recognized as its own by the next save, not taken for a conflict', async () => {
    const store = spyStore(memoryCheckpointStore());
    const errors: Error[] = [];
    const call = await startCall({ checkpoint: { store, key: KEY }, onError: (error) => errors.push(error) });
    await talk(call, 1);
    store.failNextPut = 'after';
    await talk(call, 1);
    await talk(call);
    expect(await call.result).toEqual(FINAL_RESULT);
    expect(errors).toHaveLength(1);
    expect(store.calls.slice(0, 6)).toEqual([`get ${KEY}`, `put ${KEY} 0`, `put ${KEY} 1`, `put ${KEY} 2`, `get ${KEY}`, `put ${KEY} 3`]);
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('a checkpoint that cannot be read is reported and left alone; the call starts afresh without saving', async () => {
    const store = spyStore(memoryCheckpointStore());
    store.failGet = new CheckpointCorruptError(KEY, 'its text is not JSON');
    const errors: Error[] = [];
    const call = await startCall({ checkpoint: { store, key: KEY }, onError: (error) => errors.push(error) });
    await talk(call);
    expect(await call.result).toEqual(FINAL_RESULT);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^react-agent-tasks: the checkpoint "call:test" could not be loaded, so this call starts afresh and saves no checkpoint: react-agent-tasks: checkpoint "call:test" cannot be read/);
    expect(store.calls).toEqual([`get ${KEY}`]);
  });

  it('every put carries the TTL', async () => {
    const store = spyStore(memoryCheckpointStore());
    await drop({ store, key: KEY, ttlMs: 60_000 }, 2);
    expect(store.puts.map((put) => put.options)).toEqual([
      { expectedRevision: 0, ttlMs: 60_000 },
      { expectedRevision: 1, ttlMs: 60_000 },
      { expectedRevision: 2, ttlMs: 60_000 },
    ]);
  });
});

describe('misuse', () => {
  const store = memoryCheckpointStore();
  it.each([
    ['no store', { key: 'k' }, /^react-agent-tasks: runTask\(\) checkpoint has no store\. Pass a CheckpointStore/],
    ['an empty key', { store, key: '' }, /^react-agent-tasks: runTask\(\) checkpoint got the key ""\. Pass a non-empty string/],
    ['an empty version', { store, key: 'k', version: '' }, /checkpoint got the version ""\. Pass your workflow's version/],
    ['an unknown policy', { store, key: 'k', onVersionChange: 'keep' }, /checkpoint got onVersionChange "keep"\. Pass 'restart', 'continue' or a function/],
    ['a short key', { store, key: 'k', sensitive: { encrypt: { keyId: 'k', key: new Uint8Array(3) } } }, /checkpoint got sensitive\.encrypt key "k" of 3 bytes/],
  ])('%s: createAgent throws at once, naming the option', (_label, checkpoint, message) => {
    expect(() => createAgent(<Application />, { checkpoint: checkpoint as CheckpointOptions })).toThrow(message);
  });

  it('runTask rejects at once with the same message', async () => {
    let failure: unknown;
    class Caller extends voice.Agent {
      override async onEnter() {
        await runTask(<Application />, { checkpoint: { key: 'k' } as unknown as CheckpointOptions }).catch((error: unknown) => (failure = error));
      }
    }
    await renderAgent(new Caller({ instructions: 'You take applications.' }), { llm: scriptedLLM([]) });
    expect(String(failure)).toMatch(/^ReactAgentTasksError: react-agent-tasks: runTask\(\) checkpoint has no store/);
  });
});
