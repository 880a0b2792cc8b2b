/** The lifecycle of one workflow's fiber root: create, render, apply updates, unmount. */
import { StrictMode, act, createElement, type ReactNode } from 'react';
import { ConcurrentRoot } from 'react-reconciler/constants.js';
import type { HostContainer } from './elements.js';
import { reconciler } from './renderer.js';

export interface FiberRootOptions {
  /** Render under StrictMode: effects mount, unmount and mount again. */
  strict?: boolean;
  /** A render or commit error no error boundary caught. */
  onUncaughtError(error: unknown): void;
  /**
   * After the commits of a flush (once, when the outermost `apply` returns, layout effects run),
   * and after any commit React makes outside one (in a microtask).
   */
  onCommit(): void;
}

export interface FiberRoot {
  readonly container: HostContainer;
  render(element: ReactNode): void;
  /** Runs `update` and flushes what it scheduled: rendered, committed, effects and `onCommit` run on return. */
  apply<T>(update: () => T): T;
  unmount(): void;
}

declare global {
  // eslint-disable-next-line no-var
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/**
 * Tests that set IS_REACT_ACT_ENVIRONMENT expect every update inside act(); elsewhere, and in
 * React's production build (no `act`, as under NODE_ENV=production in many CIs), updates are
 * flushed with the reconciler's own flushSync.
 */
function flush<T>(update: () => T): T {
  let value!: T;
  if (globalThis.IS_REACT_ACT_ENVIRONMENT === true && typeof act === 'function') {
    act(() => {
      value = update();
    });
  } else {
    reconciler.flushSyncFromReconciler(() => {
      value = update();
    });
    reconciler.flushSyncWork();
  }
  return value;
}

export function createFiberRoot(options: FiberRootOptions): FiberRoot {
  const container: HostContainer = { kind: 'root', children: [], onCommit: options.onCommit, flushing: false };
  const root = reconciler.createContainer(
    container,
    ConcurrentRoot,
    null,
    false,
    null,
    'rat',
    (error) => options.onUncaughtError(error),
    // Errors caught by a <Task>'s boundary fail that task; they are not logged twice.
    () => {},
    () => {},
    () => {},
    null,
  );
  // One onCommit per outermost flush, however many commits it made (a microtask each cost more).
  const apply = <T,>(update: () => T): T => {
    const outermost = !container.flushing;
    container.flushing = true;
    try {
      return flush(update);
    } finally {
      if (outermost) {
        container.flushing = false;
        options.onCommit();
      }
    }
  };
  const render = (element: ReactNode) =>
    apply(() => reconciler.updateContainerSync(options.strict ? createElement(StrictMode, null, element) : element, root, null, null));
  return {
    container,
    render,
    apply,
    unmount: () => render(null),
  };
}
