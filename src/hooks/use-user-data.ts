import { useSyncExternalStore } from 'react';
import { useWorkflow } from './contexts.js';

/**
 * The session's userData, typed. Components that read it render again after every tool call
 * and step, so `{userData.wantsCallback && <Task id="phone" …>}` follows what tools wrote.
 * Works anywhere inside a rendered workflow.
 *
 * @example
 * const { candidateName } = useUserData<{ candidateName?: string }>();
 */
export function useUserData<U = Record<string, unknown>>(): U {
  const workflow = useWorkflow('useUserData()');
  useSyncExternalStore(workflow.subscribeUserData, workflow.getUserDataVersion);
  return workflow.session.userData as U;
}
