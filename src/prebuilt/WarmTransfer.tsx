import type { llm } from '@livekit/agents';
import { type ReactElement, useEffect, useRef } from 'react';
import { Task, type TaskProps } from '../components/Task.js';
import { useComplete } from '../hooks/use-complete.js';
import { useOnEnter } from '../hooks/use-on-enter.js';
import type { TransferLine } from './transfer-line.js';
import { TransferAttempt, type WarmTransferResult, conversationHistory } from './warm-transfer.js';

/** Props of {@link WarmTransfer}: `<Task>` props (`id`, `description`, `onComplete`, …) and these. */
export interface WarmTransferProps extends Omit<TaskProps<WarmTransferResult>, 'children' | 'instructions'> {
  /** The telephony: `livekitTransferLine({ room: ctx.room, sipCallTo, … })` in a LiveKit job, a fake in tests. */
  line: TransferLine;
  /** Replaces the briefing agent's identity and goal (the first section of its instructions). */
  persona?: string;
  /** Replaces the briefing instructions entirely (the conversation history is then not added). */
  instructions?: string;
  /** Added at the end of the briefing instructions (what the human agent should know about your business). */
  extraInstructions?: string;
  /** Said to the human agent as soon as they answer. Default: nothing, the human agent speaks first (LiveKit's default). */
  greeting?: string;
}

const PERSONA = [
  '# Who you are',
  '',
  'You are an assistant calling a human agent for help. You have just been talking with a caller; that conversation is below.',
  '',
  '# Your goal',
  '',
  'Tell the human agent why the caller called and what has happened so far, so that they can take over and help the caller directly.',
].join('\n');

/** The briefing agent's instructions: persona, the conversation with the caller, what to do, extra. */
export function briefingInstructions(chatCtx: llm.ChatContext, options: { persona?: string; extraInstructions?: string } = {}): string {
  return [
    options.persona ?? PERSONA,
    '',
    '# Context',
    '',
    'You are now talking to the human agent, not to the caller: "user" is the human agent; "Caller" in the history below is the person who called.',
    '',
    '## Conversation with the caller',
    conversationHistory(chatCtx),
    '## End of the conversation with the caller',
    '',
    'Start by summarising the conversation for the human agent and answer their questions. Once they agree to take the call, call `connect_to_caller` to connect them to the caller.',
    'If they decline, call `decline_transfer` with their reason; if you reach voicemail, call `voicemail_detected` after its greeting.',
    options.extraInstructions ?? '',
  ]
    .join('\n')
    .trimEnd();
}

const CALLER_SIDE = 'The caller is on hold while a human agent is briefed. Say nothing.';

function Transfer(props: { line: TransferLine; briefing: (chatCtx: llm.ChatContext) => string; greeting?: string }): null {
  // The enclosing <Task> is typed by the same R, through the collector's props.
  const complete: (result: WarmTransferResult | Error) => void = useComplete();
  const attempt = useRef<TransferAttempt | null>(null);
  const latest = useRef(props);
  latest.current = props;
  // One attempt per mount; unmounting (the task ended, the session closed) ends it and the consultation.
  useEffect(() => {
    const current = new TransferAttempt(latest.current.line, {
      briefing: (chatCtx) => latest.current.briefing(chatCtx),
      greeting: latest.current.greeting,
      complete,
    });
    attempt.current = current;
    return () => {
      current.cancel();
      if (attempt.current === current) attempt.current = null;
    };
  }, [complete]);
  useOnEnter(({ session, agentTask }) => attempt.current?.start(session, agentTask.chatCtx));
  return null;
}

/**
 * Transfers the call to a human agent, warm: the caller is put on hold (their audio paused, hold
 * audio played), the human agent is dialled over SIP into a private consultation where an agent
 * briefs them with a summary of the conversation so far, and once they agree (`connect_to_caller`)
 * they are moved into the caller's room. Completes with `{ humanAgentIdentity }`; fails with a
 * `TransferFailedError` (an `llm.ToolError`) when the human agent declines (`decline_transfer`),
 * voicemail answers (`voicemail_detected`), either side hangs up first, or the dial fails — the
 * conversation with the caller then resumes. Default id `warm_transfer`.
 *
 * @example
 * <WarmTransfer line={livekitTransferLine({ room: ctx.room, sipCallTo: '+15105550123', sipTrunkId: 'ST_…' })} />
 */
export function WarmTransfer(props: WarmTransferProps): ReactElement {
  const { line, persona, instructions, extraInstructions, greeting, id, description, ...task } = props;
  const briefing = (chatCtx: llm.ChatContext) => instructions ?? briefingInstructions(chatCtx, { persona, extraInstructions });
  return (
    <Task<WarmTransferResult>
      collector="WarmTransfer"
      {...task}
      id={task.step ? id : (id ?? 'warm_transfer')}
      description={description ?? 'Transfers the call to a human agent'}
      instructions={CALLER_SIDE}
    >
      <Transfer line={line} briefing={briefing} greeting={greeting} />
    </Task>
  );
}
