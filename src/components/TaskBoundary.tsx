import { Component, type ReactNode } from 'react';
import { asError } from '../model/errors.js';
import type { TaskVisit } from '../model/visit.js';

interface Props {
  visit: TaskVisit;
  children?: ReactNode;
}

/** A render error inside a task fails that task (its group's `returnExceptions` decides the rest). */
export class TaskBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    this.props.visit.fail(asError(error));
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
