/**
 * Random workflows and conversations (fast-check arbitraries). A conversation is built by walking
 * the reference model: each user turn's scripted reply is chosen among what makes sense for the
 * task that holds the session then (its tools, the steps it may go back to), from a list of
 * choice numbers, so fast-check shrinks a failing conversation by shrinking that list.
 */
import fc from 'fast-check';
import type { KnownDifference } from './known-differences.js';
import { type ActiveLeaf, ReferenceModel } from './model.js';
import type { ClosePoint, GroupSpec, Reply, Scenario, StepSpec, TaskSpec, ToolCall, ToolKind, Turn } from './spec.js';
import { recordTool, toolName } from './spec.js';

export interface GenerateOptions {
  /** Nested groups (JSX only: LiveKit's nested TaskGroups offer other `out_of_scope` targets by design). */
  nested?: boolean;
  /** Steps that exist only while an earlier answer is not `'skip'` (JSX only). */
  conditional?: boolean;
  /** Tasks with an `end` tool that ends their group early through `useEndGroup` (JSX only). */
  endsGroups?: boolean;
  /** Sensitive tasks and nested groups (JSX only). */
  sensitive?: boolean;
  /**
   * Where the session may close mid-conversation: `settled` only (after a turn settled: what the
   * differential test compares), or `anywhere` (also mid-transition and while the model answers).
   */
  closes?: 'settled' | 'anywhere';
  /**
   * Only what react-agent-tasks promises to do as LiveKit does: no shapes where README says it
   * deliberately does better (`out_of_scope` with an id twice, with no id, or after the step
   * completed in the same reply). The differential test sets it; the fuzz takes those shapes.
   */
  likeLiveKit?: boolean;
  /** Known engine differences whose shapes the conversation must not take. */
  avoid?: readonly KnownDifference[];
  /** Upper bound on user turns. */
  maxTurns?: number;
}

/** The kinds drawn for every task; `end` is added apart (see JsxOnly), so the other draws stay as they were. */
const TOOL_KINDS: ToolKind[] = ['note', 'reject', 'crash', 'fail', 'unlock'];

interface RawStep {
  group: RawStep[] | null;
  greet: boolean;
  tools: ToolKind[];
  fields: string[];
  conditional: boolean;
}

const rawTask: fc.Arbitrary<RawStep> = fc.record({
  group: fc.constant(null),
  greet: fc.boolean(),
  tools: fc.subarray(TOOL_KINDS),
  // One task in three is a collector of two or three fields.
  fields: fc.oneof({ weight: 2, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.subarray(['first', 'last', 'city'], { minLength: 2 }) }),
  conditional: fc.boolean(),
});

interface GroupFlags {
  summarize: boolean;
  returnExceptions: boolean;
  preserveFunctionCallHistory: boolean;
}

const groupFlags: fc.Arbitrary<GroupFlags> = fc.record({ summarize: fc.boolean(), returnExceptions: fc.boolean(), preserveFunctionCallHistory: fc.boolean() });

function rawSteps(nested: boolean, depth: number): fc.Arbitrary<RawStep[]> {
  const step: fc.Arbitrary<RawStep> =
    nested && depth < 2
      ? fc.oneof(
          { weight: 3, arbitrary: rawTask },
          { weight: 1, arbitrary: fc.tuple(fc.boolean(), fc.constant(null)).chain(([conditional]) => rawSteps(nested, depth + 1).map((group) => ({ group, greet: false, tools: [], fields: [], conditional }))) },
        )
      : rawTask;
  return fc.array(step, { minLength: 1, maxLength: depth === 0 ? 4 : 3 });
}

/**
 * Which steps of a workflow get the JSX-only features that need no rendering of their own: one
 * workflow in four has `end` tools (then each task has one with odds 1/2), one in four has
 * sensitive steps (then each task or nested group is sensitive with odds 1/3), so most
 * workflows stay as they were. `marks` holds a number per step, 0 to 5 (its parity and its
 * remainder by three are independent).
 */
interface JsxOnly {
  ends: boolean;
  sensitive: boolean;
  marks: number[];
}

const NO_JSX_ONLY: JsxOnly = { ends: false, sensitive: false, marks: [] };

function jsxOnlyArbitrary(options: GenerateOptions): fc.Arbitrary<JsxOnly> {
  // A constant draws nothing: workflows without these options are the ones they always were.
  if (!options.endsGroups && !options.sensitive) return fc.constant(NO_JSX_ONLY);
  const oneInFour = (on: boolean | undefined) => (on ? fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) : fc.constant(false));
  return fc.record({ ends: oneInFour(options.endsGroups), sensitive: oneInFour(options.sensitive), marks: fc.array(fc.nat({ max: 5 }), { minLength: 16, maxLength: 16 }) });
}

/** A workflow: a top-level group of one to four steps (tasks, or groups when `nested`). */
export function workflowArbitrary(options: GenerateOptions = {}): fc.Arbitrary<GroupSpec> {
  const flags = fc.array(groupFlags, { minLength: 8, maxLength: 8 });
  return fc.tuple(rawSteps(options.nested ?? false, 0), flags, jsxOnlyArbitrary(options)).map(([steps, groupFlags, jsxOnly]) => {
    let tasks = 0;
    let groups = 0;
    const mark = () => jsxOnly.marks[(tasks + groups) % Math.max(1, jsxOnly.marks.length)] ?? 1;
    const sensitive = (m: number) => (jsxOnly.sensitive && m % 3 === 0 ? { sensitive: true } : {});
    const build = (raw: RawStep[]): StepSpec[] => {
      const built: StepSpec[] = [];
      for (const step of raw) {
        // A condition refers to an earlier unconditional task of the same group.
        const earlier = built.filter((s): s is TaskSpec => s.kind === 'task' && !s.when);
        const when = options.conditional && step.conditional && earlier.length > 0 ? { unlessSkipped: earlier[earlier.length - 1]!.id } : undefined;
        if (step.group) {
          const id = `g${++groups}`;
          const flags = groupFlags[groups % groupFlags.length]!;
          const m = mark();
          built.push({ kind: 'group', id, description: `Collects the ${id} details`, ...flags, ...sensitive(m), steps: build(step.group), ...(when ? { when } : {}) });
        } else {
          const id = `t${++tasks}`;
          const m = mark();
          built.push({
            kind: 'task',
            id,
            description: `Collects the ${id}`,
            greet: step.greet,
            tools: jsxOnly.ends && m % 2 === 0 ? [...step.tools, 'end'] : step.tools,
            ...(step.fields.length ? { fields: step.fields } : {}),
            ...(when ? { when } : {}),
            ...sensitive(m),
          });
        }
      }
      return built;
    };
    return { kind: 'group', id: '', description: '', ...groupFlags[0]!, steps: build(steps) };
  });
}

type Action = { reply: Reply; close?: ClosePoint };

/** The conversation the choices describe, played against the reference model. */
export function buildTurns(workflow: GroupSpec, choices: readonly number[], options: GenerateOptions = {}): Turn[] {
  const model = new ReferenceModel(workflow);
  const turns: Turn[] = [];
  const maxTurns = options.maxTurns ?? 40;
  let next = 0;
  const pick = (n: number): number => (choices[next++] ?? 0) % n;
  while (model.active && turns.length < maxTurns) {
    const leaf = model.active;
    // Once the choices run out, every turn completes the task: conversations end.
    const action = next < choices.length ? chooseAction(leaf, pick, options) : finish(leaf, `v${turns.length + 1}`);
    const number = turns.length + 1;
    turns.push({ user: `u${number}: ${describe(action.reply)}`, reply: action.reply, ...(action.close ? { closeAfter: action.close } : {}) });
    if (action.close) break;
    model.apply(action.reply);
  }
  return turns;
}

const call = (name: string, args: Record<string, unknown> = {}): ToolCall => ({ name, args });
const finish = (leaf: ActiveLeaf, value: string): Action => ({ reply: { toolCalls: [call(toolName('finish', leaf.spec.id), { value })] } });

type Ends = 'completes' | 'back' | null;

function chooseAction(leaf: ActiveLeaf, pick: (n: number) => number, options: GenerateOptions): Action {
  const { id, tools } = leaf.spec;
  const has = (kind: ToolKind) => tools.includes(kind);
  const value = () => ['skip', 'yes', 'no', ''][pick(4)]!;
  const back = (): ToolCall => {
    // One step, or two in the order given (the same one twice only where LiveKit's way is not promised).
    const targets = [...leaf.targets.keys()];
    const first = targets.splice(pick(targets.length), 1)[0]!;
    const two = pick(3) === 0 && (targets.length > 0 || !options.likeLiveKit);
    const ids = two ? [first, targets.length ? targets[pick(targets.length)]! : first] : [first];
    return call('out_of_scope', { task_ids: ids });
  };
  // Ids out_of_scope refuses: the current task, no step at all, or (not LiveKit's way) none.
  const refused = (): string[] => [[leaf.path], ['nobody'], []][pick(options.likeLiveKit ? 2 : 3)]!;
  // [weight, the call, what it does to the task: 'completes' it, goes 'back', or nothing]
  const singles: Array<[number, () => ToolCall, Ends]> = [
    [6, () => call(toolName('finish', id), { value: value() }), 'completes'],
    [1, () => call(toolName('finish', id), pick(2) ? { value: 42 } : {}), null],
    [has('note') ? 1 : 0, () => call(toolName('note', id), { text: 'a remark' }), null],
    [has('reject') ? 1 : 0, () => call(toolName('reject', id)), null],
    [has('crash') ? 1 : 0, () => call(toolName('crash', id)), null],
    [has('fail') ? 1 : 0, () => call(toolName('fail', id), { reason: `no ${id}` }), 'completes'],
    // Ends the task and its group (useEndGroup); weight 0 elsewhere leaves the other draws as they were.
    [has('end') ? 2 : 0, () => call(toolName('end', id), { value: value() }), 'completes'],
    [has('unlock') ? 1 : 0, () => call(toolName('unlock', id)), null],
    [has('unlock') ? 1 : 0, () => call(toolName('secret', id)), null],
    [0.5, () => call(toolName('finish', 'nobody'), { value: 'x' }), null],
    [leaf.targets.size > 0 ? 5 : 0, back, 'back'],
    ...(leaf.spec.fields ?? []).map((field): [number, () => ToolCall, Ends] => {
      // Recording the last missing field completes the collector.
      const missing = (leaf.spec.fields ?? []).filter((name) => !leaf.recorded.has(name));
      return [2, () => call(recordTool(field, id), { value: value() }), missing.length === 1 && missing[0] === field ? 'completes' : null];
    }),
    [leaf.targets.size > 0 ? 0.5 : 0, () => call('out_of_scope', { task_ids: refused() }), null],
  ];
  const weighted = <T>(list: Array<[weight: number, make: () => T]>): T => {
    const total = list.reduce((sum, [weight]) => sum + weight, 0);
    let at = pick(Math.max(1, Math.round(total * 2))) / 2;
    for (const [weight, make] of list) {
      if (weight > 0 && at < weight) return make();
      at -= weight;
    }
    return list.find(([weight]) => weight > 0)![1]();
  };
  const single = (): [ToolCall, Ends] => weighted(singles.map(([weight, make, ends]) => [weight, () => [make(), ends] as [ToolCall, Ends]]));
  return weighted<Action>([
    [8, () => ({ reply: { ...(pick(3) === 0 ? { content: 'Alright.' } : {}), toolCalls: [single()[0]] } })],
    [1, () => ({ reply: { content: 'Could you say that again?' } })],
    [
      2,
      () => {
        // Two calls in one reply (LiveKit runs them together).
        const [first, firstEnds] = single();
        const [picked] = single();
        const harmless = call(toolName('finish', id), { value: 42 });
        let second = picked;
        // After the task ended, `out_of_scope` is refused where LiveKit ignores it (README, Errors).
        if (firstEnds && second.name === 'out_of_scope' && options.likeLiveKit) second = harmless;
        return { reply: { toolCalls: [first, second] } };
      },
    ],
    [
      options.closes ? 0.5 : 0,
      () => ({ reply: { toolCalls: [single()[0]] }, close: options.closes === 'anywhere' ? (['settled', 'answered', 'sent'] as const)[pick(3)] : 'settled' }),
    ],
  ]);
}

function describe(reply: Reply): string {
  const calls = (reply.toolCalls ?? []).map((c) => `${c.name}(${JSON.stringify(c.args)})`);
  return [reply.content, ...calls].filter(Boolean).join(' + ') || '(nothing)';
}

/** A whole scenario: a workflow and a conversation through it. */
export function scenarioArbitrary(options: GenerateOptions = {}): fc.Arbitrary<Scenario> {
  return fc
    .tuple(workflowArbitrary(options), fc.array(fc.nat({ max: 1000 }), { maxLength: 80, size: 'medium' }), fc.boolean())
    .map(([workflow, choices, history]) => ({ name: 'generated', workflow, turns: buildTurns(workflow, choices, options), history }));
}

/** The scenario of one seed: `npm run differential -- --seed N` replays it. */
export function scenarioForSeed(seed: number, options: GenerateOptions = {}): Scenario {
  const [scenario] = fc.sample(scenarioArbitrary(options), { seed, numRuns: 1 });
  return { ...scenario!, name: `seed ${seed}` };
}
