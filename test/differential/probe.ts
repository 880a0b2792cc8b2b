/**
 * What the driver needs to know about a running workflow, reported the same way by both
 * interpreters: which AgentTasks have finished entering, and how the workflow settled.
 */
import type { voice } from '@livekit/agents';

export type Outcome = { ok: true; value: unknown } | { ok: false; error: Error };

export class Probe {
  /** Each entered AgentTask, with its index in `entries`. */
  private readonly entered = new WeakMap<voice.Agent, number>();
  /** Step ids in the order they were entered. */
  readonly entries: string[] = [];
  /** What each group's onTaskCompleted received: `group: step (agentTask.id) = result`. */
  readonly completions: string[] = [];
  /** JSX components mounted now (their effects ran and were not cleaned up): 0 once the tree unmounted. */
  mounted = 0;
  outcome: Outcome | undefined;
  private readonly listeners = new Set<() => void>();

  /** Called at the end of a task's onEnter. */
  enter(agentTask: voice.Agent, id: string): void {
    this.entered.set(agentTask, this.entries.length);
    this.entries.push(id);
    this.notify();
  }

  taskCompleted(group: string, event: { agentTask: voice.Agent; taskId: string; result: unknown }): void {
    this.completions.push(`${group || 'top'}: ${event.taskId} (${event.agentTask.id}) = ${JSON.stringify(event.result)}`);
  }

  hasEntered(agent: voice.Agent): boolean {
    return this.entered.has(agent);
  }

  /** The index in `entries` of the visit this AgentTask ran, once it entered. */
  entryOf(agent: voice.Agent): number | undefined {
    return this.entered.get(agent);
  }

  /** What the JSX workflow reported with `error` events (errors the model is not shown): informative. */
  readonly reported: string[] = [];
  /** Errors the workflow code hit outside any task (a failed tool update): each fails the check. */
  readonly errors: Error[] = [];

  report(error: unknown): void {
    this.errors.push(error instanceof Error ? error : new Error(String(error)));
  }

  settle(outcome: Outcome): void {
    this.outcome ??= outcome;
    this.notify();
  }

  /** Runs `run` and settles with what it resolves or rejects with. */
  async settleWith(run: () => Promise<unknown>): Promise<void> {
    try {
      this.settle({ ok: true, value: await run() });
    } catch (error) {
      this.settle({ ok: false, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
