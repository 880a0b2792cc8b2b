/**
 * The telephony `<WarmTransfer>` needs, as an interface: `livekitTransferLine()` implements it with
 * LiveKit SIP and rooms; a test implements it with a second `AgentSession` and no network.
 */
import type { voice } from '@livekit/agents';

/** What `<WarmTransfer>` asks of a {@link TransferLine} when it dials the human agent. */
export interface TransferDialRequest {
  /** The briefing agent: start it in the consultation session (the human agent hears it there). */
  agent: voice.Agent;
  /** The caller's session, whose models the consultation session may reuse. */
  callerSession: voice.AgentSession<any>;
  /** Aborted when the transfer is cancelled while dialling (the caller hung up, the session closed). */
  signal: AbortSignal;
}

/** The consultation call with the human agent, once they answered. */
export interface HumanAgentCall {
  /** The session talking to the human agent, running the briefing agent. */
  readonly session: voice.AgentSession<any>;
  /** The human agent's participant identity, the transfer's result. */
  readonly identity: string;
  /** Calls `listener` when the human agent hangs up (or their room closes); returns how to stop listening. */
  onHangUp(listener: (reason: string) => void): () => void;
  /** Moves the human agent into the caller's room: the transfer is done. */
  connectToCaller(): Promise<void>;
  /** Ends the consultation: its session and room, and the human agent's call unless they were connected to the caller. */
  end(): Promise<void>;
}

/** The telephony of a warm transfer. */
export interface TransferLine {
  /**
   * Dials the human agent into a private consultation, starts `request.agent` there and resolves
   * once they answered. Rejects when the dial fails; stops and rejects when `signal` aborts.
   */
  dial(request: TransferDialRequest): Promise<HumanAgentCall>;
  /** Calls `listener` when the caller hangs up; returns how to stop listening. */
  onCallerHangUp(listener: () => void): () => void;
  /** Plays hold audio to the caller; resolves with how to stop it. Optional: no hold audio without it. */
  hold?(): Promise<() => void>;
}
