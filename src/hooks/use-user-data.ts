import { useSyncExternalStore } from 'react';
import type { DefaultUserData } from '../model/types.js';
import { useWorkflow } from './contexts.js';

/**
 * The session's userData. Components that read it render again after every tool call and step,
 * so `{userData.wantsCallback && <Task id="phone" …>}` follows what tools wrote. Works anywhere
 * inside a rendered workflow. Typed by `withUserData<U>()` (`unknown` from here).
 *
 * @example
 * const { useUserData } = withUserData<{ candidateName?: string }>();
 * const { candidateName } = useUserData();
 */
export function useUserData<U = DefaultUserData>(): U {
  const workflow = useWorkflow('useUserData()');
  useSyncExternalStore(workflow.subscribeUserData, workflow.getUserDataVersion);
  return workflow.session.userData as U;
}
