import { type llm, voice } from '@livekit/agents';
import type { GroupController, QueueEntry } from './group-controller.js';
import { asError } from '../errors.js';
import { runGroup } from './run-group.js';

/** The AgentTask of a nested `<TaskGroup>` visit; like LiveKit's TaskGroup, it runs its steps from onEnter. */
export class GroupAgentTask extends voice.AgentTask<unknown> {
  constructor(
    private readonly group: GroupController,
    private readonly queue: QueueEntry[],
    chatCtx: llm.ChatContext,
  ) {
    super({
      id: group.id,
      instructions: '*empty*',
      chatCtx,
      preserveFunctionCallHistory: group.props.preserveFunctionCallHistory,
    });
  }

  override async onEnter(): Promise<void> {
    try {
      const result = await runGroup(this, this.group, this.queue);
      if (!this.done) this.complete(result);
    } catch (error) {
      if (!this.done) this.complete(asError(error));
    }
  }
}
