export { Task, type TaskProps } from './components/Task.js';
export { TaskGroup, type TaskGroupProps, type TypedTaskGroupProps } from './components/TaskGroup.js';
export { Tool, type DefinedToolProps, type ToolProps } from './components/Tool.js';
export { useTool, type UseDefinedToolOptions, type UseToolOptions } from './hooks/use-tool.js';
export { useComplete } from './hooks/use-complete.js';
export { useEndGroup } from './hooks/use-end-group.js';
export { useOnEnter } from './hooks/use-on-enter.js';
export { useOnExit } from './hooks/use-on-exit.js';
export { useSession } from './hooks/use-session.js';
export { useUserData } from './hooks/use-user-data.js';
export { useResult } from './hooks/use-result.js';
export { useTaskResults } from './hooks/use-task-results.js';
export { useWorkflowResults } from './hooks/use-workflow-results.js';
export { useFlushSync } from './hooks/use-flush-sync.js';
export { useResumed, type Resumed } from './hooks/use-resumed.js';
export type { ResumedCall } from './model/resumed.js';
export type { CheckpointOptions, VersionPolicy } from './engine/checkpointing.js';
export { runTask, type RunTaskOptions } from './run-task.js';
export { createAgent, WorkflowAgent, type CreateAgentOptions } from './create-agent.js';
export { withUserData, type UserDataHooks } from './with-user-data.js';
export type { ComponentResult, TaskComponent, TaskComponentProps } from './workflow-source.js';
export { Workflow, type WorkflowOptions } from './engine/workflow.js';
export { outline, type OutlineOptions } from './engine/outline.js';
export { ReactAgentTasksError, WorkflowClosedError } from './model/errors.js';
export {
  defineGroup,
  defineTask,
  optional,
  type AnyGroupHandle,
  type AnyTaskHandle,
  type GroupHandle,
  type GroupOptions,
  type GroupResults,
  type GroupResultsOf,
  type Optional,
  type ResultOf,
  type StepCompletedEvent,
  type StepHandle,
  type StepMap,
  type StepMapOf,
  type TaskGroupOutcome,
  type TaskHandle,
  type WorkflowResultsOf,
} from './model/step-handle.js';
export { defineTool, type AnyToolHandle, type ToolArgs, type ToolCallArgs, type ToolCallOf, type ToolHandle } from './model/tool-handle.js';
export type {
  ActiveTask,
  DefaultUserData,
  StepProps,
  StepSnapshot,
  StepStatus,
  TaskCallbackContext,
  TaskCompletedEvent,
  TaskGroupResult,
  ToolCallContext,
  ToolDeclaration,
  ToolParameters,
  WorkflowEvent,
  WorkflowSnapshot,
} from './model/types.js';
