import { voice } from '@livekit/agents';
import { useEffect, useRef } from 'react';
import { useSession } from '../hooks/use-session.js';
import { DTMF_RECEIVED, type DtmfClock, type DtmfSource } from './dtmf.js';
import { FIELD_LIMITS } from './text.js';

/** How an entry on the keypad ended. */
export type EntryEnd = 'complete' | 'stop key' | 'timeout';

/** Options of {@link useKeypad}. */
export interface KeypadOptions {
  source: DtmfSource;
  /** An entry ends as soon as this many keys arrived. */
  numDigits?: number;
  /** The key that ends an entry; not part of the digits. Null for none. */
  stopKey: string | null;
  /** An entry ends this long after the last key, counted only while nobody speaks. */
  timeoutMs: number;
  clock: DtmfClock;
  /** Receives each ended entry (possibly empty or short: the caller validates). Errors it throws are caught. */
  onEntry: (digits: string, how: EntryEnd) => void;
  /** Receives an error thrown by `onEntry`; it must not throw. */
  onError: (error: unknown) => void;
}

/**
 * Fails the task with an error raised while handling a keypad entry; when the task has ended
 * already (completing it again throws), there is nothing left to fail. Never throws: it runs in
 * the room's event listener.
 */
export function failQuietly(complete: (result: Error) => void, error: unknown): void {
  try {
    complete(error instanceof Error ? error : new Error(String(error)));
  } catch {
    // The task ended while the entry was handled.
  }
}

/**
 * Listens to SIP keypad presses while the enclosing task runs and hands over whole entries. As in
 * LiveKit's GetDtmfTask, the inter-digit timer is paused while anyone speaks — the user (VAD says
 * `speaking`) or the agent (`thinking` or `speaking`) — and starts again once all are quiet, so a
 * caller who types while the agent talks is not cut off. Nothing it does throws out of the room's
 * event listener. Pass null to listen to nothing.
 */
export function useKeypad(options: KeypadOptions | null): void {
  const session = useSession();
  const latest = useRef(options);
  latest.current = options;
  const source = options?.source;
  const { numDigits, stopKey, timeoutMs, clock } = options ?? {};

  useEffect(() => {
    if (!source || !clock || timeoutMs === undefined || stopKey === undefined) return;
    let buffer = '';
    let timer: unknown;
    const busy = () => session.userState === 'speaking' || session.agentState === 'speaking' || session.agentState === 'thinking';
    const stopTimer = () => {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    };
    const startTimer = () => {
      stopTimer();
      if (buffer !== '' && !busy()) timer = clock.setTimeout(() => finish('timeout'), timeoutMs);
    };
    const finish = (how: EntryEnd) => {
      stopTimer();
      const digits = buffer;
      buffer = '';
      const current = latest.current;
      if (!current) return;
      try {
        current.onEntry(digits, how);
      } catch (error) {
        current.onError(error);
      }
    };
    const onKey = (_code: number, digit: string) => {
      // A stop key with nothing typed ends no entry (a second # after an accepted one, say).
      if (stopKey !== null && digit === stopKey) return buffer === '' ? undefined : finish('stop key');
      buffer += digit;
      // A runaway keypad (or a stuck key) ends the entry rather than growing it without bound.
      if ((numDigits !== undefined && buffer.length >= numDigits) || buffer.length > FIELD_LIMITS.digits) return finish('complete');
      startTimer();
    };
    const onStateChanged = () => (busy() ? stopTimer() : startTimer());
    source.on(DTMF_RECEIVED, onKey);
    session.on(voice.AgentSessionEventTypes.UserStateChanged, onStateChanged);
    session.on(voice.AgentSessionEventTypes.AgentStateChanged, onStateChanged);
    return () => {
      source.off(DTMF_RECEIVED, onKey);
      session.off(voice.AgentSessionEventTypes.UserStateChanged, onStateChanged);
      session.off(voice.AgentSessionEventTypes.AgentStateChanged, onStateChanged);
      stopTimer();
    };
  }, [source, session, numDigits, stopKey, timeoutMs, clock]);
}
