/**
 * The three ways to say what a workflow runs — an element, a handle and an element, a component
 * and its props — and the result type each gives. `runTask`, `createAgent` and `renderWorkflow`
 * share them.
 */
import { createElement, type ReactNode } from 'react';
import { ExpectedRootContext } from './hooks/contexts.js';
import { isStepHandle, type ResultOf } from './model/step-handle.js';

/** A component that can be run as a workflow: `runTask(GetEmail, props)`. */
export type TaskComponent = (props: any) => ReactNode;

/** The props of a {@link TaskComponent}. */
export type TaskComponentProps<C> = C extends (props: infer P) => ReactNode ? P : never;

/**
 * The result type of a component run as a workflow: the result type of its `step` prop's handle
 * (the prebuilt collectors have one; so can yours), else `unknown`.
 */
export type ComponentResult<C> = C extends (props: infer P) => ReactNode ? (P extends { step?: infer H } ? ResultOf<NonNullable<H>> : unknown) : unknown;

/** `props` may be left out when every prop is optional. */
export type PropsThenOptions<C, O> = {} extends TaskComponentProps<C> ? [props?: TaskComponentProps<C>, options?: O] : [props: TaskComponentProps<C>, options?: O];

/** Turns the arguments into the element to render and the options that follow it. */
export function workflowSource<O>(args: readonly unknown[]): { element: ReactNode; options: O | undefined } {
  const [first, second, third] = args;
  if (isStepHandle(first)) return { element: createElement(ExpectedRootContext.Provider, { value: first }, second as ReactNode), options: third as O | undefined };
  if (typeof first === 'function') return { element: createElement(first as TaskComponent, (second ?? {}) as object), options: third as O | undefined };
  return { element: first as ReactNode, options: second as O | undefined };
}
