import { type Edge, type EdgeLabel, Graph, type GraphLabel, type NodeLabel, layout } from '@dagrejs/dagre';
import type { StepSnapshot } from '../source.js';

export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 54;
const TITLE_HEIGHT = 18;

export interface PlacedStep {
  step: StepSnapshot;
  /** Top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StepLayout {
  width: number;
  height: number;
  /** Tasks, as boxes. */
  tasks: PlacedStep[];
  /** Groups, as frames around their steps (outermost first); the title sits at the frame's top. */
  groups: PlacedStep[];
  /** Arrows from each step to the next, as polylines. */
  edges: Array<Array<{ x: number; y: number }>>;
}

const titleId = (step: StepSnapshot) => `title:${step.path}`;
const nodeId = (step: StepSnapshot) => `${step.kind}:${step.path}`;

/**
 * Lays the tree out top to bottom with dagre: each task a box, each group a frame around its
 * steps, an arrow from each step to the next. A group's frame starts with an invisible node as
 * wide as its title, so the title never covers a step.
 */
export function layoutSteps(root: StepSnapshot): StepLayout {
  const graph = new Graph<GraphLabel, NodeLabel, EdgeLabel & { visible?: boolean }>({ compound: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 26, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));

  /** Adds the step; returns the nodes an arrow enters it by and leaves it from. */
  const add = (step: StepSnapshot, parent: string | undefined): { entry: string; exit: string } => {
    const id = nodeId(step);
    if (step.kind === 'task') {
      graph.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
      if (parent) graph.setParent(id, parent);
      return { entry: id, exit: id };
    }
    graph.setNode(id, {});
    if (parent) graph.setParent(id, parent);
    const title = titleId(step);
    graph.setNode(title, { width: Math.max(NODE_WIDTH, groupTitle(step).length * 7 + 16), height: TITLE_HEIGHT });
    graph.setParent(title, id);
    let previous = title;
    for (const child of step.children) {
      const { entry, exit } = add(child, id);
      graph.setEdge(previous, entry, { visible: previous !== title });
      previous = exit;
    }
    return { entry: title, exit: previous };
  };
  add(root, undefined);
  layout(graph);

  const placed = (step: StepSnapshot): PlacedStep => {
    const node = graph.node(nodeId(step));
    return { step, x: node.x - node.width / 2, y: node.y - node.height / 2, width: node.width, height: node.height };
  };
  const tasks: PlacedStep[] = [];
  const groups: PlacedStep[] = [];
  const walk = (step: StepSnapshot) => {
    (step.kind === 'task' ? tasks : groups).push(placed(step));
    step.children.forEach(walk);
  };
  walk(root);
  const edges = graph
    .edges()
    .filter((edge: Edge) => graph.edge(edge).visible)
    .map((edge: Edge) => graph.edge(edge).points ?? []);
  const { width = 0, height = 0 } = graph.graph();
  return { width, height, tasks, groups, edges };
}

/** A group's title: its id and description; `TaskGroup` for an unnamed top-level group. */
export function groupTitle(step: StepSnapshot): string {
  const name = step.path === '' && step.id === 'task_group' ? 'TaskGroup' : step.id;
  return step.description ? `${name} — ${step.description}` : name;
}
