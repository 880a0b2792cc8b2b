/**
 * The host config: how React's reconciler edits a workflow's tree. The host instance of a
 * `<Task>`/`<TaskGroup>` is its step itself (model/), created by the component and handed over in
 * props, so there is one tree, not two. Live LiveKit objects are built by the engine per visit.
 */
import { createContext } from 'react';
import type { HostConfig } from 'react-reconciler';
import { DefaultEventPriority, NoEventPriority } from 'react-reconciler/constants.js';
import { misuse } from '../model/errors.js';
import { type AnyStep, type GroupStep, place } from '../model/group-step.js';
import { GROUP_ELEMENT, type HostContainer, type HostProps, type HostType, TASK_ELEMENT } from './elements.js';

/** Which component the reconciler is inside, so a stray text child can be blamed on it. */
interface HostContext {
  inside: string;
}

const ROOT_CONTEXT: HostContext = { inside: 'the workflow root' };
const TASK_CONTEXT: HostContext = { inside: '<Task>' };
const GROUP_CONTEXT: HostContext = { inside: '<TaskGroup>' };

let currentUpdatePriority: number = NoEventPriority;

type WorkflowHostConfig = HostConfig<
  HostType,
  HostProps,
  HostContainer,
  AnyStep,
  never, // text instances are rejected
  never, // activity instances
  never, // suspense instances (no hydration)
  never, // hydratable instances
  never, // form instances
  AnyStep, // public instance (refs)
  HostContext,
  never, // child sets (mutation mode)
  ReturnType<typeof setTimeout>,
  -1,
  null, // transition status
  null, // suspended commit state
  unknown,
  unknown,
  unknown,
  unknown
>;

function appendStep(parent: AnyStep | HostContainer, child: AnyStep, before?: AnyStep): void {
  if (parent.kind === 'group') parent.insert(child, before);
  else if (parent.kind === 'root') place(parent, child, before);
  else throw misuse(child.label, `is inside ${parent.label}`, 'Tasks do not nest: put both in a <TaskGroup>.');
}

/**
 * Removals whose results are settled once the commit has placed new steps: deletions run before
 * placements, and a re-keyed step with the same id is a remount, not a step that dropped out.
 */
const removals: Array<{ group: GroupStep; child: AnyStep }> = [];

function removeStep(parent: AnyStep | HostContainer, child: AnyStep): void {
  if (parent.kind === 'group') {
    parent.remove(child);
    removals.push({ group: parent, child });
    return;
  }
  const index = parent.kind === 'root' ? parent.children.indexOf(child) : -1;
  if (index >= 0 && parent.kind === 'root') parent.children.splice(index, 1);
}

export const hostConfig: WorkflowHostConfig = {
  rendererPackageName: 'react-agent-tasks',
  rendererVersion: '0.1.0',
  supportsMutation: true,
  supportsPersistence: false,
  supportsHydration: false,
  // A workflow can render next to react-dom or Ink in the same process.
  isPrimaryRenderer: false,
  warnsIfNotActing: true,
  noTimeout: -1,
  // DevTools and server console replay (React 19): nothing to inspect or replay here.
  extraDevToolsConfig: null,
  bindToConsole: (methodName, args) => (console[methodName as 'log'] as (...a: unknown[]) => void).bind(console, ...args),
  scheduleTimeout: setTimeout,
  cancelTimeout: (id) => clearTimeout(id),
  supportsMicrotasks: true,
  scheduleMicrotask: queueMicrotask,

  getRootHostContext: () => ROOT_CONTEXT,
  getChildHostContext: (_parent, type) => (type === TASK_ELEMENT ? TASK_CONTEXT : GROUP_CONTEXT),

  // The step was made by its component (it holds state across visits); the host instance is it.
  createInstance(type, { step }) {
    if ((type === TASK_ELEMENT && step.kind !== 'task') || (type === GROUP_ELEMENT && step.kind !== 'group')) {
      throw misuse(`<${type}>`, 'is not an element react-agent-tasks can render', 'Only <Task>, <TaskGroup> and components that render them may appear in a workflow.');
    }
    return step;
  },
  createTextInstance(text, _root, context) {
    throw misuse(
      context.inside,
      `got the text ${JSON.stringify(text)} as a child`,
      'Put words for the model in the `instructions` prop, or render them from a component that returns null.',
    );
  },
  shouldSetTextContent: () => false,
  appendInitialChild: (parent, child) => appendStep(parent, child),
  finalizeInitialChildren: () => false,
  commitMount() {},
  // React 19 passes no update payload (facebook/react#26583): the new props are applied here.
  commitUpdate(step, _type, _oldProps, { props }) {
    if (step.kind === 'task') step.update(props);
    else step.props = props;
  },

  appendChild: (parent, child) => appendStep(parent, child),
  appendChildToContainer: (container, child) => appendStep(container, child),
  insertBefore: (parent, child, before) => appendStep(parent, child, before),
  insertInContainerBefore: (container, child, before) => appendStep(container, child, before),
  removeChild: (parent, child) => removeStep(parent, child),
  removeChildFromContainer: (container, child) => removeStep(container, child),
  clearContainer(container) {
    container.children.length = 0;
  },
  // removeChild already marked the whole removed subtree (it runs once, for its top step).
  detachDeletedInstance() {},
  // Steps cannot be hidden: Suspense fallbacks would otherwise leave a half-visible workflow.
  hideInstance() {},
  unhideInstance() {},

  getPublicInstance: (step) => step,
  prepareForCommit: () => null,
  // Layout effects (where hooks register tools) run after this returns; a microtask runs after
  // them, so the container sees a fully registered tree. A commit inside the engine's own flush
  // needs none: the flush's caller syncs once it returns.
  resetAfterCommit(container) {
    for (const { group, child } of removals.splice(0)) group.settleRemoval(child);
    if (!container.flushing) queueMicrotask(() => container.onCommit());
  },
  preparePortalMount() {},

  getInstanceFromNode: () => null,
  beforeActiveInstanceBlur() {},
  afterActiveInstanceBlur() {},
  prepareScopeUpdate() {},
  getInstanceFromScope: () => null,

  // Update priorities: React 19 moved the current priority into the renderer (facebook/react#28751).
  setCurrentUpdatePriority(priority) {
    currentUpdatePriority = priority;
  },
  getCurrentUpdatePriority: () => currentUpdatePriority,
  resolveUpdatePriority: () => (currentUpdatePriority !== NoEventPriority ? currentUpdatePriority : DefaultEventPriority),

  // Form actions and transitions (facebook/react#26722, #28804): a workflow has no forms.
  NotPendingTransition: null,
  HostTransitionContext: createContext<null>(null),
  resetFormInstance() {},
  requestPostPaintCallback() {},
  shouldAttemptEagerTransition: () => false,
  // Scheduler tracing hooks (facebook/react#31528, #31008): no events to report.
  trackSchedulerEvent() {},
  resolveEventType: () => null,
  resolveEventTimeStamp: () => Date.now(),

  // Suspensey commits (React 19): nothing here loads resources, so commits never wait.
  maySuspendCommit: () => false,
  maySuspendCommitOnUpdate: () => false,
  maySuspendCommitInSyncRender: () => false,
  preloadInstance: () => true,
  startSuspendingCommit: () => null,
  suspendInstance() {},
  // Without this member the first transition or Suspense retry throws (react-reconciler 0.33+).
  suspendOnActiveViewTransition() {},
  waitForCommitToBeReady: () => null,
  getSuspendedCommitReason: () => null,
};
