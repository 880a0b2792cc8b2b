import { describe, expect, it } from 'vitest';
import { createCheckpoint, migrateCheckpoint, type CheckpointDocument } from '../../src/durable/index.js';

const v1 = createCheckpoint(
  {
    workflowVersion: '1',
    completed: [
      { path: 'intro', result: { name: 'Ada' } },
      { path: 'email', result: { email: 'ada@example.com' } },
      { path: 'commute', result: { bike: true } },
    ],
    inProgress: { path: 'experience', sensitive: false },
    groups: { '': { visited: ['intro', 'email', 'commute', 'experience'], goBackTargets: ['intro', 'email', 'commute'] } },
    turns: [{ role: 'user', text: 'I bike.' }],
  },
  { now: () => 1 },
);
const v1Paths = ['intro', 'email', 'commute', 'experience'];

describe('migrateCheckpoint', () => {
  it('resumes a checkpoint of the same version unchanged, without asking the policy', () => {
    const outcome = migrateCheckpoint(v1, v1Paths, {
      workflowVersion: '1',
      onChange: () => {
        throw new Error('not asked');
      },
    });
    expect(outcome).toEqual({ action: 'resume', document: v1 });
  });

  it("keeps the steps that still exist and drops removed ones with 'continue'", () => {
    const outcome = migrateCheckpoint(v1, ['intro', 'email', 'experience', 'salary'], { workflowVersion: '2', onChange: 'continue' });
    expect(outcome.action).toBe('resume');
    if (outcome.action !== 'resume') return;
    expect(outcome.change).toEqual({ fromVersion: '1', toVersion: '2', kept: ['intro', 'email'], dropped: ['commute'], interruptedDropped: false });
    expect(outcome.document.workflowVersion).toBe('2');
    expect(outcome.document.completed.map((step) => step.path)).toEqual(['intro', 'email']);
    expect(outcome.document.inProgress).toEqual({ path: 'experience', sensitive: false });
    expect(outcome.document.groups['']).toEqual({ visited: ['intro', 'email', 'experience'], goBackTargets: ['intro', 'email'] });
    expect(outcome.document.context).toEqual(v1.context);
    // Pure: the input is as it was.
    expect(v1.completed).toHaveLength(3);
    expect(v1.workflowVersion).toBe('1');
  });

  it("drops an interrupted step that no longer exists, and discards everything with 'restart'", () => {
    const continued = migrateCheckpoint(v1, ['intro', 'email', 'commute'], { workflowVersion: '2', onChange: 'continue' });
    expect(continued.action === 'resume' && continued.document.inProgress).toBe(null);
    expect(continued.change?.interruptedDropped).toBe(true);
    const restarted = migrateCheckpoint(v1, ['intro'], { workflowVersion: '2', onChange: 'restart' });
    expect(restarted).toEqual({ action: 'restart', change: { fromVersion: '1', toVersion: '2', kept: ['intro'], dropped: ['email', 'commute'], interruptedDropped: true } });
  });

  it('applies the policy when the version is the same but steps are gone', () => {
    expect(migrateCheckpoint(v1, ['intro', 'email', 'experience'], { workflowVersion: '1', onChange: 'restart' }).action).toBe('restart');
  });

  it('lets a function decide, or move a renamed step’s result to its new path', () => {
    const decide = migrateCheckpoint(v1, ['intro', 'email_address', 'commute', 'experience'], {
      workflowVersion: '2',
      onChange: (change) => (change.dropped.length > 1 ? 'restart' : 'continue'),
    });
    expect(decide.action).toBe('resume');

    const renamed = migrateCheckpoint(v1, ['intro', 'email_address', 'commute', 'experience'], {
      workflowVersion: '2',
      onChange: (change, continued): CheckpointDocument => {
        expect(change.dropped).toEqual(['email']);
        const email = v1.completed.find((step) => step.path === 'email')!;
        return { ...continued, completed: [...continued.completed, { ...email, path: 'email_address' }] };
      },
    });
    expect(renamed.action === 'resume' && renamed.document.completed.map((step) => step.path)).toEqual(['intro', 'commute', 'email_address']);
  });

  it('refuses a function’s document that names missing steps or is not a checkpoint', () => {
    expect(() => migrateCheckpoint(v1, ['intro'], { workflowVersion: '2', onChange: () => v1 })).toThrow(
      /^react-agent-tasks: migrateCheckpoint\(\) onChange returned a checkpoint naming steps the workflow does not have \(email, commute, experience\)/,
    );
    expect(() => migrateCheckpoint(v1, ['intro'], { workflowVersion: '2', onChange: () => ({ nonsense: true }) as never })).toThrow(
      /returned something that is not a checkpoint/,
    );
    expect(() => migrateCheckpoint(v1, ['intro'], { onChange: 'continue' } as never)).toThrow(/needs policy\.workflowVersion/);
  });

  it('keeps nested groups’ visit state for the steps that remain', () => {
    const nested = createCheckpoint({
      workflowVersion: '1',
      completed: [{ path: 'card/number', result: 'x' }],
      groups: { card: { visited: ['number', 'cvv'], goBackTargets: ['number'] }, gone: { visited: ['a'], goBackTargets: [] } },
    });
    const outcome = migrateCheckpoint(nested, ['card', 'card/number', 'card/expiry'], { workflowVersion: '2', onChange: 'continue' });
    expect(outcome.action === 'resume' && outcome.document.groups).toEqual({ card: { visited: ['number'], goBackTargets: ['number'] } });
  });
});
