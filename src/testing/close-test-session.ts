import { voice } from '@livekit/agents';

/**
 * Closes a test session without the half second LiveKit 1.9 spends on a clean close.
 *
 * Why: `AgentSession.close()` (reason USER_INITIATED) commits the user's last spoken turn
 * (`AgentActivity.commitUserTurn({ audioDetached: true })`), and `AudioRecognition.commitUserTurn`
 * waits 500 ms for a final STT transcript; `AudioRecognition.close()` then awaits that wait. A
 * close with reason ERROR skips the commit (agent_session.ts, closeImplInner). A test session has
 * no audio input, so there is no spoken turn to lose. The only visible difference: the session's
 * Close event carries reason `'error'` (with no error). test/testing/close-cost.test.ts pins both
 * facts, so a LiveKit upgrade that changes either fails there, not as a slow suite.
 */
export async function closeTestSession(session: voice.AgentSession<any>): Promise<void> {
  session.shutdown({ drain: false, reason: voice.CloseReason.ERROR });
  // Joins the close that shutdown() began (LiveKit keeps one closing task per session).
  await session.close();
}
