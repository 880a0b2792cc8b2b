import { type ReactElement, isValidElement } from 'react';
import { type OutlineStep, type StepSnapshot, outlineOf } from '../inspector/source.js';

/** Options of {@link toMermaid}. */
export interface MermaidOptions {
  /** Layout direction: top-down (default) or left-to-right. */
  direction?: 'TD' | 'LR';
  /** Put each step's description under its id (default true). */
  descriptions?: boolean;
}

const CLASS_STYLES = {
  conditional: 'stroke-dasharray: 6 4',
  collector: 'fill:#eef6ff,stroke:#3b82f6',
  sensitive: 'stroke:#b45309,stroke-width:2px',
  skipped: 'opacity:0.5',
};

type Step = StepSnapshot & Partial<Pick<OutlineStep, 'conditional' | 'dependsOn' | 'collector'>>;

/**
 * Text for inside a quoted Mermaid label, on one line. Characters Mermaid would read as syntax
 * become its numeric entities: `#` (entities), quotes, angle brackets (HTML), `&`, and a backtick
 * (a label starting with one is a markdown string).
 */
function escapeLabel(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[#"<>&`]/g, (char) => `#${char.charCodeAt(0)};`);
}

/** Mermaid node ids: letters, digits and `_` only, never a keyword (`end`), unique per diagram. */
function idAllocator(): (step: Step) => string {
  const taken = new Set<string>();
  const byPath = new Map<string, string>();
  return (step) => {
    const key = `${step.kind}:${step.path}`;
    const known = byPath.get(key);
    if (known) return known;
    const base = `${step.kind === 'group' ? 'g' : 's'}_${step.path.replace(/[^A-Za-z0-9]/g, '_') || 'root'}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    byPath.set(key, id);
    return id;
  };
}

function label(step: Step, options: Required<MermaidOptions>, isRoot: boolean): string {
  const name = escapeLabel(isRoot && step.kind === 'group' && step.id === 'task_group' ? 'TaskGroup' : step.id);
  const notes = [
    step.collector && `«${escapeLabel(step.collector)}»`,
    step.conditional && (step.dependsOn?.length ? `if ${escapeLabel(step.dependsOn.join(', '))}` : 'conditional'),
    step.sensitive && 'sensitive',
  ].filter((note): note is string => !!note);
  const description = options.descriptions && step.description ? `<i>${escapeLabel(step.description)}</i>` : undefined;
  // A subgraph's title shows two lines at most: its notes go beside its name.
  const lines = step.kind === 'group' ? [[name, ...notes].join(' · '), description] : [name, ...notes, description];
  return `"${lines.filter((line) => line !== undefined).join('<br/>')}"`;
}

/**
 * Draws a workflow's structure as a Mermaid flowchart: steps in order, nested groups as
 * subgraphs, conditional steps dashed with what they depend on, prebuilt collectors as
 * subroutines, and — one dotted line per group, between its first and last steps, labelled
 * `↩ back to any earlier step` — that the model may go back to any earlier step of a group
 * (LiveKit's `out_of_scope`).
 *
 * Given an element, it outlines it first (no session, no model); given an outline or a snapshot,
 * it is a pure function of that data.
 *
 * @example
 * console.log(toMermaid(<Interview />));
 */
export function toMermaid(source: Step | ReactElement, options: MermaidOptions = {}): string {
  const root: Step = isValidElement(source) ? outlineOf(source) : source;
  const resolved: Required<MermaidOptions> = { direction: options.direction ?? 'TD', descriptions: options.descriptions ?? true };
  const idOf = idAllocator();
  const lines = [`flowchart ${resolved.direction}`];
  const classes = { conditional: [] as string[], collector: [] as string[], sensitive: [] as string[], skipped: [] as string[] };

  const draw = (step: Step, depth: number): void => {
    const pad = '  '.repeat(depth + 1);
    const id = idOf(step);
    if (step.conditional) classes.conditional.push(id);
    if (step.sensitive) classes.sensitive.push(id);
    if (step.status === 'skipped') classes.skipped.push(id);
    if (step.kind === 'task') {
      if (step.collector) classes.collector.push(id);
      lines.push(step.collector ? `${pad}${id}[[${label(step, resolved, depth === 0)}]]` : `${pad}${id}[${label(step, resolved, depth === 0)}]`);
      return;
    }
    lines.push(`${pad}subgraph ${id}[${label(step, resolved, depth === 0)}]`);
    // Mermaid lays a subgraph out across its parent's direction unless told.
    lines.push(`${pad}  direction ${resolved.direction === 'TD' ? 'TB' : 'LR'}`);
    const steps = step.children as Step[];
    for (const child of steps) draw(child, depth + 1);
    if (steps.length > 1) {
      lines.push(`${pad}  ${steps.map(idOf).join(' --> ')}`);
      // A plain dotted line, first to last: an arrow back to the first step would be a cycle, and
      // Mermaid's layout may then turn the whole group upside down (or fail to draw two steps).
      lines.push(`${pad}  ${idOf(steps[0]!)} -. ↩ back to any earlier step .- ${idOf(steps[steps.length - 1]!)}`);
    }
    lines.push(`${pad}end`);
  };
  draw(root, 0);

  for (const [name, ids] of Object.entries(classes)) {
    if (ids.length === 0) continue;
    lines.push(`  classDef ${name} ${CLASS_STYLES[name as keyof typeof classes]}`);
    lines.push(`  class ${ids.join(',')} ${name}`);
  }
  return `${lines.join('\n')}\n`;
}
