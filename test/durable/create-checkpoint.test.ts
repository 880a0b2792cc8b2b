import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointDocumentSchema, createCheckpoint, restoreCheckpoint, type CheckpointInput } from '../../src/durable/index.js';

const card = { number: '4111111111111111', expiry: '12/29' };
const input: CheckpointInput = {
  workflowVersion: '2',
  completed: [
    { path: 'email', result: { email: 'ada@example.com' } },
    { path: 'card/number', result: card.number, sensitive: true },
    { path: 'consent', result: undefined },
  ],
  inProgress: { path: 'card/expiry', sensitive: true },
  groups: { '': { visited: ['email', 'card'], goBackTargets: ['email'] }, card: { visited: ['number', 'expiry'], goBackTargets: ['number'] } },
  userData: { customerId: 'c1', cardHolder: 'Ada Lovelace' },
  summary: 'The caller gave an email.',
  turns: [
    { role: 'assistant', text: 'What is your email?' },
    { role: 'user', text: 'ada@example.com' },
    { role: 'assistant', text: 'Your card number, please.', sensitive: true },
    { role: 'user', text: '4111 1111 1111 1111', sensitive: true },
  ],
};
const key = randomBytes(32);

describe('createCheckpoint', () => {
  it('omits sensitive values by default: nothing of them is in the stored text', () => {
    const document = createCheckpoint({ ...input, completed: [...input.completed, { path: 'card', result: { taskResults: { number: card.number } } }] }, {
      sensitive: { userDataKeys: ['cardHolder'] },
      now: () => 42,
    });
    const text = JSON.stringify(document);
    expect(text).not.toContain('4111');
    expect(text).not.toContain('Ada Lovelace');
    expect(checkpointDocumentSchema.parse(document)).toEqual(document);
    expect(document).toMatchObject({
      schemaVersion: 1,
      workflowVersion: '2',
      savedAt: 42,
      completed: [
        { path: 'email', sensitive: false, result: { kind: 'clear', value: { email: 'ada@example.com' } } },
        { path: 'card/number', sensitive: true, result: { kind: 'omitted' } },
        { path: 'consent', sensitive: false, result: { kind: 'clear' } },
        // The group's result holds the sensitive step's: it is treated as sensitive too.
        { path: 'card', sensitive: true, result: { kind: 'omitted' } },
      ],
      inProgress: { path: 'card/expiry', sensitive: true },
      userData: { customerId: 'c1' },
      context: { summary: 'The caller gave an email.', turns: [{ role: 'assistant', text: 'What is your email?' }, { role: 'user', text: 'ada@example.com' }] },
    });
    expect(document.sealedUserData).toBeUndefined();

    const restored = restoreCheckpoint(document);
    expect([...restored.results]).toEqual([
      ['email', { email: 'ada@example.com' }],
      ['consent', undefined],
    ]);
    expect(restored.askAgain).toEqual(['card/number', 'card']);
    expect(restored.interrupted).toBe('card/expiry');
    expect(restored.userData).toEqual({ customerId: 'c1' });
  });

  it('seals sensitive values with the key given, and restores them exactly, undefined included', () => {
    const sensitive = { encrypt: { keyId: 'k1', key }, userDataKeys: ['cardHolder'] };
    const document = createCheckpoint({ ...input, completed: [...input.completed, { path: 'pin', result: undefined, sensitive: true }] }, { sensitive });
    const text = JSON.stringify(document);
    expect(text).not.toContain('4111');
    expect(text).not.toContain('Ada Lovelace');
    expect(document.completed[1]!.result).toMatchObject({ kind: 'sealed', keyId: 'k1' });
    const restored = restoreCheckpoint(document, sensitive);
    expect(restored.results.get('card/number')).toBe(card.number);
    expect(restored.results.has('pin')).toBe(true);
    expect(restored.results.get('pin')).toBeUndefined();
    expect(restored.askAgain).toEqual([]);
    expect(restored.userData).toEqual({ customerId: 'c1', cardHolder: 'Ada Lovelace' });
  });

  it('opens values sealed under a previous key after a rotation, and fails loudly otherwise', () => {
    const document = createCheckpoint(input, { sensitive: { encrypt: { keyId: 'old', key } } });
    const rotated = { encrypt: { keyId: 'new', key: randomBytes(32), previousKeys: { old: key } } };
    expect(restoreCheckpoint(document, rotated).results.get('card/number')).toBe(card.number);
    expect(() => restoreCheckpoint(document, { encrypt: { keyId: 'new', key: randomBytes(32) } })).toThrow(
      /^react-agent-tasks: restoreCheckpoint\(\) found the result of step "card\/number" sealed with key "old", which the sensitive rule does not hold/,
    );
    expect(() => restoreCheckpoint(document, { encrypt: { keyId: 'old', key: randomBytes(32) } })).toThrow(
      /^react-agent-tasks: the result of step "card\/number" does not open with key "old"/,
    );
  });

  it('refuses a sealed value moved to another step', () => {
    const sensitive = { encrypt: { keyId: 'k', key } };
    const document = createCheckpoint(
      { workflowVersion: '1', completed: [{ path: 'a', result: 'secret a', sensitive: true }, { path: 'b', result: 'secret b', sensitive: true }] },
      { sensitive },
    );
    const swapped = { ...document, completed: [{ ...document.completed[0]!, result: document.completed[1]!.result }, document.completed[1]!] };
    expect(() => restoreCheckpoint(swapped, sensitive)).toThrow(/step "a" does not open with key "k": it was altered, moved/);
  });

  it('keeps the last turns only, and none with lastTurns: 0', () => {
    const turns = Array.from({ length: 30 }, (_, i) => ({ role: 'user' as const, text: `turn ${i}` }));
    expect(createCheckpoint({ workflowVersion: '1', completed: [], turns }).context.turns.map((turn) => turn.text)).toEqual(
      turns.slice(-12).map((turn) => turn.text),
    );
    expect(createCheckpoint({ workflowVersion: '1', completed: [], turns }, { lastTurns: 3 }).context.turns).toHaveLength(3);
    expect(createCheckpoint({ workflowVersion: '1', completed: [], turns }, { lastTurns: 0 }).context.turns).toEqual([]);
  });

  it('names the step and the place of a value that is not plain JSON', () => {
    const at = (result: unknown) => () => createCheckpoint({ workflowVersion: '1', completed: [{ path: 'when', result }] });
    expect(at({ day: new Date(0) })).toThrow(/^react-agent-tasks: the result of step "when" is not plain JSON: at day there is a Date instance\. /);
    expect(at({ list: [1, undefined] })).toThrow(/at list\[1\] there is undefined/);
    expect(at({ n: Number.NaN })).toThrow(/at n there is the number NaN/);
    expect(at({ f: () => 1 })).toThrow(/at f there is a function/);
    expect(at(new Map())).toThrow(/it is a Map instance/);
    const cyclic: Record<string, unknown> = { a: {} };
    (cyclic.a as Record<string, unknown>).back = cyclic;
    expect(at(cyclic)).toThrow(/at a\.back there is a reference back to an enclosing value/);
    const shared = { x: 1 };
    expect(at({ one: shared, two: shared })).not.toThrow();
    expect(() => createCheckpoint({ workflowVersion: '1', completed: [], userData: { at: new Date() } })).toThrow(/^react-agent-tasks: userData is not plain JSON/);
  });

  it('checks deep values without overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => createCheckpoint({ workflowVersion: '1', completed: [{ path: 'deep', result: deep }] })).not.toThrow();
  });

  it('throws at once for a wrong key, a repeated step or sensitive userData keys on a non-object', () => {
    expect(() => createCheckpoint(input, { sensitive: { encrypt: { keyId: 'k', key: randomBytes(16) } } })).toThrow(
      /^react-agent-tasks: createCheckpoint\(\) got sensitive\.encrypt key "k" of 16 bytes/,
    );
    expect(() => createCheckpoint(input, { sensitive: { encrypt: { keyId: '', key } } })).toThrow(/without a keyId/);
    expect(() => createCheckpoint({ ...input, completed: [input.completed[0]!, input.completed[0]!] })).toThrow(/got step "email" twice/);
    expect(() => createCheckpoint({ ...input, userData: 'text' }, { sensitive: { userDataKeys: ['x'] } })).toThrow(/userData is not an object/);
    expect(() => createCheckpoint({ ...input, workflowVersion: 3 as never })).toThrow(/needs a workflowVersion string/);
  });

  it('keeps a "__proto__" key that JSON.parse made an own key, in results and userData', () => {
    // z.json() drops such keys when it rebuilds an object; the stored document must not.
    const result = JSON.parse('{"__proto__": null, "nested": {"__proto__": {"x": 1}}}') as unknown;
    const userData = JSON.parse('{"__proto__": "kept", "customerId": "c1"}') as unknown;
    for (const sealed of [false, true]) {
      const sensitive = sealed ? { encrypt: { keyId: 'k', key }, userDataKeys: ['__proto__'] } : undefined;
      const document = createCheckpoint({ workflowVersion: '1', completed: [{ path: 'x', result, sensitive: sealed }], userData }, { sensitive });
      const read = checkpointDocumentSchema.parse(JSON.parse(JSON.stringify(document)));
      const restored = restoreCheckpoint(read, sensitive);
      expect(restored.results.get('x')).toEqual(result);
      expect(Object.getPrototypeOf(restored.results.get('x'))).toBe(Object.prototype);
      expect(restored.userData).toEqual(userData);
    }
  });

  it('round-trips any JSON result through a stored document (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (result, sealed) => {
        const sensitive = sealed ? { encrypt: { keyId: 'k', key } } : undefined;
        const document = createCheckpoint({ workflowVersion: '1', completed: [{ path: 'x', result, sensitive: sealed }] }, { sensitive });
        const read = checkpointDocumentSchema.parse(JSON.parse(JSON.stringify(document)));
        // JSON has no -0: it reads back as 0.
        expect(restoreCheckpoint(read, sensitive).results.get('x')).toEqual(JSON.parse(JSON.stringify(result)));
      }),
      { numRuns: 200 },
    );
  });
});
