import type { AnyStep, GroupStep } from './group-step.js';
import type { StepHandle } from './step-handle.js';

/** The group around `group`, or null at the top. */
export function parentGroup(group: GroupStep): GroupStep | null {
  return group.parent?.kind === 'group' ? (group.parent as GroupStep) : null;
}

/** The nearest group, from `from` outwards, rendered with `handle`. */
export function enclosingGroupWith(from: GroupStep | null, handle: StepHandle): GroupStep | undefined {
  for (let group = from; group; group = parentGroup(group)) if (group.props.step === handle) return group;
  return undefined;
}

/** The outermost group around `from`. */
export function outermostGroup(from: GroupStep): GroupStep {
  let top = from;
  for (let group = parentGroup(from); group; group = parentGroup(group)) top = group;
  return top;
}

/**
 * The result of the step rendered with `handle` that is nearest to `from`: looked for in the
 * enclosing group and everything below it, then in each group further out (a handle reused in two
 * places resolves to the closer one). Undefined until that step has a result, and when no step
 * of the tree is rendered with the handle.
 */
export function resultOfHandle(from: GroupStep | null, handle: StepHandle): unknown {
  for (let group = from; group; group = parentGroup(group)) {
    const owner = ownerOf(group, handle);
    if (owner) return Object.prototype.hasOwnProperty.call(owner.group.results, owner.step.id) ? owner.group.results[owner.step.id] : undefined;
  }
  return undefined;
}

/** The step rendered with `handle` under `group` (depth first, in render order), with its group. */
function ownerOf(group: GroupStep, handle: StepHandle): { group: GroupStep; step: AnyStep } | undefined {
  for (const step of group.children) {
    if (step.props.step === handle) return { group, step };
    if (step.kind === 'group') {
      const found = ownerOf(step, handle);
      if (found) return found;
    }
  }
  return undefined;
}
