import { voice } from '@livekit/agents';
import { observeWorkflows } from '../../engine/observers.js';
import { currentTestScope } from '../test-scope.js';
import { CoverageRecorder } from './recorder.js';
import { COVERAGE_META_KEY, type CoverageRun } from './run.js';

/**
 * Counts a session you made yourself (not with `renderWorkflow`/`renderAgent`, which count
 * theirs) in the workflow coverage report: call it inside the test, before `session.start()`.
 * Outside a vitest test it does nothing, so shared code may call it unconditionally.
 *
 * @example
 * const session = new voice.AgentSession({ llm: scriptedLLM(rules), userData: {} });
 * recordCoverage(session);
 * await session.start({ agent: createAgent(<Interview />) });
 */
export function recordCoverage(session: voice.AgentSession<any>): void {
  const meta = currentTestScope()?.meta;
  if (!meta) return;
  const runs = (meta[COVERAGE_META_KEY] ??= []) as CoverageRun[];
  const recorder = new CoverageRecorder(session, runs);
  const stopObserving = observeWorkflows(session, recorder.onWorkflowEvent);
  session.once(voice.AgentSessionEventTypes.Close, () => {
    stopObserving();
    recorder.stop();
  });
}
