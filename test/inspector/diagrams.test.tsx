/** Diagrams from code: every example's diagram is in README and current (to-mermaid.test.ts parses them with Mermaid). */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Task, TaskGroup, useTaskResults, useUserData } from 'react-agent-tasks';
import { type OutlineStep, outlineWorkflow, toMermaid } from 'react-agent-tasks/diagram';
import { EXAMPLES } from '../../examples/examples.js';
import { DIAGRAMS, findDiagram } from '../../examples/cli/diagrams.js';
import { readmeDiagrams } from '../../examples/cli/readme-blocks.js';
import { exampleMermaid } from '../../examples/cli/readme-diagrams.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** `path: conditional(dependsOn)` for every step, depth first: the facts a diagram is drawn from. */
function facts(step: OutlineStep): string[] {
  const own = step.conditional ? `${step.path}: if ${step.dependsOn?.join(' & ') ?? '?'}` : `${step.path}`;
  return [own, ...step.children.flatMap(facts)];
}

describe('example diagrams', () => {
  test('every example the CLI runs has a diagram', () => {
    for (const example of EXAMPLES) expect(findDiagram(example.name), example.name).toBeDefined();
  });

  test.each(Object.keys(DIAGRAMS))('README shows the current diagram of %s', (name) => {
    const drawn = exampleMermaid(DIAGRAMS[name]!);
    expect(readmeDiagrams(README).get(name), `README block <!-- diagram: ${name} --> (npm run graph -- --readme redraws it)`).toBe(drawn);
  });

  test('beyond: the company group and the phone step are conditional, on what decides them', () => {
    const outline = outlineWorkflow(DIAGRAMS.beyond!.workflow(), DIAGRAMS.beyond!.assume);
    expect(facts(outline)).toEqual([
      '',
      'account_type',
      'company: if account_type',
      'company/company_name',
      'company/vat_number',
      'contact',
      'phone: if userData.wantsCall',
    ]);
  });

  test('survey: five steps in order, none conditional', () => {
    expect(facts(outlineWorkflow(DIAGRAMS.survey!.workflow()))).toEqual(['', 'intro', 'email', 'commute', 'experience', 'behavioral']);
  });
});

function Step({ id }: { id: string }) {
  return <Task id={id} description={`The ${id} step`} />;
}

function Conditions() {
  const results = useTaskResults<{ plan: string; vip: boolean }>();
  const { region } = useUserData<{ region?: string }>();
  return (
    <>
      <Step id="plan" />
      {!results.vip && <Step id="upsell" />}
      {results.plan === 'pro' && region === 'eu' && <Step id="vat" />}
      <Step id="done" />
    </>
  );
}

describe('outlineWorkflow', () => {
  const workflow = (
    <TaskGroup>
      <Conditions />
    </TaskGroup>
  );

  test('with no answers assumed: the steps an empty render shows, none known to be conditional', () => {
    expect(facts(outlineWorkflow(workflow))).toEqual(['', 'plan', 'upsell', 'done']);
  });

  test('a step that disappears, and one that needs two answers together, are conditional on them', () => {
    const outline = outlineWorkflow(workflow, [{ results: { plan: 'pro', vip: true }, userData: { region: 'eu' } }]);
    // `upsell` goes with `vip` alone; `vat` needs plan and region together, and removing either drops it.
    expect(facts(outline)).toEqual(['', 'plan', 'upsell: if vip', 'vat: if plan & userData.region', 'done']);
    const text = toMermaid(outline);
    expect(text).toContain('s_plan --> s_upsell --> s_vat --> s_done');
    expect(text).toContain('class s_upsell,s_vat conditional');
  });
});
