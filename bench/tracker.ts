/**
 * What both implementations report to the driver, with the same calls at the same places:
 * `completing()` right before a task's `complete()`, `enterStarted()` first thing in a task's
 * onEnter (the step-change latency is the time between them), and `entered(id)` once a task is
 * ready for the user (the fact the driver waits on instead of sleeping).
 */
export class Tracker {
  /** Milliseconds from a `complete()` to the next task's onEnter, one per step change. */
  readonly stepChanges: number[] = [];
  /** Ids of the tasks entered so far, in order. */
  readonly entries: string[] = [];
  private completedAt: number | null = null;
  private waiter: { count: number; resolve: () => void } | null = null;

  completing(): void {
    this.completedAt = performance.now();
  }

  enterStarted(): void {
    if (this.completedAt === null) return;
    this.stepChanges.push(performance.now() - this.completedAt);
    this.completedAt = null;
  }

  entered(id: string): void {
    this.entries.push(id);
    if (this.waiter && this.entries.length >= this.waiter.count) {
      const { resolve } = this.waiter;
      this.waiter = null;
      resolve();
    }
  }

  /** Resolves once `count` task entries happened; the id of the last one must be `id`. */
  async waitForEntry(count: number, id: string): Promise<void> {
    if (this.entries.length < count) {
      await new Promise<void>((resolve) => {
        this.waiter = { count, resolve };
      });
    }
    const last = this.entries[this.entries.length - 1];
    if (this.entries.length !== count || last !== id) {
      throw new Error(`expected entry #${count} to be "${id}", got [${this.entries.join(', ')}]`);
    }
  }
}
