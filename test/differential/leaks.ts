/**
 * What a closed session may leave behind: timers and immediates created while a case ran and
 * still pending after it closed, with where each was created. Run one case at a time.
 */
import { createHook } from 'node:async_hooks';

/**
 * Timers LiveKit 1.9 itself leaves after close, with plain classes as with JSX; each fires once
 * and goes (they are not ours to fix; fuzz.test.ts has a repro of the last one with plain classes):
 * - `Task.cancelAndWait(timeout)` races the task against `delay(timeout)` and never clears it (2 s);
 * - `AudioRecognition.commitUserTurn` waits 500 ms in a task that close() does not wait for;
 * - `AgentSession._setUserAwayTimer`: close() clears the user-away timer first, and a reply that
 *   ends after that sets the agent listening, which arms it again (15 s).
 */
export const LIVEKIT_TRANSIENT = [/\bTask\.cancelAndWait\b/, /\bAudioRecognition\.commitUserTurn\b/, /\bAgentSession\._setUserAwayTimer\b/];

export interface Leftover {
  type: string;
  stack: string;
}

export class HandleTracker {
  private readonly live = new Map<number, Leftover>();
  private ignoring = false;
  private readonly hook = createHook({
    init: (id, type) => {
      if (this.ignoring || (type !== 'Timeout' && type !== 'Immediate')) return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 30;
      const stack = new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      this.live.set(id, { type, stack: stack.split('\n').slice(2).join('\n') });
    },
    destroy: (id) => {
      this.live.delete(id);
    },
  });

  start(): this {
    this.hook.enable();
    return this;
  }

  /**
   * Lets pending callbacks run and Node report the handles they ended (it reports destroyed
   * handles a little later), without counting the immediates used for that.
   */
  async flush(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      this.ignoring = true;
      const next = new Promise((resolve) => setImmediate(resolve));
      this.ignoring = false;
      await next;
    }
  }

  /** Stops tracking and returns what is still pending, LiveKit's own transient timers aside unless `all`. */
  stop({ all = false } = {}): Leftover[] {
    this.hook.disable();
    return [...this.live.values()].filter((handle) => all || !LIVEKIT_TRANSIENT.some((pattern) => pattern.test(handle.stack)));
  }
}

/** Listener counts per event, to compare before start and after close. */
export function listenerCounts(emitter: { eventNames(): Array<string | symbol>; listenerCount(event: string | symbol): number }): Record<string, number> {
  return Object.fromEntries(emitter.eventNames().map((event) => [String(event), emitter.listenerCount(event)]));
}
