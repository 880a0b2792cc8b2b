import type { llm, voice } from '@livekit/agents';
import type { ReactNode } from 'react';
import { StepController, type StepProps } from './step-controller.js';
import { TaskVisit } from './task-visit.js';

type ModelOptions = Pick<voice.AgentOptions<unknown>, 'llm' | 'tts' | 'stt' | 'vad' | 'turnHandling' | 'toolHandling'>;

/** Props of `<Task>`. See the component for the documentation of each. */
export interface TaskProps<R = unknown> extends StepProps, ModelOptions {
  instructions?: string;
  chatCtx?: llm.ChatContext;
  tools?: llm.ToolContextLike;
  preserveFunctionCallHistory?: boolean;
  onComplete?: (result: R) => void | Promise<void>;
  children?: ReactNode;
}

/** The state of one `<Task>` element across its visits. */
export class TaskController extends StepController<TaskProps> {
  readonly kind = 'task';
  /** The visit in progress; its components are mounted exactly while this is set. */
  visit: TaskVisit | null = null;
  private visits = 0;

  getVisit = (): TaskVisit | null => this.visit;

  /** Starts a visit: mounts a fresh subtree (new state, effects run again). Call inside `workflow.apply`. */
  beginVisit(): TaskVisit {
    this.visit?.end();
    this.visit = new TaskVisit(this, ++this.visits);
    this.entries++;
    this.setStatus('active');
    return this.visit;
  }

  /** Ends the visit: unmounts its subtree so every cleanup runs. Call inside `workflow.apply`. */
  endVisit(status: 'pending' | 'done' | 'failed'): void {
    const visit = this.visit;
    this.visit = null;
    visit?.end();
    this.setStatus(status);
  }

  protected override onDetached(): void {
    this.visit?.fail(new Error(`${this.label} was removed while it was running`));
    super.onDetached();
  }
}

