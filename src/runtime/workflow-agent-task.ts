import { voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import { WorkflowClosedError, asError } from '../errors.js';
import { workflowStarting } from './observers.js';
import { runGroup } from './run-group.js';
import { Workflow, type WorkflowOptions } from './workflow.js';

/**
 * The AgentTask that hosts a rendered workflow. Its onEnter is the first moment the session is
 * known, so the tree renders there. A top-level `<TaskGroup>` runs in this very AgentTask, as
 * LiveKit's TaskGroup would; a top-level `<Task>` runs as a child of it.
 */
export class WorkflowAgentTask extends voice.AgentTask<unknown> {
  workflow: Workflow | undefined;
  /** Rejects when the session closes before the workflow finished. */
  readonly closed: Promise<never>;
  private rejectClosed!: (error: Error) => void;
  private removeCloseListener = () => {};

  constructor(
    private readonly element: ReactNode,
    private readonly options: WorkflowOptions & { chatCtx?: voice.AgentOptions<unknown>['chatCtx'] },
  ) {
    // The host passes every item through to the parent: the top-level step applies its own
    // preserveFunctionCallHistory (a <Task> when its context merges here, a group in finishGroup).
    super({ id: 'workflow', instructions: '*empty*', chatCtx: options.chatCtx, preserveFunctionCallHistory: true });
    this.closed = new Promise<never>((_, reject) => {
      this.rejectClosed = reject;
    });
    this.closed.catch(() => {});
    workflowStarting(1);
  }

  override async onEnter(): Promise<void> {
    const session = this.session;
    const workflow = new Workflow(session, this.options);
    this.workflow = workflow;
    this.markStarted();
    const onClose = () => {
      this.rejectClosed(new WorkflowClosedError(workflow.lastEntered));
    };
    session.on(voice.AgentSessionEventTypes.Close, onClose);
    this.removeCloseListener = () => session.off(voice.AgentSessionEventTypes.Close, onClose);

    try {
      const step = workflow.mount(this.element);
      if (step.kind === 'group') {
        const group = step;
        if (group.props.chatCtx) await this.updateChatCtx(group.props.chatCtx);
        const queue = workflow.apply(() => group.beginVisit({ id: group.id, fresh: true, targets: [] }));
        try {
          const result = await runGroup(this, group, queue);
          if (!group.props.preserveFunctionCallHistory) await this.updateChatCtx(this._chatCtx.copy({ excludeFunctionCall: true }));
          workflow.endStep(group, 'done');
          this.finish(result);
        } catch (error) {
          workflow.endStep(group, 'failed');
          throw error;
        }
        return;
      }
      const task = step;
      const chatCtx = task.props.chatCtx ?? this._chatCtx.copy();
      const child = workflow.startStep(step, { id: step.id, fresh: true, targets: [] }, chatCtx);
      try {
        const result = await child.run();
        workflow.endStep(step, 'done');
        await task.props.onComplete?.(result);
        this.finish(result);
      } catch (error) {
        workflow.endStep(step, 'failed');
        throw error;
      }
    } catch (error) {
      this.finish(asError(error));
    }
  }

  private finish(result: unknown): void {
    if (!this.done) this.complete(result);
  }

  /** Counts the workflow as starting until its tree renders (or it never does). */
  private rendered = false;
  private markStarted(): void {
    if (!this.rendered) workflowStarting(-1);
    this.rendered = true;
  }

  /** Unmounts the tree (every cleanup runs) and stops listening to the session. */
  dispose(): void {
    this.markStarted();
    this.removeCloseListener();
    this.workflow?.unmount();
  }
}
