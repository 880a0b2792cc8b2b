import { llm } from '@livekit/agents';
import { type ReactElement, useRef, useState } from 'react';
import { z } from 'zod';
import { Task } from '../components/Task.js';
import { useComplete } from '../hooks/use-complete.js';
import { useOnEnter } from '../hooks/use-on-enter.js';
import { useSession } from '../hooks/use-session.js';
import { useTool } from '../hooks/use-tool.js';
import { useFlushSync } from '../hooks/use-flush-sync.js';
import { type CollectorProps, composeInstructions, splitCollectorProps } from './collector-props.js';
import { type DtmfClock, type DtmfSource, digitsProblem, spaced, systemClock } from './dtmf.js';
import { CaptureDeclinedError, CaptureFailedError } from './errors.js';
import { type RetryPolicy, escalate, resolveRetry } from './retry.js';
import { FIELD_LIMITS, bounded, truncate } from './text.js';
import { declineParameters } from './use-capture.js';
import { failQuietly, useKeypad } from './use-keypad.js';

/** The result of {@link GetDtmf}: the keys pressed (or said), e.g. `'4821'`. */
export interface GetDtmfResult {
  digits: string;
}

/** Props of {@link GetDtmf}. */
export interface GetDtmfProps extends Omit<CollectorProps<GetDtmfResult>, 'requireExplicitAsk' | 'modality'> {
  /** Where keypad presses come from: the job's rtc-node `Room` (`ctx.room`), or any {@link DtmfSource}. */
  room: DtmfSource;
  /** How many digits to collect; input ends as soon as that many arrived. Default: any number, ended by `stopKey` or the timeout. */
  numDigits?: number;
  /** The key that ends input early (it is not part of the digits); null for none. Default `'#'`. */
  stopKey?: string | null;
  /** Input ends when no key is pressed for this long after the last one; the timer is paused while anyone speaks. Default 5000 ms. */
  interDigitTimeoutMs?: number;
  /**
   * The agent reads the digits back and the user confirms them (`confirm_digits`). Default false:
   * keypad input is exact. Digits said aloud are recorded with `update_digits` either way.
   */
  requireConfirmation?: boolean;
  /** What the agent asks on entering. Default: asks for the digits on the keypad. */
  ask?: string;
  /** Timer functions for the inter-digit timeout. Default: the global setTimeout/clearTimeout. */
  clock?: DtmfClock;
}

const digitsParameters = z.object({
  digits: z.string().describe('The digits, keypad keys only (0-9, * and #), without spaces'),
});

interface CollectorSettings {
  room: DtmfSource;
  numDigits?: number;
  stopKey: string | null;
  timeoutMs: number;
  confirm: boolean;
  ask: string;
  clock: DtmfClock;
  retry?: RetryPolicy | false;
}

function DtmfCollector(settings: CollectorSettings): null {
  const { room, numDigits, stopKey, timeoutMs, confirm, ask, clock, retry } = settings;
  // The enclosing <Task> is typed by the same R, through the collector's props.
  const complete: (result: GetDtmfResult | Error) => void = useComplete();
  const session = useSession();
  const flushSync = useFlushSync();
  const [recorded, setRecorded] = useState<string | undefined>(undefined);
  const recordedRef = useRef<string | undefined>(undefined);
  // Set once the task completed from here: keys pressed after that (a fifth digit of a 4-digit PIN) are ignored.
  const finished = useRef(false);
  const attempts = useRef(0);
  const policy = resolveRetry(retry, '<GetDtmf>');
  const expected = numDigits === undefined ? 'the digits' : `all ${numDigits} digits`;

  const finish = (result: GetDtmfResult | Error) => {
    finished.current = true;
    complete(result);
  };

  /** Counts an invalid attempt; returns what the model is told, and fails the task once the policy gives up. */
  const invalid = (problem: string): string => {
    attempts.current += 1;
    const step = escalate(policy, attempts.current, 'digits', `say how many digits to enter and that the pound key ends the entry; offer to take them spoken instead.`);
    if (step.giveUp) finish(new CaptureFailedError('digits', attempts.current, problem));
    return problem + step.advice;
  };

  /** Digits that passed validation: done, or read back for confirmation. Returns what the model should do. */
  const accept = (digits: string, fromKeypad: boolean): string | undefined => {
    attempts.current = 0;
    if (!confirm) {
      finish({ digits });
      return undefined;
    }
    recordedRef.current = digits;
    // Keypad events arrive outside any tool call (tool calls are flushed by the runtime): flush now
    // so confirm_digits exists before the model answers.
    if (fromKeypad) flushSync(() => setRecorded(digits));
    else setRecorded(digits);
    return `The digits are ${spaced(digits)}. Read them back one by one and ask the user to confirm them; then call \`confirm_digits\` with the digits.`;
  };

  useKeypad({
    source: room,
    numDigits,
    stopKey,
    timeoutMs,
    clock,
    onEntry: (digits, how) => {
      if (finished.current) return;
      const problem = digitsProblem(digits, numDigits);
      if (problem) {
        const when = how === 'timeout' ? 'before the keypad went quiet' : `before pressing ${stopKey}`;
        const told = invalid(`Keypad input was incomplete: the user entered ${digits.length} digit${digits.length === 1 ? '' : 's'} ${when} (${problem}).`);
        if (!finished.current) session.generateReply({ instructions: `${told} Ask them to enter ${expected} again.` });
        return;
      }
      const next = accept(digits, true);
      if (next) session.generateReply({ instructions: `The user entered digits on the keypad. ${next}` });
    },
    onError: (error) => failQuietly(complete, error),
  });

  useOnEnter(({ session }) => {
    // The reply that asks records nothing (LiveKit's GetDtmfTask asks with tool choice none too).
    session.generateReply({ instructions: ask, toolChoice: 'none' });
  });

  useTool('update_digits', {
    description: 'Records the digits when the user says them aloud instead of using the keypad.',
    parameters: digitsParameters,
    execute: ({ digits }) => {
      const clean = bounded(digits, FIELD_LIMITS.digits, 'digits').replace(/[\s-]/g, '');
      const problem = digitsProblem(clean, numDigits);
      if (problem) throw new llm.ToolError(invalid(`Invalid digits: ${problem}. Ask the user again.`));
      return accept(clean, false) ?? 'The digits were recorded.';
    },
  });

  useTool('confirm_digits', {
    description: 'Call after the user explicitly confirmed the digits, with the digits they confirmed.',
    parameters: digitsParameters,
    flags: llm.ToolFlag.IGNORE_ON_ENTER,
    enabled: recorded !== undefined,
    execute: ({ digits }) => {
      const current = recordedRef.current;
      const clean = bounded(digits, FIELD_LIMITS.digits, 'digits').replace(/[\s-]/g, '');
      if (current === undefined) throw new llm.ToolError('No digits were recorded yet.');
      if (clean !== current) {
        throw new llm.ToolError(
          invalid(`The digits to confirm (${spaced(clean)}) are not the recorded ones (${spaced(current)}): read the recorded digits back and ask again.`),
        );
      }
      finish({ digits: current });
    },
  });

  useTool('decline_digits_capture', {
    description: 'Call when the user explicitly declines or is unable to enter the digits.',
    parameters: declineParameters,
    flags: llm.ToolFlag.IGNORE_ON_ENTER,
    execute: ({ reason }) => finish(new CaptureDeclinedError('digits', truncate(reason.trim(), FIELD_LIMITS.reason))),
  });
  return null;
}

/**
 * Collects keypad digits from SIP DTMF events (LiveKit rtc-node `RoomEvent.DtmfReceived`), or
 * digits the user says aloud. Input ends when `numDigits` keys arrived, when `stopKey` is pressed,
 * or `interDigitTimeoutMs` after the last key — a timer paused while anyone speaks, as in
 * LiveKit; an incomplete entry is asked for again (it counts toward the retry policy). With
 * `requireConfirmation` the agent reads the digits back first. Keys after an accepted entry are
 * ignored, nothing throws out of the room's listener, and the question is asked with tool choice
 * `none`. The listener and the timer are removed when the task ends. Result: `{ digits }`.
 * Default id `dtmf`.
 *
 * @example
 * <GetDtmf room={ctx.room} numDigits={6} stopKey="#" ask="Ask the caller to key in their 6-digit account number." />
 */
export function GetDtmf(props: GetDtmfProps): ReactElement {
  const { task, options, rest } = splitCollectorProps(props, { id: 'dtmf', description: 'Collects digits from the phone keypad' });
  const { room, numDigits, stopKey = '#', interDigitTimeoutMs = 5000, ask, clock = systemClock } = rest;
  const confirm = options.requireConfirmation ?? false;
  const count = numDigits === undefined ? 'the digits' : `${numDigits} digits`;
  const ends = stopKey === null ? '' : ` followed by the ${stopKey === '#' ? 'pound' : stopKey} key`;
  const instructions = [
    'You are one step in a larger conversation, responsible only for collecting digits from the user.',
    `The user enters ${count} on their phone keypad${ends}, or says them aloud; keypad entries reach you as messages.`,
    'When the user says the digits, call `update_digits`.',
    confirm ? 'Read the digits back one by one and call `confirm_digits` only after the user confirmed them.' : '',
    'If the user declines or cannot enter the digits, call `decline_digits_capture`. Keep replies short.',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <Task<GetDtmfResult> collector="GetDtmf" {...task} instructions={composeInstructions(instructions, options)}>
      <DtmfCollector
        room={room}
        numDigits={numDigits}
        stopKey={stopKey}
        timeoutMs={interDigitTimeoutMs}
        confirm={confirm}
        clock={clock}
        retry={options.retry}
        ask={ask ?? `Ask the user to enter ${count} on their phone keypad${ends}.`}
      />
    </Task>
  );
}
