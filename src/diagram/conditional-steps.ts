import type { OutlineStep } from '../inspector/source.js';

/** One outline of the workflow, rendered under some assumed answers. */
export interface Probe {
  outline: OutlineStep;
  /** What was assumed: step paths (`account_type`) and `userData.<key>`; empty for none. */
  assumed: string[];
}

interface Occurrence {
  step: OutlineStep;
  probe: Probe;
}

/**
 * The paths of several step lists in one order. The longest list sets it (it shows the most steps
 * side by side); each other list's new paths go after their predecessor in that list.
 */
function unionOrder(lists: OutlineStep[][]): string[] {
  const order: string[] = [];
  for (const list of [...lists].sort((a, b) => b.length - a.length)) {
    let cursor = -1;
    for (const step of list) {
      const at = order.indexOf(step.path);
      if (at >= 0) {
        cursor = at;
      } else {
        order.splice(cursor + 1, 0, step.path);
        cursor++;
      }
    }
  }
  return order;
}

/** The one answer `a` assumes on top of `b`, if that is their only difference. */
function soleExtra(a: Probe, b: Probe): string | undefined {
  if (a.assumed.length !== b.assumed.length + 1) return undefined;
  const extra = a.assumed.filter((key) => !b.assumed.includes(key));
  return extra.length === 1 && b.assumed.every((key) => a.assumed.includes(key)) ? extra[0] : undefined;
}

/**
 * The answers that change whether a step is there: `k` counts when two probes that both render
 * the step's group differ by `k` alone and only one of them has the step.
 */
function causes(parents: Probe[], present: Set<Probe>): string[] {
  const found = new Set<string>();
  for (const a of parents) {
    for (const b of parents) {
      const key = soleExtra(a, b);
      if (key !== undefined && present.has(a) !== present.has(b)) found.add(key);
    }
  }
  return [...found];
}

function mergeStep(occurrences: Occurrence[]): OutlineStep {
  const first = occurrences[0]!.step;
  const parents = occurrences.map(({ probe }) => probe);
  const children = unionOrder(occurrences.map(({ step }) => step.children)).map((path) => {
    const inner = occurrences.flatMap(({ step, probe }) => {
      const child = step.children.find((c) => c.path === path);
      return child ? [{ step: child, probe }] : [];
    });
    const merged = mergeStep(inner);
    if (inner.length === occurrences.length && !merged.conditional) return merged;
    const dependsOn = [...new Set([...(merged.dependsOn ?? []), ...causes(parents, new Set(inner.map(({ probe }) => probe)))])];
    return { ...merged, conditional: true, ...(dependsOn.length > 0 && { dependsOn }) };
  });
  return { ...first, children };
}

/**
 * Merges outlines of one workflow rendered under different assumed answers: every step that
 * appears in any of them, in render order; a step missing from some is `conditional`, and
 * `dependsOn` names each answer whose presence alone made the difference between two outlines.
 * Pure: outlines in, outline out.
 */
export function mergeOutlines(base: OutlineStep, probes: Probe[] = []): OutlineStep {
  const all = [{ outline: base, assumed: [] }, ...probes].filter((probe) => probe.outline.path === base.path);
  return mergeStep(all.map((probe) => ({ step: probe.outline, probe })));
}
