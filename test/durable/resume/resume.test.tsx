/**
 * A dropped call resumes where it stopped: in one process, with the memory store (a real JSON
 * round trip) and real sessions driven by the scripted caller of application.tsx.
 */
import { WorkflowClosedError } from 'react-agent-tasks';
import { memoryCheckpointStore, type CheckpointStore } from 'react-agent-tasks/durable';
import { describe, expect, it } from 'vitest';
import { FINAL_RESULT, NEW_EMAIL, OLD_EMAIL } from './application.js';
import { startCall, talk } from './call.js';

const KEY = 'call:test';

function recorder() {
  const lines: string[] = [];
  return { lines, hooks: { log: (line: string) => void lines.push(line) } };
}

describe('a dropped call', () => {
  it('uninterrupted: saves before each task, the final result, and deletes the checkpoint at the end', async () => {
    const store = memoryCheckpointStore();
    const saved: number[] = [];
    const call = await startCall({ store, key: KEY, onSaved: ({ revision }) => void saved.push(revision) });
    await talk(call);
    expect(await call.result).toEqual(FINAL_RESULT);
    // name, email, consent, notice, pin, street, city, (going back) email, city, then each group's end.
    expect(saved).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(await store.get(KEY)).toBeUndefined();
  });

  it('resumes on a new session: finished steps are not asked again, the interrupted one starts afresh', async () => {
    const store = memoryCheckpointStore();
    const first = recorder();
    const dropped = await startCall({ store, key: KEY }, first.hooks);
    await talk(dropped, 3); // name, email (old), consent → the notice is being asked
    expect(dropped.handle.activeTask?.path).toBe('notice');
    await dropped.handle.close();
    await expect(dropped.result).rejects.toBeInstanceOf(WorkflowClosedError);

    const checkpoint = (await store.get(KEY))!.document;
    expect(checkpoint.completed.map((step) => step.path)).toEqual(['name', 'email', 'consent']);
    expect(checkpoint.inProgress).toEqual({ path: 'notice', sensitive: false });
    expect(checkpoint.userData).toEqual({ callerName: 'Ada' });

    const second = recorder();
    const resumed = await startCall({ store, key: KEY }, second.hooks, {});
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
});
