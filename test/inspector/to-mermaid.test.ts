// @vitest-environment happy-dom
/** toMermaid over hand-built outlines: what each kind of step looks like, and that Mermaid parses it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import mermaid from 'mermaid';
import { describe, expect, test } from 'vitest';
import { type OutlineStep, toMermaid } from 'react-agent-tasks/diagram';
import { readmeDiagrams } from '../../examples/cli/readme-blocks.js';

function task(path: string, extra: Partial<OutlineStep> = {}): OutlineStep {
  const id = path.slice(path.lastIndexOf('/') + 1);
  return { kind: 'task', id, path, status: 'pending', entries: 0, sensitive: false, hasResult: false, children: [], ...extra };
}

function group(path: string, children: OutlineStep[], extra: Partial<OutlineStep> = {}): OutlineStep {
  return { ...task(path), kind: 'group', id: path ? path.slice(path.lastIndexOf('/') + 1) : 'task_group', children, ...extra };
}

const booking = group('', [
  task('name', { description: 'Collects the name', collector: 'GetName' }),
  group(
    'card',
    [task('card/number', { sensitive: true }), task('card/expiry'), task('card/security_code', { sensitive: true })],
    { description: 'Collects the card', conditional: true, dependsOn: ['userData.paysByCard'] },
  ),
  task('notes', { conditional: true }),
]);

describe('toMermaid', () => {
  test('steps in order, nested groups as subgraphs, one go-back line per group, conditional, collector and sensitive steps marked', () => {
    expect(toMermaid(booking)).toBe(
      [
        'flowchart TD',
        '  subgraph g_root["TaskGroup"]',
        '    direction TB',
        '    s_name[["name<br/>«GetName»<br/><i>Collects the name</i>"]]',
        '    subgraph g_card["card · if userData.paysByCard<br/><i>Collects the card</i>"]',
        '      direction TB',
        '      s_card_number["number<br/>sensitive"]',
        '      s_card_expiry["expiry"]',
        '      s_card_security_code["security_code<br/>sensitive"]',
        '      s_card_number --> s_card_expiry --> s_card_security_code',
        '      s_card_number -. ↩ back to any earlier step .- s_card_security_code',
        '    end',
        '    s_notes["notes<br/>conditional"]',
        '    s_name --> g_card --> s_notes',
        '    s_name -. ↩ back to any earlier step .- s_notes',
        '  end',
        '  classDef conditional stroke-dasharray: 6 4',
        '  class g_card,s_notes conditional',
        '  classDef collector fill:#eef6ff,stroke:#3b82f6',
        '  class s_name collector',
        '  classDef sensitive stroke:#b45309,stroke-width:2px',
        '  class s_card_number,s_card_security_code sensitive',
        '',
      ].join('\n'),
    );
  });

  test('a lone task is one node, with no edges', () => {
    expect(toMermaid(task('consent', { description: 'Asks for consent' }))).toBe('flowchart TD\n  s_consent["consent<br/><i>Asks for consent</i>"]\n');
  });

  test('a group of one step has no go-back line: there is nothing earlier to go back to', () => {
    const text = toMermaid(group('', [task('only')]));
    expect(text).not.toContain('-.');
    expect(text).not.toContain('-->');
  });

  test('a snapshot draws too: skipped steps are faded, descriptions can be left out, LR layout', () => {
    const text = toMermaid(group('', [task('a', { description: 'A' }), task('b', { status: 'skipped' })]), { direction: 'LR', descriptions: false });
    expect(text.split('\n')[0]).toBe('flowchart LR');
    expect(text).toContain('s_a["a"]');
    expect(text).toContain('class s_b skipped');
  });

  test('ids that are Mermaid keywords or collide after sanitising get distinct safe node ids', () => {
    const text = toMermaid(group('', [task('end'), task('a-b'), task('a_b')]));
    expect(text).toContain('s_end["end"]');
    expect(text).toContain('s_a_b["a-b"]');
    expect(text).toContain('s_a_b_2["a_b"]');
    expect(text).toContain('s_end --> s_a_b --> s_a_b_2');
  });

  test('every diagram in README parses with Mermaid (diagrams.test.tsx checks they are current)', async () => {
    const blocks = readmeDiagrams(readFileSync(fileURLToPath(import.meta.resolve('../../README.md')), 'utf8'));
    expect([...blocks.keys()].sort()).toEqual(['beyond', 'consent', 'onboarding', 'seed', 'survey']);
    for (const text of blocks.values()) await expect(mermaid.parse(text)).resolves.toBeTruthy();
  });

  test('the fixed example parses with Mermaid', async () => {
    await expect(mermaid.parse(toMermaid(booking))).resolves.toBeTruthy();
  });

  test('any ids and descriptions (quotes, brackets, newlines, keywords, unicode) give a diagram Mermaid parses', async () => {
    const text = fc.string({ unit: fc.constantFrom(...Array.from('ab_-/"\'<>[](){}|#&;:`\n«»é😀 '), 'end', 'subgraph', 'class', '-->', '#quot;'), maxLength: 12 });
    const id = text.filter((s) => s.trim().length > 0 && !s.includes('/'));
    const leaf = fc.record({ id, description: fc.option(text, { nil: undefined }), conditional: fc.boolean(), sensitive: fc.boolean() });
    const outline = fc.array(fc.oneof(leaf, fc.record({ id, inner: fc.array(leaf, { minLength: 1, maxLength: 3 }) })), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(outline, async (steps) => {
        const children = steps.map((step, i) => {
          const path = `${i}${step.id}`;
          return 'inner' in step
            ? group(path, step.inner.map((inner, j) => task(`${path}/${j}${inner.id}`, { ...inner, id: inner.id })), { id: step.id })
            : task(path, { ...step, id: step.id });
        });
        await mermaid.parse(toMermaid(group('', children)));
      }),
      { numRuns: 150 },
    );
  });
});
