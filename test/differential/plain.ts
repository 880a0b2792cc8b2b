/**
 * A workflow spec as plain LiveKit: one `voice.AgentTask` per task, `workflows.TaskGroup` per
 * group, run from a parent `voice.Agent`'s onEnter, as LiveKit's documentation writes them.
 */
import { type llm, voice, workflows } from '@livekit/agents';
import type { Probe } from './probe.js';
import { type GroupSpec, PARENT_INSTRUCTIONS, earlierExchange, jsxOnlyFeature, type StepSpec, type TaskSpec, greeting, taskInstructions } from './spec.js';
import { type TaskActions, livekitTool, secretTool, startTools } from './tools.js';

/** Never called: buildGroup refuses workflows with `end` tools. */
const noEndGroup = (): never => {
  throw new Error('plain LiveKit has no useEndGroup');
};

class SpecTask extends voice.AgentTask<unknown> {
  private unlocked = false;

  constructor(
    private readonly spec: TaskSpec,
    private readonly probe: Probe,
  ) {
    const actions: TaskActions = {
      complete: (result) => this.complete(result),
      endGroup: noEndGroup,
      unlock: () => this.unlock(),
      recorded: new Map(),
    };
    super({
      id: spec.id,
      instructions: taskInstructions(spec.id),
      tools: startTools(spec).map((tool) => livekitTool(tool, actions)),
    });
  }

  override async onEnter(): Promise<void> {
    if (this.spec.greet) this.session.generateReply({ instructions: greeting(this.spec.id) });
    this.probe.enter(this, this.spec.id);
  }

  private unlock(): boolean {
    if (this.unlocked) return false;
    this.unlocked = true;
    const secret = livekitTool(secretTool(this.spec), { complete: (result) => this.complete(result), endGroup: noEndGroup, unlock: () => false, recorded: new Map() });
    // Not awaited, as react-agent-tasks pushes tool changes without holding the tool call: a
    // tool call in the same reply must not overtake this one in either implementation.
    this.updateTools([...this.toolCtx.tools, secret]).catch((error: unknown) => this.probe.report(error));
    return true;
  }
}

function buildStep(spec: StepSpec, probe: Probe): voice.AgentTask<unknown> {
  return spec.kind === 'task' ? new SpecTask(spec, probe) : buildGroup(spec, probe);
}

export function buildGroup(spec: GroupSpec, probe: Probe, chatCtx?: llm.ChatContext): workflows.TaskGroup {
  const jsxOnly = jsxOnlyFeature(spec);
  if (jsxOnly) throw new Error(`plain LiveKit has no ${jsxOnly}`);
  const group = new workflows.TaskGroup({
    summarizeChatCtx: spec.summarize,
    returnExceptions: spec.returnExceptions,
    preserveFunctionCallHistory: spec.preserveFunctionCallHistory,
    chatCtx,
    onTaskCompleted: async (event) => probe.taskCompleted(spec.id, event),
  });
  for (const step of spec.steps) group.add(() => buildStep(step, probe), { id: step.id, description: step.description });
  return group;
}

/** The session's agent: runs the workflow from its onEnter and reports how it settled. */
export class PlainParent extends voice.Agent {
  constructor(
    private readonly workflow: GroupSpec,
    private readonly probe: Probe,
    history: boolean,
  ) {
    super({ instructions: PARENT_INSTRUCTIONS, chatCtx: history ? earlierExchange() : undefined });
  }

  override async onEnter(): Promise<void> {
    await this.probe.settleWith(() => buildGroup(this.workflow, this.probe, this.chatCtx).run());
  }
}
