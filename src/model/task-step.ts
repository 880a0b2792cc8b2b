import { Step } from './step.js';
import type { TaskProps } from './types.js';
import { TaskVisit } from './visit.js';

/** Props LiveKit fixes when an AgentTask starts: a change during a visit cannot reach it. */
const FIXED_DURING_VISIT = ['llm', 'tts', 'stt', 'vad', 'turnHandling', 'toolHandling', 'chatCtx', 'preserveFunctionCallHistory'] as const;
/** Read once, as React's own builds do: each read of process.env goes through a native getter. */
const WARNS = process.env.NODE_ENV !== 'production';

/** The state of one `<Task>` element across its visits. */
export class TaskStep extends Step<TaskProps> {
  readonly kind = 'task';
  /** The visit in progress; its components are mounted exactly while this is set. */
  visit: TaskVisit | null = null;
  private visits = 0;
  private readonly warned = new Set<string>();
  /** Ended visits, released with the workflow (a late tool call still gets LiveKit's answer until then). */
  private readonly pastVisits = new Set<TaskVisit>();

  /** The result the latest visit completed with, if it did. */
  lastResult: { value: unknown } | undefined;

  getVisit = (): TaskVisit | null => this.visit;

  /** Starts a visit: mounts a fresh subtree (new state, effects run again). Call inside `runtime.batch`. */
  beginVisit(): TaskVisit {
    this.visit?.end();
    this.visit = new TaskVisit(this, ++this.visits);
    this.lastResult = undefined;
    this.entries++;
    this.setStatus('active');
    return this.visit;
  }

  /** The workflow ended: every visit this step had lets go of the workflow. */
  releaseVisits(): void {
    for (const visit of this.pastVisits) visit.release();
    this.pastVisits.clear();
    this.visit?.release();
  }

  /** Ends the visit: unmounts its subtree so every cleanup runs. Call inside `runtime.batch`. */
  endVisit(status: 'pending' | 'done' | 'failed' | 'skipped'): void {
    const visit = this.visit;
    this.visit = null;
    visit?.end();
    if (visit) this.pastVisits.add(visit);
    this.setStatus(status);
  }

  /**
   * New props from a render. Instructions and tools follow state during a visit (the engine
   * pushes real changes); props LiveKit fixes at the start warn once instead of silently freezing.
   */
  update(next: TaskProps): void {
    const previous = this.props;
    this.props = next;
    const visit = this.visit;
    if (!visit) return;
    if (WARNS) {
      for (const key of FIXED_DURING_VISIT) {
        if (previous[key] !== next[key] && !this.warned.has(key)) {
          this.warned.add(key);
          console.warn(
            `react-agent-tasks: ${this.label} changed its \`${key}\` prop during a visit; LiveKit fixes it when the task starts, ` +
              'so the change applies from the next visit. Keep it stable, or key the <Task> to restart it.',
          );
        }
      }
    }
    if (previous.instructions !== next.instructions) this.runtime.instructionsChanged(visit);
    if (previous.tools !== next.tools) this.runtime.toolsChanged(visit);
  }
}
