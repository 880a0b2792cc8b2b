/**
 * Step handles: the one place a step's id and result type are written down. JSX erases what an
 * element returns, so the types travel with the handle instead: `<Task step={email}>` renders the
 * step, `useComplete(email)` completes it with its own type, `useResult(email)` reads it, and a
 * group defined from handles types its `{ taskResults }`, its events and its results by path.
 * Every promise a handle makes the types is also checked when the workflow runs (see group-step.ts
 * and the hooks), so a type can be missing (`unknown`) but never wrong.
 */
import { misuse } from './errors.js';
import { assertStepId } from './step-id.js';
import type { TaskCompletedEvent, TaskGroupResult } from './types.js';

declare const resultOut: unique symbol;
declare const resultIn: unique symbol;
declare const stepsMark: unique symbol;
declare const exceptionsMark: unique symbol;

/**
 * The result type a handle stands for. Type-level only (never set). Read and written, so a
 * handle of `{ a; b }` is not a handle of `{ a }`: a component that completes with `{ a }` cannot
 * be given a step that promises `b`.
 */
export interface ResultMark<R> {
  readonly [resultOut]?: R;
  readonly [resultIn]?: (result: R) => void;
}

/** A `<Task>` step's handle, made by {@link defineTask}. */
export interface TaskHandle<R = unknown> extends ResultMark<R> {
  readonly kind: 'task';
  /** The step's id in its group; undefined for a task that only runs alone. */
  readonly id: string | undefined;
}

/** A `<TaskGroup>` step's handle, made by {@link defineGroup}: its steps, and what its result is. */
export interface GroupHandle<S extends StepMap = StepMap, R = unknown, E extends boolean = boolean> extends ResultMark<R> {
  readonly kind: 'group';
  readonly id: string | undefined;
  /** The handles of the group's steps by id, to render them: `<Task step={signUp.steps.email}>`. */
  readonly steps: StepsOf<S>;
  /** Ids of the steps wrapped in `optional(…)`: steps that are rendered only under a condition. */
  readonly optionalIds: readonly string[];
  /** A failing step's error becomes its result (LiveKit's `return_exceptions`). */
  readonly returnExceptions: E;
  /** A step may end the group early with `useEndGroup`, leaving later steps without results. */
  readonly endsEarly: boolean;
  /** Turns `{ taskResults }` into the group's result. */
  readonly mapResult: ((result: TaskGroupResult<any>) => unknown) | undefined;
  readonly [stepsMark]?: S;
  readonly [exceptionsMark]?: E;
}

/** A step that its group renders only under a condition: its result may be missing. */
export interface Optional<H extends StepHandle = StepHandle> {
  readonly kind: 'optional';
  readonly handle: H;
}

export type AnyTaskHandle = TaskHandle<any>;
export type AnyGroupHandle = GroupHandle<any, any, boolean>;
/** A handle of either kind. */
export type StepHandle = AnyTaskHandle | AnyGroupHandle;
/** A group's definition: step handles (or `optional(handle)`) by id. */
export type StepMap = { readonly [id: string]: StepHandle | Optional };

type Unwrap<Entry> = Entry extends Optional<infer H> ? H : Entry;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type StepsOf<S> = { readonly [K in keyof S]: Unwrap<S[K]> };

/** The result type a handle stands for; `unknown` for anything else. */
export type ResultOf<H> = H extends ResultMark<infer R> ? R : unknown;

/** The step map a group handle was defined with. */
export type StepMapOf<G> = G extends GroupHandle<infer S, any, boolean> ? S : never;

type Recorded<Entry, E> = Entry extends Optional<infer H> ? Recorded<H, E> : ResultOf<Entry> | (E extends true ? Error : never);
type RequiredIds<S> = { [K in keyof S]: S[K] extends Optional ? never : K }[keyof S];
type OptionalIds<S> = Exclude<keyof S, RequiredIds<S>>;

/**
 * What a group's steps record, by id: each step's result type (`| Error` with `returnExceptions`),
 * optional for steps marked `optional(…)`.
 */
export type GroupResults<S, E extends boolean = false> = Simplify<
  { [K in RequiredIds<S>]: Recorded<S[K], E> } & { [K in OptionalIds<S>]?: Recorded<S[K], E> }
>;

/** The results of a group handle's steps by id. */
export type GroupResultsOf<G> = G extends GroupHandle<infer S, any, infer E> ? GroupResults<S, E> : never;

/**
 * A group's `{ taskResults }`. With `endsEarly`, either every result, or (`endedBy` set) the ones
 * collected before the step that ended the group.
 */
export type TaskGroupOutcome<T extends object, X extends boolean = false> = X extends true
  ? (TaskGroupResult<T> & { endedBy?: undefined }) | (TaskGroupResult<Partial<T>> & { endedBy: string })
  : TaskGroupResult<T>;

/** What `onTaskCompleted` of a typed group receives: one event type per step id, told apart by `taskId`. */
export type StepCompletedEvent<S> = {
  [K in keyof S & string]: TaskCompletedEvent<ResultOf<Unwrap<S[K]>>, K>;
}[keyof S & string];

type PathEntry<S, E, Prefix extends string> = {
  [K in keyof S & string]:
    | { path: `${Prefix}${K}`; result: Recorded<S[K], E> }
    | (Unwrap<S[K]> extends GroupHandle<infer Inner, any, infer InnerE> ? PathEntry<Inner, InnerE, `${Prefix}${K}/`> : never);
}[keyof S & string];

/**
 * Every result a workflow whose top-level group is `G` can hold, by path (`card/expiry` inside the
 * nested group `card`), each optional: what `useWorkflowResults(G)` returns.
 */
export type WorkflowResultsOf<G> = G extends GroupHandle<infer S, any, infer E>
  ? { [Entry in PathEntry<S, E, ''> as Entry['path']]?: Entry['result'] }
  : never;

/** Options of {@link defineGroup}. */
export interface GroupOptions<S extends StepMap, E extends boolean, X extends boolean, R> {
  /** A failing step's error becomes its result instead of failing the group; result types gain `| Error`. */
  returnExceptions?: E;
  /** A step may end the group early with `useEndGroup`; the result then says so (`endedBy`) and may miss later steps. */
  endsEarly?: X;
  /** Turns `{ taskResults }` into the group's result; its return type is the group's result type. */
  mapResult?: (result: TaskGroupOutcome<GroupResults<S, E>, X>) => R | Promise<R>;
}

const handles = new WeakSet<object>();

/** True for a handle made by {@link defineTask} or {@link defineGroup}. */
export function isStepHandle(value: unknown): value is StepHandle {
  return typeof value === 'object' && value !== null && handles.has(value);
}

/** How messages name a handle: `step "email"`, `group "card"`, `group { name, email }` for a top-level group. */
export function handleLabel(handle: StepHandle): string {
  if (handle.kind === 'task') return handle.id === undefined ? 'a task handle without an id' : `step "${handle.id}"`;
  return handle.id === undefined ? `group { ${Object.keys(handle.steps).join(', ')} }` : `group "${handle.id}"`;
}

/**
 * A task step's handle: its id and the type it completes with. Render it with
 * `<Task step={handle}>` (or a prebuilt collector's `step` prop), complete it with
 * `useComplete(handle)`, read it anywhere in the workflow with `useResult(handle)`, group it with
 * {@link defineGroup}. The id may be left out for a task that only runs alone.
 *
 * @example
 * const email = defineTask<{ email: string }>('email');
 */
export function defineTask<R>(id?: string): TaskHandle<R> {
  assertStepId(`defineTask(${JSON.stringify(id)})`, id);
  return brand({ kind: 'task', id });
}

/**
 * A group step's handle from its steps' handles, keyed by their ids: its `{ taskResults }` type
 * follows from theirs, as do its `onTaskCompleted` events and the workflow's results by path.
 * Wrap a step the group renders only under a condition in `optional(…)`. `returnExceptions`,
 * `endsEarly` and `mapResult` belong here rather than on `<TaskGroup>`: they shape the result.
 * The id may be left out for a top-level group.
 *
 * @example
 * const signUp = defineGroup({ name, email, phone: optional(phone) });
 * const card = defineGroup('card', { number, expiry }, { mapResult: ({ taskResults }) => ({ ...taskResults.number, ...taskResults.expiry }) });
 */
export function defineGroup<S extends StepMap, E extends boolean = false, X extends boolean = false, R = TaskGroupOutcome<GroupResults<S, E>, X>>(
  steps: S,
  options?: GroupOptions<S, E, X, R>,
): GroupHandle<S, R, E>;
export function defineGroup<S extends StepMap, E extends boolean = false, X extends boolean = false, R = TaskGroupOutcome<GroupResults<S, E>, X>>(
  id: string,
  steps: S,
  options?: GroupOptions<S, E, X, R>,
): GroupHandle<S, R, E>;
export function defineGroup(
  ...args: [StepMap, GroupOptions<StepMap, boolean, boolean, unknown>?] | [string, StepMap, GroupOptions<StepMap, boolean, boolean, unknown>?]
): AnyGroupHandle {
  const [id, map, options = {}] = typeof args[0] === 'string' ? (args as [string, StepMap, GroupOptions<StepMap, boolean, boolean, unknown>?]) : [undefined, ...(args as [StepMap, GroupOptions<StepMap, boolean, boolean, unknown>?])];
  const subject = `defineGroup(${id === undefined ? '' : `${JSON.stringify(id)}, `}…)`;
  assertStepId(subject, id);
  if (typeof map !== 'object' || map === null) throw misuse(subject, 'was given no steps', 'Pass the step handles by id: defineGroup({ name, email }).');
  const steps: Record<string, StepHandle> = {};
  const optionalIds: string[] = [];
  for (const [key, entry] of Object.entries(map)) {
    const optional = typeof entry === 'object' && entry !== null && (entry as Optional).kind === 'optional';
    const handle = optional ? (entry as Optional).handle : entry;
    if (!isStepHandle(handle)) {
      throw misuse(subject, `was given ${JSON.stringify(key)}, which is not a step handle`, 'Make each step with defineTask() or defineGroup(), and mark conditional ones with optional(handle).');
    }
    if (handle.id !== key) {
      const has = handle.id === undefined ? 'has no id' : `has the id ${JSON.stringify(handle.id)}`;
      throw misuse(subject, `lists ${handleLabel(handle)} under the key ${JSON.stringify(key)}, but it ${has}`, `Key each step by its id: defineGroup({ ${handle.id ?? key}: … }), with defineTask<…>('${key}').`);
    }
    steps[key] = handle;
    if (optional) optionalIds.push(key);
  }
  return brand({
    kind: 'group',
    id,
    steps: Object.freeze(steps),
    optionalIds: Object.freeze(optionalIds),
    returnExceptions: options.returnExceptions ?? false,
    endsEarly: options.endsEarly ?? false,
    mapResult: options.mapResult as AnyGroupHandle['mapResult'],
  });
}

/**
 * Marks a step of {@link defineGroup} as rendered only under a condition
 * (`{consent && <Task step={notice}>}`): its result type becomes optional. A step not marked so
 * must always be rendered; a group that starts or finishes without it fails with a
 * `react-agent-tasks:` error naming it.
 *
 * @example
 * defineGroup({ consent, intro, recording_notice: optional(recordingNotice) })
 */
export function optional<H extends StepHandle>(handle: H): Optional<H> {
  if (!isStepHandle(handle)) throw misuse('optional()', 'was given something that is not a step handle', 'Pass a handle made by defineTask() or defineGroup().');
  return Object.freeze({ kind: 'optional', handle });
}

function brand<H extends object>(handle: H): H {
  Object.freeze(handle);
  handles.add(handle);
  return handle;
}
