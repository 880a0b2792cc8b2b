import { llm, voice } from '@livekit/agents';
import type { Workflow } from '../../engine/workflow.js';
import type { WorkflowEvent } from '../../model/types.js';
import { type StepView, allSteps, rootStep } from '../workflow-view.js';
import type { CoverageRun } from './run.js';

/**
 * Follows one session and writes a {@link CoverageRun} per workflow into `sink`: the steps seen in
 * the tree after every event, the tools (and go-back targets) each task offered when it entered
 * or its tools changed, the tool calls and the go-backs taken.
 */
export class CoverageRecorder {
  private readonly runs = new Map<Workflow, CoverageRun>();
  /** Which run and task last offered a tool name: a call is counted there. */
  private readonly offeredBy = new Map<string, { run: CoverageRun; task: string }>();

  constructor(
    private readonly session: voice.AgentSession<any>,
    private readonly sink: CoverageRun[],
  ) {
    session.on(voice.AgentSessionEventTypes.FunctionToolsExecuted, this.onToolsExecuted);
  }

  stop(): void {
    this.session.off(voice.AgentSessionEventTypes.FunctionToolsExecuted, this.onToolsExecuted);
  }

  readonly onWorkflowEvent = (event: WorkflowEvent, workflow: Workflow): void => {
    if (event.type === 'finished' || event.type === 'error') return;
    const root = rootStep(workflow);
    if (!root) return;
    const run = this.runOf(workflow, root);
    for (const step of allSteps(root)) {
      if (step === root && step.kind === 'group') continue;
      const seen = (run.steps[step.path] ??= { kind: step.kind, entries: 0, skipped: false });
      seen.entries = Math.max(seen.entries, step.entries);
      seen.skipped ||= step.status === 'skipped';
    }
    if (event.type === 'entered' || event.type === 'toolsUpdated') this.readOffer(run, event.path);
    if (event.type === 'wentBack') {
      const offered = (run.goBacks[event.from] ??= {});
      for (const target of event.targets) offered[target] = (offered[target] ?? 0) + 1;
    }
  };

  private runOf(workflow: Workflow, root: StepView): CoverageRun {
    let run = this.runs.get(workflow);
    if (!run) {
      run = { workflow: workflowName(root), steps: {}, tools: {}, goBacks: {} };
      this.runs.set(workflow, run);
      this.sink.push(run);
    }
    return run;
  }

  /** Records what the task at `path` offers the model now (LiveKit's public `agent.toolCtx`). */
  private readOffer(run: CoverageRun, path: string): void {
    let agent: voice.Agent;
    try {
      agent = this.session.currentAgent;
    } catch {
      return;
    }
    if (agent.id !== path) return;
    const tools = (run.tools[path] ??= {});
    for (const tool of Object.values(agent.toolCtx.functionTools)) {
      if (tool.name === 'out_of_scope') {
        const offered = (run.goBacks[path] ??= {});
        for (const target of goBackTargets(tool)) offered[target] ??= 0;
        continue;
      }
      tools[tool.name] ??= { calls: 0, rejected: 0 };
      this.offeredBy.set(tool.name, { run, task: path });
    }
  }

  private readonly onToolsExecuted = (event: voice.FunctionToolsExecutedEvent): void => {
    event.functionCalls.forEach((call, i) => {
      const offer = this.offeredBy.get(call.name);
      if (!offer || call.name === 'out_of_scope') return;
      const counts = (offer.run.tools[offer.task] ??= {})[call.name] ?? { calls: 0, rejected: 0 };
      offer.run.tools[offer.task]![call.name] = counts;
      counts.calls++;
      if (event.functionCallOutputs[i]?.isError) counts.rejected++;
    });
  };
}

/** `interview`, or for LiveKit's default group id the ids of its steps: `task_group(name, email)`. */
function workflowName(root: StepView): string {
  if (root.kind === 'group' && root.id === 'task_group') return `task_group(${root.children.map((step) => step.id).join(', ')})`;
  return root.id;
}

/** The task ids `out_of_scope` accepts: the enum of its `task_ids` argument. */
function goBackTargets(tool: llm.FunctionTool<any, any, any>): string[] {
  try {
    const schema = llm.toJsonSchema(tool.parameters) as { properties?: { task_ids?: { items?: { enum?: unknown[] } } } };
    return (schema.properties?.task_ids?.items?.enum ?? []).map(String);
  } catch {
    return [];
  }
}
