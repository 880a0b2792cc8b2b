/**
 * A workflow spec as JSX: `<Task>`s in `<TaskGroup>`s, the tools declared with `useTool` and
 * `<Tool>`, run with `runTask` from a parent `voice.Agent`'s onEnter.
 */
import { voice } from '@livekit/agents';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { Task, TaskGroup, Tool, type WorkflowEvent, runTask, useComplete, useEndGroup, useOnEnter, useTaskResults, useTool } from 'react-agent-tasks';
import type { Probe } from './probe.js';
import { type GroupSpec, PARENT_INSTRUCTIONS, earlierExchange, type StepSpec, type TaskSpec, greeting, taskInstructions } from './spec.js';
import { type TaskActions, type ToolBehaviour, secretTool, startTools } from './tools.js';

/** The completion tool, declared with `useTool` (the other tools are `<Tool>` elements). */
function FinishTool({ tool, actions }: { tool: ToolBehaviour; actions: TaskActions }): null {
  useTool(tool.name, { description: tool.description, parameters: tool.parameters, execute: (args) => tool.run(args, actions) });
  return null;
}

/** Counts the component as mounted until its cleanup runs: closing must run every cleanup. */
function useMountCount(probe: Probe): void {
  useEffect(() => {
    probe.mounted++;
    return () => {
      probe.mounted--;
    };
  }, [probe]);
}

function TaskBody({ spec, probe }: { spec: TaskSpec; probe: Probe }): ReactElement {
  useMountCount(probe);
  const complete = useComplete();
  // Every spec task is a step of a group, so useEndGroup never throws here.
  const endGroup = useEndGroup();
  const [unlocked, setUnlocked] = useState(false);
  // Two unlock calls in one reply run before React renders again: the ref sees the first.
  const unlockedNow = useRef(false);
  const recorded = useRef(new Map<string, string>());
  useOnEnter(({ session, agentTask }) => {
    if (spec.greet) session.generateReply({ instructions: greeting(spec.id) });
    probe.enter(agentTask, spec.id);
  });
  const actions: TaskActions = {
    complete,
    endGroup,
    unlock: () => {
      if (unlockedNow.current) return false;
      unlockedNow.current = true;
      setUnlocked(true);
      return true;
    },
    recorded: recorded.current,
  };
  // Declared in the order plain.ts lists them: sibling layout effects run in order.
  const [finish, ...others] = startTools(spec) as [ToolBehaviour, ...ToolBehaviour[]];
  const secret = secretTool(spec);
  return (
    <>
      <FinishTool tool={finish} actions={actions} />
      {others.map((tool) => (
        <Tool key={tool.name} name={tool.name} description={tool.description} parameters={tool.parameters} execute={(args) => tool.run(args, actions)} />
      ))}
      {unlocked && <Tool name={secret.name} description={secret.description} parameters={secret.parameters} execute={(args) => secret.run(args, actions)} />}
    </>
  );
}

/** A step whose presence follows an earlier sibling's result (JSX only). */
function Conditional({ spec, probe }: { spec: StepSpec; probe: Probe }): ReactElement | null {
  const results = useTaskResults();
  if (spec.when && results[spec.when.unlessSkipped] === 'skip') return null;
  return <Step spec={spec} probe={probe} />;
}

function Step({ spec, probe }: { spec: StepSpec; probe: Probe }): ReactElement {
  if (spec.kind === 'group') return <SpecGroup spec={spec} probe={probe} />;
  return (
    <Task id={spec.id} description={spec.description} instructions={taskInstructions(spec.id)} sensitive={spec.sensitive}>
      <TaskBody spec={spec} probe={probe} />
    </Task>
  );
}

export function SpecGroup({ spec, probe }: { spec: GroupSpec; probe: Probe }): ReactElement {
  useMountCount(probe);
  return (
    <TaskGroup
      {...(spec.id ? { id: spec.id, description: spec.description } : {})}
      summarize={spec.summarize}
      returnExceptions={spec.returnExceptions}
      preserveFunctionCallHistory={spec.preserveFunctionCallHistory}
      sensitive={spec.sensitive}
      onTaskCompleted={(event) => probe.taskCompleted(spec.id, event)}
    >
      {spec.steps.map((step) =>
        step.when ? <Conditional key={step.id} spec={step} probe={probe} /> : <Step key={step.id} spec={step} probe={probe} />,
      )}
    </TaskGroup>
  );
}

/** The session's agent: runs the workflow with runTask from its onEnter and reports how it settled. */
export class JsxParent extends voice.Agent {
  constructor(
    private readonly workflow: GroupSpec,
    private readonly probe: Probe,
    history: boolean,
  ) {
    super({ instructions: PARENT_INSTRUCTIONS, chatCtx: history ? earlierExchange() : undefined });
  }

  override async onEnter(): Promise<void> {
    // `error` events are not failures: they hand the developer what the model is not shown (a
    // tool's internal error), as LiveKit logs it. Listening keeps them off the console.
    const onEvent = (event: WorkflowEvent) => {
      if (event.type === 'error') this.probe.reported.push(event.error.message);
    };
    const workflow = <SpecGroup spec={this.workflow} probe={this.probe} />;
    await this.probe.settleWith(() => runTask(workflow, { chatCtx: this.chatCtx, onEvent }));
  }
}
