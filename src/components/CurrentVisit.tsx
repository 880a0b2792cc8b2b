import { Component, createElement, type ReactNode } from 'react';
import { TaskVisitContext } from '../hooks/contexts.js';
import type { TaskStep } from '../model/task-step.js';
import type { TaskVisit } from '../model/visit.js';
import { TaskBoundary } from './TaskBoundary.js';

interface Props {
  step: TaskStep;
  children?: ReactNode;
}

/**
 * A `<Task>`'s children while it has a visit, keyed by the visit so each one mounts fresh. It
 * alone re-renders when a visit starts or ends: the `<Task>` above it and its host step keep
 * their props, and the commit does no more than mount or unmount the visit's subtree.
 *
 * A class subscribing in componentDidMount rather than useSyncExternalStore: visits change only
 * inside the engine's synchronous flushes, where tearing cannot happen, and a store hook would
 * schedule passive effects on every step change (measured: a third of a step change's commit).
 */
export class CurrentVisit extends Component<Props> {
  private rendered: TaskVisit | null = null;
  private unsubscribe: (() => void) | null = null;

  override componentDidMount(): void {
    this.unsubscribe = this.props.step.subscribe(this.onStepChange);
    // A visit that began between render and subscription.
    this.onStepChange();
  }

  override componentWillUnmount(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private readonly onStepChange = (): void => {
    // Status changes notify too; only a new or ended visit changes what is mounted. A closed
    // workflow's tree is about to unmount whole: rendering it once more would be wasted (and,
    // outside the engine's flushes, an update React's act() warns about in tests).
    const { step } = this.props;
    if (this.unsubscribe && step.visit !== this.rendered && !step.runtime.closed) this.forceUpdate();
  };

  override render(): ReactNode {
    const visit = this.props.step.visit;
    this.rendered = visit;
    return (
      visit && createElement(TaskVisitContext.Provider, { key: visit.number, value: visit }, createElement(TaskBoundary, { visit }, this.props.children))
    );
  }
}
