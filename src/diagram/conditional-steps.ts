import type { OutlineStep } from '../inspector/source.js';

/** One outline of the workflow, rendered under some assumed answers (`keys`), or none for the base. */
export interface Probe {
  outline: OutlineStep;
  /** What was assumed: step paths (`account_type`) and `userData.<key>`. Empty for the base outline. */
  keys: string[];
  /** True when exactly one thing was assumed: a difference from the base is then caused by it. */
  single: boolean;
}

interface Occurrence {
  step: OutlineStep;
  probe: Probe;
}

/** The paths of a list of step lists in a stable order: each list's new paths go after their predecessor. */
function unionOrder(lists: OutlineStep[][]): string[] {
  const order: string[] = [];
  for (const list of lists) {
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

function mergeStep(occurrences: Occurrence[], base: Probe): OutlineStep {
  const first = occurrences[0]!.step;
  const order = unionOrder(occurrences.map(({ step }) => step.children));
  const children = order.map((path) => {
    const inner = occurrences.flatMap(({ step, probe }) => {
      const child = step.children.find((c) => c.path === path);
      return child ? [{ step: child, probe }] : [];
    });
    const merged = mergeStep(inner, base);
    const conditional = inner.length < occurrences.length || merged.conditional === true;
    if (!conditional) return merged;
    // What changes the step's presence: compare every probe that rendered the parent with a reference
    // probe (the base when it rendered the parent). Single-key probes name the cause exactly.
    const reference = occurrences.find(({ probe }) => probe === base) ?? occurrences[0]!;
    const presentInReference = inner.some(({ probe }) => probe === reference.probe);
    const differing = occurrences.filter(({ probe }) => inner.some((o) => o.probe === probe) !== presentInReference).map(({ probe }) => probe);
    const singles = differing.filter((probe) => probe.single).flatMap((probe) => probe.keys);
    const causes = singles.length > 0 ? singles : differing.flatMap((probe) => probe.keys);
    const dependsOn = [...new Set([...(merged.dependsOn ?? []), ...causes])];
    return { ...merged, conditional: true, ...(dependsOn.length > 0 && { dependsOn }) };
  });
  return { ...first, children };
}

/**
 * Merges outlines of one workflow rendered under different assumed answers into one outline: every
 * step that appears in any of them, in render order, with the steps whose presence differs marked
 * `conditional` and, where a probe shows it, what they depend on. Pure: outlines in, outline out.
 */
export function mergeOutlines(base: OutlineStep, probes: Probe[] = []): OutlineStep {
  const baseProbe: Probe = { outline: base, keys: [], single: false };
  const all = [baseProbe, ...probes].filter((probe) => probe.outline.path === base.path);
  return mergeStep(
    all.map((probe) => ({ step: probe.outline, probe })),
    baseProbe,
  );
}
