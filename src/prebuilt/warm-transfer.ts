/** One warm transfer attempt: dial, brief, connect or fail. The logic behind `<WarmTransfer>`. */
import { llm, voice } from '@livekit/agents';
import { z } from 'zod';
import type { HumanAgentCall, TransferLine } from './transfer-line.js';
import { FIELD_LIMITS, truncate } from './text.js';

/** The result of `<WarmTransfer>`: the human agent now in the caller's room. */
export interface WarmTransferResult {
  humanAgentIdentity: string;
}

/** Why a transfer did not connect the caller. */
export type TransferFailure = 'declined' | 'voicemail' | 'human agent hung up' | 'caller hung up' | 'dial failed';

/**
 * What `<WarmTransfer>` fails with when the caller was not connected. An `llm.ToolError`, as
 * LiveKit's WarmTransferTask fails: a tool awaiting the transfer tells the model why, and the
 * conversation with the caller resumes.
 */
export class TransferFailedError extends llm.ToolError {
  override name = 'TransferFailedError';
  constructor(
    readonly failure: TransferFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

const declineParameters = z.object({
  reason: z.string().describe('A short explanation of why the human agent declined to connect to the caller'),
});

/** The caller session's audio in and out, and transcription, as they were; `pause` turns them off while the caller is on hold. */
function pauseCallerIo(session: voice.AgentSession<any>): () => void {
  const { input, output } = session;
  const was = { audioIn: input.audioEnabled, audioOut: output.audioEnabled, transcription: output.transcriptionEnabled };
  if (input.audio) input.setAudioEnabled(false);
  if (output.audio) output.setAudioEnabled(false);
  if (output.transcription) output.setTranscriptionEnabled(false);
  return () => {
    if (input.audio) input.setAudioEnabled(was.audioIn);
    if (output.audio) output.setAudioEnabled(was.audioOut);
    if (output.transcription) output.setTranscriptionEnabled(was.transcription);
  };
}

/**
 * A transfer from start to end. Every way out — connected, declined, voicemail, either side
 * hanging up, a failed dial, the caller's session closing — goes through `settle` once: listeners
 * removed, hold audio stopped, the caller's audio restored, the consultation ended.
 */
export class TransferAttempt {
  private readonly abort = new AbortController();
  private call: HumanAgentCall | null = null;
  private readonly cleanups: Array<() => void> = [];
  private settled = false;

  constructor(
    private readonly line: TransferLine,
    private readonly options: {
      briefing: (chatCtx: llm.ChatContext) => string;
      greeting?: string;
      complete: (result: WarmTransferResult | Error) => void;
    },
  ) {}

  /** Puts the caller on hold and dials; resolves once the human agent answered or the attempt ended. */
  async start(session: voice.AgentSession<any>, chatCtx: llm.ChatContext): Promise<void> {
    if (this.settled) return;
    this.cleanups.push(pauseCallerIo(session));
    this.cleanups.push(this.line.onCallerHangUp(() => this.fail('caller hung up', 'caller hung up before the transfer completed')));
    if (this.line.hold) {
      // Hold audio is a courtesy: the transfer goes on without it.
      const stop = await this.line.hold().catch(() => undefined);
      // Settled while the audio started (the caller hung up): stop it at once.
      if (stop && this.settled) stop();
      else if (stop) this.cleanups.push(stop);
    }
    if (this.settled) return;
    const agent = new voice.Agent({ instructions: this.options.briefing(chatCtx), tools: this.tools() });
    let call: HumanAgentCall;
    try {
      call = await this.line.dial({ agent, callerSession: session, signal: this.abort.signal });
    } catch (error) {
      // The dial's own error (SIP status, network) is for logs, not for the model.
      this.fail('dial failed', 'could not dial human agent', error);
      return;
    }
    if (this.settled) {
      // Cancelled while the phone rang and the line could not stop the dial: hang up now.
      hangUp(call);
      return;
    }
    this.call = call;
    this.cleanups.push(
      call.onHangUp(() =>
        this.fail(
          'human agent hung up',
          'Transfer failed: the human agent hung up before the transfer completed. The caller has not been connected to a human agent.',
        ),
      ),
    );
    if (this.options.greeting) call.session.say(this.options.greeting);
  }

  /** Ends the attempt without a result: the task is gone (the session closed, the tree unmounted). */
  cancel(): void {
    this.settle(null);
  }

  private fail(failure: TransferFailure, message: string, cause?: unknown): void {
    this.settle(new TransferFailedError(failure, message, { cause }));
  }

  private settle(result: WarmTransferResult | Error | null): void {
    if (this.settled) return;
    this.settled = true;
    this.abort.abort();
    for (const cleanup of this.cleanups.splice(0).reverse()) cleanup();
    if (this.call) hangUp(this.call);
    if (result !== null) this.options.complete(result);
  }

  /** The briefing agent's tools, called by the model in the consultation. */
  private tools(): llm.ToolContextEntry<any>[] {
    return [
      llm.tool({
        name: 'connect_to_caller',
        description: 'Called when the human agent wants to connect to the caller.',
        flags: llm.ToolFlag.IGNORE_ON_ENTER,
        execute: async () => {
          const call = this.call;
          if (this.settled || !call) throw new llm.ToolError('the transfer was already cancelled');
          await call.connectToCaller();
          this.settle({ humanAgentIdentity: call.identity });
        },
      }),
      llm.tool({
        name: 'decline_transfer',
        description: 'Handles the case when the human agent explicitly declines to connect to the caller.',
        parameters: declineParameters,
        flags: llm.ToolFlag.IGNORE_ON_ENTER,
        execute: async ({ reason }) => {
          this.fail('declined', `human agent declined to connect: ${truncate(reason.trim(), FIELD_LIMITS.reason)}`);
        },
      }),
      llm.tool({
        name: 'voicemail_detected',
        description: 'Called when the call reaches voicemail. Use this tool AFTER you hear the voicemail greeting',
        flags: llm.ToolFlag.IGNORE_ON_ENTER,
        execute: async () => {
          this.fail('voicemail', 'voicemail detected');
        },
      }),
    ];
  }
}

/**
 * Ends the consultation without waiting: the task's result does not depend on it, and a tool of
 * the consultation (connect_to_caller) must not wait for its own session to close. Ending is best
 * effort: LiveKit deletes the consultation room once it is empty anyway.
 */
function hangUp(call: HumanAgentCall): void {
  call.end().catch(() => undefined);
}

/** The conversation so far, as the human agent is briefed on it: "Caller: …" and "Assistant: …" lines. */
export function conversationHistory(chatCtx: llm.ChatContext): string {
  const lines: string[] = [];
  for (const item of chatCtx.items) {
    if (item.type !== 'message' || (item.role !== 'user' && item.role !== 'assistant')) continue;
    const text = item.textContent;
    if (text) lines.push(`${item.role === 'user' ? 'Caller' : 'Assistant'}: ${text}`);
  }
  return lines.join('\n');
}
