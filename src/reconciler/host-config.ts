/**
 * The host config: how React's reconciler edits a workflow's host tree. Host nodes are plain
 * records of order and nesting (see nodes.ts); live LiveKit objects are built by the step
 * controllers only once a node is committed to a mounted root (see commitMount).
 */
import { createContext } from 'react';
import type { HostConfig } from 'react-reconciler';
import { DefaultEventPriority, NoEventPriority } from 'react-reconciler/constants.js';
import { misuse } from '../errors.js';
import {
  type Container,
  type HostProps,
  type HostType,
  type ParentNode,
  type StepNode,
  TASK_ELEMENT,
  appendChild,
  createStepNode,
  insertBefore,
  removeChild,
} from './nodes.js';

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
  Container,
  StepNode,
  never, // text instances are rejected
  never, // activity instances
  never, // suspense instances (no hydration)
  never, // hydratable instances
  never, // form instances
  StepNode, // public instance (refs)
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

  createInstance: (type, props) => createStepNode(type, props),
  createTextInstance(text, _root, context) {
    throw misuse(
      context.inside,
      `got the text ${JSON.stringify(text)} as a child`,
      'Put words for the model in the `instructions` prop, or render them from a component that returns null.',
    );
  },
  shouldSetTextContent: () => false,
  appendInitialChild: (parent, child) => appendChild(parent, child),
  // Returning true asks for commitMount: the one place a node is known to be attached to a live root.
  finalizeInitialChildren: () => true,
  commitMount(node) {
    node.controller.attach(node);
  },
  commitUpdate(node, _type, _oldProps, newProps) {
    node.props = newProps.step;
    node.controller = newProps.controller;
    node.controller.attach(node);
  },

  appendChild: (parent, child) => appendChild(parent, child),
  appendChildToContainer: (container, child) => appendChild(container, child),
  insertBefore: (parent, child, before) => insertBefore(parent, child, before),
  insertInContainerBefore: (container, child, before) => insertBefore(container, child, before),
  removeChild(parent: ParentNode, child) {
    removeChild(parent, child);
  },
  removeChildFromContainer: (container, child) => removeChild(container, child),
  clearContainer(container) {
    container.children.length = 0;
  },
  detachDeletedInstance(node) {
    node.controller.detach(node);
  },
  // Steps cannot be hidden: Suspense fallbacks would otherwise leave a half-visible workflow.
  hideInstance() {},
  unhideInstance() {},

  getPublicInstance: (node) => node,
  prepareForCommit: () => null,
  // Layout effects (where hooks register tools) run after this returns; a microtask runs after
  // them, so the container sees a fully registered tree.
  resetAfterCommit(container) {
    queueMicrotask(() => container.onCommit());
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
  resolveUpdatePriority: () =>
    currentUpdatePriority !== NoEventPriority ? currentUpdatePriority : DefaultEventPriority,

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
