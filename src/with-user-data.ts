import type { voice } from '@livekit/agents';
import { type DefinedToolProps, Tool, type ToolProps } from './components/Tool.js';
import { useOnEnter } from './hooks/use-on-enter.js';
import { useOnExit } from './hooks/use-on-exit.js';
import { useSession } from './hooks/use-session.js';
import { type UseDefinedToolOptions, type UseToolOptions, useTool } from './hooks/use-tool.js';
import { useUserData } from './hooks/use-user-data.js';
import type { AnyToolHandle } from './model/tool-handle.js';
import type { TaskCallbackContext, ToolParameters } from './model/types.js';

/** The hooks and `<Tool>` that read or write userData, typed for one workflow's userData `U`. */
export interface UserDataHooks<U> {
  /** `useUserData()`, returning `U`. */
  useUserData: () => U;
  /** `useSession()`, an `AgentSession<U>`. */
  useSession: () => voice.AgentSession<U>;
  /** `useTool(…)`, whose `execute` gets `ctx.userData: U`. */
  useTool: {
    <T extends AnyToolHandle, R = unknown>(tool: T, options: UseDefinedToolOptions<T, U, R>): void;
    <P extends ToolParameters | undefined = undefined, R = unknown>(name: string, options: UseToolOptions<P, U, R>): void;
  };
  /** `useOnEnter(…)`, whose callback gets `ctx.userData: U`. */
  useOnEnter: (callback: (ctx: TaskCallbackContext<U>) => unknown) => void;
  /** `useOnExit(…)`, whose callback gets `ctx.userData: U`. */
  useOnExit: (callback: (ctx: TaskCallbackContext<U>) => unknown) => void;
  /** `<Tool>`, whose `execute` gets `ctx.userData: U`. */
  Tool: {
    <T extends AnyToolHandle>(props: DefinedToolProps<T, U>): null;
    <P extends ToolParameters | undefined = undefined>(props: ToolProps<P, U>): null;
  };
}

/**
 * The userData hooks typed once for a workflow's userData, so no use site names the type
 * (react-redux's `useSelector.withTypes<RootState>()` pattern). They are the package's own hooks,
 * nothing runs differently. Export them from one module of your app and import them from there.
 * LiveKit cannot check that the session was started with a `U` (`new AgentSession({ userData })`
 * is typed by its own argument): start it with one.
 *
 * @example
 * interface BookingData { guestName?: string }
 * export const { useUserData, useTool, useOnEnter } = withUserData<BookingData>();
 */
export function withUserData<U>(): UserDataHooks<U> {
  return { useUserData, useSession, useTool, useOnEnter, useOnExit, Tool } as UserDataHooks<U>;
}
