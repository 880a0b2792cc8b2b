/**
 * Durable workflows, the engine side (README "Durable workflows"): a workflow run with
 * `checkpoint: { store, key }` saves its progress before each task of a group starts, and a call
 * whose key holds a checkpoint takes it back: finished steps are restored into their groups (not
 * asked again, their callbacks not run again), the interrupted step starts afresh, and the model
 * is told the call resumed. The stores and the document live in src/durable.
 */
import { llm } from '@livekit/agents';
import type { CheckpointStore } from '../durable/checkpoint-store.js';
import { createCheckpoint, type CheckpointInput } from '../durable/create-checkpoint.js';
import { checkpointDocumentSchema, type CheckpointDocument } from '../durable/document.js';
import { CheckpointConflictError } from '../durable/errors.js';
import { assertJsonValue, assignOwn } from '../durable/json-value.js';
import { type CheckpointChange, migrateCheckpoint } from '../durable/migrate-checkpoint.js';
import { restoreCheckpoint, type RestoredCheckpoint } from '../durable/restore-checkpoint.js';
import { checkSensitiveRule, type SensitiveRule } from '../durable/sensitive.js';
import { asError, misuse, ReactAgentTasksError } from '../model/errors.js';
import { type AnyStep, type GroupStep, type QueueEntry, planTargets } from '../model/group-step.js';
import type { ResumedCall } from '../model/resumed.js';

/** `runTask(…, { checkpoint })` and `createAgent(…, { checkpoint })`: where and how a call saves its progress. */
export interface CheckpointOptions {
  /** Where checkpoints live: `openFileCheckpointStore`, `redisCheckpointStore`, `memoryCheckpointStore` (react-agent-tasks/durable). */
  store: CheckpointStore;
  /**
   * The call's key, the same when the same caller calls back: usually `callerKey(...)`.
   * `undefined` runs the call without checkpoints (a withheld number must not share a key).
   */
  key: string | undefined;
  /** Your version of the workflow; bump it when steps change. Default `'1'`. */
  version?: string;
  /** How long an untouched checkpoint lives, ms (`null`: until deleted). Default: the store's (24 hours). */
  ttlMs?: number | null;
  /**
   * A checkpoint saved by another version, or naming steps this workflow does not render:
   * `'restart'` (default: the call starts afresh), `'continue'` (keep the steps that still exist), or
   * a function of the change, as `migrateCheckpoint`'s `onChange`, which also gets the document as
   * saved (to move a renamed step's result, say).
   */
  onVersionChange?: VersionPolicy;
  /** How sensitive steps' values are kept out: omitted (default: asked again on resume) or sealed with your key. */
  sensitive?: SensitiveRule;
  /** How many of the last turns the checkpoint keeps as context. Default 12. */
  lastTurns?: number;
  /**
   * Another writer saved this key since this call did (the caller called back and another worker
   * took the call over): this call stops saving and never overwrites it. Called once; also
   * reported as an `error` event. Hang up here if an outdated copy of the call must not go on.
   */
  onConflict?: (error: CheckpointConflictError) => void;
  /** After each save, with its revision and how long it took (building the document and the store's put), ms. */
  onSaved?: (saved: { key: string; revision: number; durationMs: number }) => void;
}

/** `onVersionChange`: `migrateCheckpoint`'s choice, whose function also gets the checkpoint as saved. */
export type VersionPolicy =
  | 'restart'
  | 'continue'
  | ((change: CheckpointChange, continued: CheckpointDocument, saved: CheckpointDocument) => 'restart' | 'continue' | CheckpointDocument);

/** What the checkpointer needs of its workflow (engine/workflow.ts). */
export interface CheckpointedWorkflow {
  readonly closed: boolean;
  batch<T>(callback: () => T): T;
  /** The session's userData, or undefined when the session has none. */
  readUserData(): unknown;
  userDataChanged(): void;
  reportError(error: Error): void;
}

/** What the model is told after the restored turns (README "What the model sees on resume"). */
export const RESUMED_NOTE =
  'The call was interrupted and the caller is back: the conversation resumes where it stopped. ' +
  'What the caller already gave is kept; do not ask for it again.';

interface Loaded {
  document: CheckpointDocument;
  restored: RestoredCheckpoint;
}

type Turn = { role: 'user' | 'assistant'; text: string };
type Context = { summary?: string; turns: Turn[] };

/** One workflow's checkpoints: loads once, restores into the top-level group, saves between steps, deletes at the end. */
export class Checkpointing {
  resumed: ResumedCall | null = null;
  private readonly store: CheckpointStore;
  private readonly key: string;
  private readonly version: string;
  private readonly sensitive: SensitiveRule;
  private readonly lastTurns: number;
  private top: GroupStep | null = null;
  /** The revision this call last read or wrote: every put and the final delete name it. */
  private revision = 0;
  /** Set once this call must not write: another writer owns the key, or what is there could not be read. */
  private stopped = false;
  /** A put that failed without saying whether it was stored: the next save finds out first. */
  private uncertain: CheckpointDocument | null = null;
  /** Saves and the delete run one after another, whoever awaits them. */
  private queue: Promise<void> = Promise.resolve();
  /** The context saved last from a group whose conversation may leave it (a sensitive group's may not). */
  private context: Context = { turns: [] };
  private readonly reported = new Set<string>();

  private constructor(
    private readonly options: CheckpointOptions & { key: string },
    private readonly workflow: CheckpointedWorkflow,
  ) {
    this.store = options.store;
    this.key = options.key;
    this.version = options.version ?? '1';
    this.sensitive = checkSensitiveRule(options.sensitive, 'runTask() checkpoint');
    this.lastTurns = options.lastTurns ?? 12;
  }

  /** Checks the options at once (a developer mistake throws); null when the call runs without checkpoints. */
  static from(options: CheckpointOptions | undefined, workflow: CheckpointedWorkflow): Checkpointing | null {
    if (options === undefined) return null;
    checkOptions(options);
    return options.key === undefined ? null : new Checkpointing({ ...options, key: options.key }, workflow);
  }

  /**
   * Before the top-level group's first step (its AgentTask already holds the session, so a turn
   * never reaches the calling agent meanwhile): reads the call's checkpoint and, if there is one,
   * takes it back into the tree (after the version policy had its say) and into the group's
   * context `chatCtx` (the restored turns and a note that the call resumed). Returns the entries
   * to run first: the interrupted step.
   */
  async resume(top: GroupStep, chatCtx: llm.ChatContext): Promise<QueueEntry[]> {
    this.top = top;
    const loaded = await this.load();
    if (!loaded || this.workflow.closed) return [];
    return this.restore(top, loaded, chatCtx);
  }

  /**
   * The checkpoint under the key, if any. One that cannot be read (corrupt, sealed with a key the
   * rule lacks) or a store that does not answer is reported: the call then runs afresh and
   * leaves what is stored alone.
   */
  private async load(): Promise<Loaded | undefined> {
    try {
      const stored = await this.store.get(this.key);
      if (!stored) return undefined;
      this.revision = stored.revision;
      return { document: stored.document, restored: restoreCheckpoint(stored.document, this.sensitive) };
    } catch (error) {
      this.stopped = true;
      this.workflow.reportError(
        new ReactAgentTasksError(
          `react-agent-tasks: the checkpoint "${this.key}" could not be loaded, so this call starts afresh and saves no checkpoint: ${asError(error).message}`,
          { cause: error },
        ),
      );
      return undefined;
    }
  }

  /** Takes `saved` back into the tree, unless the version policy says restart or hands another document. */
  private restore(top: GroupStep, saved: Loaded, chatCtx: llm.ChatContext): QueueEntry[] {
    const userDataBefore = this.shallowUserData();
    this.apply(top, saved);
    const policy = this.options.onVersionChange ?? 'restart';
    const onChange =
      typeof policy === 'function' ? (change: CheckpointChange, continued: CheckpointDocument) => policy(change, continued, saved.document) : policy;
    let outcome: ReturnType<typeof migrateCheckpoint>;
    let taken = saved;
    try {
      outcome = migrateCheckpoint(saved.document, stepPaths(top), { workflowVersion: this.version, onChange });
      if (outcome.action === 'resume' && outcome.document !== saved.document) {
        taken = { document: outcome.document, restored: restoreCheckpoint(outcome.document, this.sensitive) };
      }
    } catch (error) {
      // A mistake in onVersionChange fails the call, and the checkpoint stays for the fixed version.
      this.stopped = true;
      throw error;
    }
    if (outcome.action === 'restart' || taken !== saved) {
      this.resumed = null;
      this.workflow.batch(() => top.forgetRestored());
      this.replaceUserData(userDataBefore);
      if (outcome.action === 'restart') return [];
      this.apply(top, taken);
    }
    const { interrupted, context } = taken.restored;
    this.context = { ...context, turns: [...context.turns] };
    addResumedContext(chatCtx, context);
    return interrupted ? planTargets([interrupted]) : [];
  }

  /**
   * Saves the workflow's progress before `next` starts in `group` (`next` null: the group ran its
   * steps). Never throws: a failed save is reported and the call goes on; the following save
   * first finds out whether the failed one was stored.
   */
  save(group: GroupStep, next: AnyStep | null, chatCtx: llm.ChatContext): Promise<void> {
    if (this.stopped || !this.top || this.workflow.closed) return Promise.resolve();
    const started = performance.now();
    // A sensitive group's shared context holds its steps' words: keep the context saved before it.
    if (!group.sensitive) this.context = contextOf(chatCtx, this.lastTurns);
    let document: CheckpointDocument;
    try {
      document = createCheckpoint(this.progress(next), { sensitive: this.sensitive, lastTurns: this.lastTurns });
    } catch (error) {
      this.workflow.reportError(asError(error));
      return Promise.resolve();
    }
    return this.serially(async () => {
      if (this.stopped) return;
      try {
        if (this.uncertain) await this.settleUncertain();
        this.revision = await this.store.put(this.key, document, { expectedRevision: this.revision, ttlMs: this.options.ttlMs });
        this.uncertain = null;
        this.options.onSaved?.({ key: this.key, revision: this.revision, durationMs: performance.now() - started });
      } catch (error) {
        if (error instanceof CheckpointConflictError) return this.lose(error);
        this.uncertain = document;
        this.workflow.reportError(
          new ReactAgentTasksError(`react-agent-tasks: saving the checkpoint "${this.key}" failed; the call goes on: ${asError(error).message}`, { cause: error }),
        );
      }
    });
  }

  /** The workflow ended: `keep` when the call dropped (it may come back), else the checkpoint is deleted. */
  end(keep: boolean): Promise<void> {
    return this.serially(async () => {
      if (keep || this.stopped || (this.revision === 0 && !this.uncertain)) return;
      try {
        if (this.uncertain) await this.settleUncertain();
        if (this.revision > 0) await this.store.delete(this.key, { expectedRevision: this.revision });
      } catch (error) {
        if (error instanceof CheckpointConflictError) return this.lose(error);
        this.workflow.reportError(
          new ReactAgentTasksError(`react-agent-tasks: deleting the finished call's checkpoint "${this.key}" failed; it expires with its TTL: ${asError(error).message}`, {
            cause: error,
          }),
        );
      }
    });
  }

  private serially(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work);
    return this.queue;
  }

  /** Whether the put that failed was stored after all: adopts its revision if so; another writer's is a conflict. */
  private async settleUncertain(): Promise<void> {
    const current = await this.store.get(this.key);
    const currentRevision = current?.revision ?? 0;
    if (currentRevision !== this.revision) {
      if (!current || currentRevision !== this.revision + 1 || !sameDocument(current.document, this.uncertain!)) {
        throw new CheckpointConflictError(this.key, this.revision, currentRevision);
      }
      this.revision = currentRevision;
    }
    this.uncertain = null;
  }

  private lose(error: CheckpointConflictError): void {
    this.stopped = true;
    this.workflow.reportError(error);
    try {
      this.options.onConflict?.(error);
    } catch (thrown) {
      this.workflow.reportError(asError(thrown));
    }
  }

  /** Restores userData, then every group's results and visits, outermost first (a nested group renders with its parent's results). */
  private apply(top: GroupStep, { document, restored }: Loaded): void {
    this.resumed = {
      savedAt: document.savedAt,
      fromVersion: document.workflowVersion,
      restored: [...restored.results.keys()],
      askAgain: restored.askAgain,
      interrupted: restored.interrupted,
      context: restored.context,
    };
    this.assignUserData(restored.userData);
    const byGroup = new Map<string, Record<string, unknown>>();
    for (const [path, result] of restored.results) {
      const cut = path.lastIndexOf('/');
      const group = cut < 0 ? '' : path.slice(0, cut);
      let results = byGroup.get(group);
      if (!results) byGroup.set(group, (results = {}));
      results[path.slice(cut + 1)] = result;
    }
    // Breadth first: a nested group is restored once its parent's commit has rendered it.
    const groups: GroupStep[] = [top];
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i]!;
      const results = byGroup.get(group.path) ?? {};
      const visited = restored.groups[group.path]?.visited ?? [];
      if (Object.keys(results).length > 0 || visited.length > 0) {
        const restoring = group;
        this.workflow.batch(() => restoring.restore(results, visited));
        this.workflow.batch(() => restoring.settleRestored());
      }
      for (const child of group.children) if (child.kind === 'group') groups.push(child);
    }
  }

  /** What the checkpoint holds now: every group's results and visits, the step about to start, userData and context. */
  private progress(next: AnyStep | null): CheckpointInput {
    const completed: Array<{ path: string; result: unknown; sensitive: boolean }> = [];
    const groups: NonNullable<CheckpointInput['groups']> = {};
    const walk = (group: GroupStep): void => {
      const children = new Map(group.children.map((child) => [child.id, child]));
      const visited = [...group.visited];
      groups[group.path] = { visited, goBackTargets: visited.filter((id) => children.has(id)) };
      for (const [id, result] of Object.entries(group.results)) {
        const path = group.path ? `${group.path}/${id}` : id;
        if (!this.savable(result, `the result of step "${path}"`)) continue;
        completed.push({ path, result, sensitive: children.get(id)?.sensitive ?? group.sensitive });
      }
      for (const child of group.children) if (child.kind === 'group') walk(child);
    };
    walk(this.top!);
    const userData = this.workflow.readUserData();
    return {
      workflowVersion: this.version,
      completed,
      inProgress: next && { path: next.path, sensitive: next.sensitive },
      groups,
      userData: userData === undefined || this.savable(userData, 'userData') ? userData : {},
      ...(this.context.summary !== undefined && { summary: this.context.summary }),
      turns: this.context.turns,
    };
  }

  /**
   * True when the value can be saved. A failed step's error (`returnExceptions`) is not: that step
   * runs again on resume. Anything else that is not plain JSON is reported once, and left out.
   */
  private savable(value: unknown, subject: string): boolean {
    if (value instanceof Error || holdsError(value)) return false;
    try {
      if (value !== undefined) assertJsonValue(value, subject);
      return true;
    } catch (error) {
      if (!this.reported.has(subject)) {
        this.reported.add(subject);
        this.workflow.reportError(
          new ReactAgentTasksError(`${asError(error).message} It is left out of the checkpoint: a resumed call runs that step again (or starts with empty userData).`),
        );
      }
      return false;
    }
  }

  private shallowUserData(): Record<string, unknown> | undefined {
    const userData = this.workflow.readUserData();
    return isPlainObject(userData) ? { ...userData } : undefined;
  }

  /** Restored keys go onto the session's own userData object (it stays the developer's object). */
  private assignUserData(restored: unknown): void {
    const userData = this.workflow.readUserData();
    if (!isPlainObject(userData) || !isPlainObject(restored)) return;
    assignOwn(userData, restored);
    this.workflow.userDataChanged();
  }

  private replaceUserData(before: Record<string, unknown> | undefined): void {
    const userData = this.workflow.readUserData();
    if (!before || !isPlainObject(userData)) return;
    for (const key of Object.keys(userData)) if (!Object.hasOwn(before, key)) delete userData[key];
    assignOwn(userData, before);
    this.workflow.userDataChanged();
  }
}

/** Throws at once when checkpoint options cannot work, naming the option (createAgent checks them when it is called). */
export function checkOptions(options: CheckpointOptions): void {
  const subject = 'runTask() checkpoint';
  if (options === null || typeof options !== 'object') {
    throw misuse(subject, `got ${String(options)}`, 'Pass { store, key }, e.g. { store: await openFileCheckpointStore({ directory }), key: callerKey(...) }.');
  }
  const store = options.store as Partial<CheckpointStore> | undefined;
  if (!store || typeof store.get !== 'function' || typeof store.put !== 'function' || typeof store.delete !== 'function') {
    throw misuse(subject, 'has no store', 'Pass a CheckpointStore from react-agent-tasks/durable, e.g. store: await openFileCheckpointStore({ directory }).');
  }
  if (options.key !== undefined && (typeof options.key !== 'string' || options.key === '')) {
    throw misuse(subject, `got the key ${JSON.stringify(options.key)}`, 'Pass a non-empty string (callerKey(...)), or undefined to run the call without checkpoints.');
  }
  if (options.version !== undefined && (typeof options.version !== 'string' || options.version === '')) {
    throw misuse(subject, `got the version ${JSON.stringify(options.version)}`, "Pass your workflow's version as a non-empty string, e.g. '2'.");
  }
  const lastTurns = options.lastTurns;
  if (lastTurns !== undefined && (!Number.isSafeInteger(lastTurns) || lastTurns < 0)) {
    throw misuse(subject, `got lastTurns ${String(lastTurns)}`, 'Pass a whole number ≥ 0.');
  }
  checkSensitiveRule(options.sensitive, subject);
  const choice = options.onVersionChange;
  if (choice !== undefined && choice !== 'restart' && choice !== 'continue' && typeof choice !== 'function') {
    throw misuse(subject, `got onVersionChange ${JSON.stringify(choice)}`, "Pass 'restart', 'continue' or a function of the change.");
  }
}

/** Every step path the tree renders now (tasks and groups, nested ones as `group/step`). */
function stepPaths(top: GroupStep): string[] {
  const paths: string[] = [];
  const walk = (group: GroupStep): void => {
    for (const child of group.children) {
      paths.push(child.path);
      if (child.kind === 'group') walk(child);
    }
  };
  walk(top);
  return paths;
}

/**
 * The context a checkpoint keeps: the last summary (LiveKit's `is_summary` message) and the
 * plain user and assistant turns after it, at most `lastTurns`. Read from the end, so it costs
 * what the recent conversation holds.
 */
function contextOf(chatCtx: llm.ChatContext, lastTurns: number): Context {
  const turns: Turn[] = [];
  let summary: string | undefined;
  const items = chatCtx.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.type !== 'message' || (item.role !== 'user' && item.role !== 'assistant')) continue;
    const text = (item.textContent ?? '').trim();
    if (!text) continue;
    if (item.extra?.is_summary === true) {
      summary = text.replace(/^<chat_history_summary>\s*|\s*<\/chat_history_summary>$/g, '');
      break;
    }
    if (turns.length < lastTurns) turns.push({ role: item.role, text });
  }
  return { ...(summary !== undefined && { summary }), turns: turns.reverse() };
}

/** What a resumed call's context gets: the saved summary and turns as LiveKit writes them, then {@link RESUMED_NOTE}. */
function addResumedContext(chatCtx: llm.ChatContext, context: Context): void {
  const extra = { restored_from_checkpoint: true };
  if (context.summary !== undefined) {
    chatCtx.addMessage({ role: 'assistant', content: `<chat_history_summary>\n${context.summary}\n</chat_history_summary>`, extra: { ...extra, is_summary: true } });
  }
  for (const turn of context.turns) chatCtx.addMessage({ role: turn.role, content: turn.text, extra });
  chatCtx.addMessage({ role: 'system', content: RESUMED_NOTE, extra });
}

/** A group's result whose taskResults hold a failed step's error (`returnExceptions`). */
function holdsError(value: unknown): boolean {
  const results = (value as { taskResults?: unknown } | null)?.taskResults;
  return isPlainObject(results) && Object.values(results).some((result) => result instanceof Error);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Two documents as stored (both through the schema, so keys come in one order). */
function sameDocument(stored: CheckpointDocument, sent: CheckpointDocument): boolean {
  return JSON.stringify(stored) === JSON.stringify(checkpointDocumentSchema.parse(sent));
}
