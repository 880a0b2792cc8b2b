import type { voice } from '@livekit/agents';
import type { DefaultUserData } from '../model/types.js';
import { useWorkflow } from './contexts.js';

/**
 * The AgentSession the workflow runs in. Works anywhere inside a rendered workflow.
 *
 * @example
 * const session = useSession();
 */
export function useSession<U = DefaultUserData>(): voice.AgentSession<U> {
  return useWorkflow('useSession()').session as voice.AgentSession<U>;
}
