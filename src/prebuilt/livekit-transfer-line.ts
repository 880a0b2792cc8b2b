/**
 * The real {@link TransferLine}: LiveKit rooms and SIP. The human agent is dialled with
 * `SipClient.createSipParticipant` into a consultation room of their own, briefed by a second
 * `AgentSession` there (the caller session's models), and moved into the caller's room with
 * `RoomServiceClient.moveParticipant`. It needs a LiveKit server and a SIP trunk: the tests run
 * `<WarmTransfer>` against a fake line instead.
 */
import { type RemoteParticipant, Room, RoomEvent } from '@livekit/rtc-node';
import { voice } from '@livekit/agents';
import { AccessToken, RoomServiceClient, SipClient } from 'livekit-server-sdk';
import { misuse } from '../model/errors.js';
import type { HumanAgentCall, TransferDialRequest, TransferLine } from './transfer-line.js';

/** Options of {@link livekitTransferLine}. */
export interface LiveKitTransferLineOptions {
  /** The caller's room: the job's `ctx.room`. */
  room: Room;
  /** The number or SIP URI of the human agent: `'+15105550123'`, `'sip:billing@pbx.example.com'`. */
  sipCallTo: string;
  /** The outbound SIP trunk. Default: `LIVEKIT_SIP_OUTBOUND_TRUNK`. Not needed with `sipConnection`. */
  sipTrunkId?: string;
  /** A custom SIP domain instead of a saved trunk. */
  sipConnection?: SIPOutboundConfig;
  /** The number the call comes from. Default: `LIVEKIT_SIP_NUMBER`. */
  sipNumber?: string;
  sipHeaders?: Record<string, string>;
  /** Keys sent once the call is answered (an extension); `w` pauses half a second. */
  dtmf?: string;
  /** How long to let it ring, in seconds. */
  ringingTimeoutSeconds?: number;
  /** The consultation room. Default `<caller room>-human-agent`. */
  consultationRoom?: string;
  /** Played to the caller on hold. Default LiveKit's built-in hold music; null for none. */
  holdAudio?: voice.AudioConfig | null;
  /** Server URL and keys. Default: `LIVEKIT_URL`, `LIVEKIT_API_KEY`, `LIVEKIT_API_SECRET`. */
  url?: string;
  apiKey?: string;
  apiSecret?: string;
  /** The human agent's participant identity. Default `'human-agent-sip'`. */
  humanAgentIdentity?: string;
}

/** A custom SIP domain's settings, as `SipClient.createSipParticipant` takes them. */
type SIPOutboundConfig = NonNullable<Parameters<SipClient['createSipParticipant']>[4]>;

const CALLER_KINDS = new Set<number>(voice.DEFAULT_PARTICIPANT_KINDS);

/**
 * A {@link TransferLine} over LiveKit SIP, for `<WarmTransfer>` in a LiveKit job.
 *
 * @example
 * <WarmTransfer line={livekitTransferLine({ room: ctx.room, sipCallTo: '+15105550123' })} />
 */
export function livekitTransferLine(options: LiveKitTransferLineOptions): TransferLine {
  const env = process.env;
  const url = options.url ?? env.LIVEKIT_URL;
  const apiKey = options.apiKey ?? env.LIVEKIT_API_KEY;
  const apiSecret = options.apiSecret ?? env.LIVEKIT_API_SECRET;
  const trunk = options.sipTrunkId ?? (options.sipConnection ? '' : env.LIVEKIT_SIP_OUTBOUND_TRUNK);
  if (!options.sipCallTo) throw misuse('livekitTransferLine()', 'has no sipCallTo', 'Give the number or SIP URI of the human agent.');
  if (trunk === undefined) {
    throw misuse('livekitTransferLine()', 'has no SIP trunk', 'Give sipTrunkId or sipConnection, or set LIVEKIT_SIP_OUTBOUND_TRUNK.');
  }
  if (!url || !apiKey || !apiSecret) {
    throw misuse('livekitTransferLine()', 'has no server credentials', 'Give url, apiKey and apiSecret, or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.');
  }
  const identity = options.humanAgentIdentity ?? 'human-agent-sip';
  const callerRoom = options.room;
  const rooms = new RoomServiceClient(url, apiKey, apiSecret);

  return {
    async dial({ agent, callerSession, signal }: TransferDialRequest): Promise<HumanAgentCall> {
      const callerName = callerRoom.name;
      const ownIdentity = callerRoom.localParticipant?.identity;
      if (!callerName || !ownIdentity) throw new Error('the caller room is not connected');
      const roomName = options.consultationRoom ?? `${callerName}-human-agent`;
      const room = new Room();
      const session = new voice.AgentSession({
        llm: callerSession.llm,
        stt: callerSession.stt,
        tts: callerSession.tts,
        vad: callerSession.vad,
      });
      const cancelled = () => {
        if (signal.aborted) throw new Error('the transfer was cancelled while dialling');
      };
      try {
        const token = new AccessToken(apiKey, apiSecret, { identity: ownIdentity });
        token.kind = 'agent';
        token.addGrant({ roomJoin: true, room: roomName, canPublish: true, canSubscribe: true, canUpdateOwnMetadata: true });
        await room.connect(url, await token.toJwt());
        cancelled();
        await session.start({
          agent,
          room,
          inputOptions: { closeOnDisconnect: true, deleteRoomOnClose: true, participantIdentity: identity },
          record: false,
        });
        cancelled();
        // SIP requests cannot be aborted: a cancel while it rings is settled once it returns.
        await new SipClient(url, apiKey, apiSecret).createSipParticipant(
          trunk,
          options.sipCallTo,
          roomName,
          {
            participantIdentity: identity,
            waitUntilAnswered: true,
            fromNumber: options.sipNumber ?? env.LIVEKIT_SIP_NUMBER,
            headers: options.sipHeaders,
            dtmf: options.dtmf,
            ringingTimeout: options.ringingTimeoutSeconds,
          },
          options.sipConnection,
        );
        cancelled();
      } catch (error) {
        session.shutdown({ drain: false });
        await room.disconnect().catch(() => undefined);
        throw error;
      }
      return consultation(room, session, identity, async () => {
        await rooms.moveParticipant(roomName, identity, callerName);
      });
    },

    onCallerHangUp(listener) {
      const onLeft = (participant: RemoteParticipant) => {
        if (CALLER_KINDS.has(participant.kind)) listener();
      };
      callerRoom.on(RoomEvent.ParticipantDisconnected, onLeft);
      return () => callerRoom.off(RoomEvent.ParticipantDisconnected, onLeft);
    },

    async hold() {
      if (options.holdAudio === null) return () => {};
      const player = new voice.BackgroundAudioPlayer();
      await player.start({ room: callerRoom });
      const handle = player.play(options.holdAudio ?? { source: voice.BuiltinAudioClip.HOLD_MUSIC, volume: 0.8 }, true);
      return () => {
        handle.stop();
        void player.close().catch(() => undefined);
      };
    },
  };
}

function consultation(room: Room, session: voice.AgentSession, identity: string, move: () => Promise<void>): HumanAgentCall {
  let moved = false;
  return {
    session,
    identity,
    onHangUp(listener) {
      const onLeft = (participant: RemoteParticipant) => {
        if (participant.identity === identity && !moved) listener('the human agent left');
      };
      const onDisconnected = (reason: unknown) => {
        if (!moved) listener(`the consultation room closed (${String(reason)})`);
      };
      room.on(RoomEvent.ParticipantDisconnected, onLeft);
      room.on(RoomEvent.Disconnected, onDisconnected);
      return () => {
        room.off(RoomEvent.ParticipantDisconnected, onLeft);
        room.off(RoomEvent.Disconnected, onDisconnected);
      };
    },
    async connectToCaller() {
      await move();
      moved = true;
    },
    async end() {
      // deleteRoomOnClose: closing the session deletes the consultation room, which ends the
      // human agent's call unless they were moved out of it.
      session.shutdown({ drain: false });
      await room.disconnect().catch(() => undefined);
    },
  };
}
