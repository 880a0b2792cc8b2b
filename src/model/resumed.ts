/**
 * What a workflow knows when it took over a dropped call from a checkpoint (README "Durable
 * workflows"). `useResumed()` hands it to components; the engine fills it in.
 */
export interface ResumedCall {
  /** When the checkpoint was saved, epoch milliseconds. */
  savedAt: number;
  /** The workflow version that saved it (the running one, unless the version policy continued an older one). */
  fromVersion: string;
  /** Paths of the finished steps taken back from it: they are not asked again. */
  restored: string[];
  /** Finished steps asked again: their results were sensitive and left out of the checkpoint. */
  askAgain: string[];
  /** The step that was running when the call dropped: it starts afresh. */
  interrupted: string | null;
  /** What was said before the drop, as put back into the chat context: a summary and the last turns. */
  context: { summary?: string; turns: Array<{ role: 'user' | 'assistant'; text: string }> };
}
