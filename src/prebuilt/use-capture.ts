import { llm, type voice } from '@livekit/agents';
import { useRef, useState } from 'react';
import { z } from 'zod';
import { useComplete } from '../hooks/use-complete.js';
import { useOnEnter } from '../hooks/use-on-enter.js';
import { useSession } from '../hooks/use-session.js';
import { useTool } from '../hooks/use-tool.js';
import type { ToolCallContext, ToolParameters } from '../model/types.js';
import type { CollectorOptions, Modality } from './collector-props.js';
import { type KeypadInput, systemClock } from './dtmf.js';
import { CaptureDeclinedError, CaptureFailedError } from './errors.js';
import { escalate, resolveRetry } from './retry.js';
import { FIELD_LIMITS, truncate } from './text.js';
import { failQuietly, useKeypad } from './use-keypad.js';

/** What a collector captures and how: the part that differs between `<GetEmail>`, `<GetName>`, … */
export interface CaptureSpec<V, P extends ToolParameters, R> {
  /** The component, for misuse messages: `'<GetEmail>'`. */
  component: string;
  /** Names the tools: `update_<field>`, `confirm_<field>`. */
  field: string;
  /** Names the decline tool: `decline_<declineName>_capture`. */
  declineName: string;
  /** For messages: "email address". */
  noun: string;
  /** The arguments of `update_<field>` and `confirm_<field>`. */
  parameters: P;
  updateDescription: string;
  /** Validates and normalises the arguments; throws `llm.ToolError` saying what is wrong. Linear time, bounded input. */
  parse: (args: z.infer<P>) => V;
  /** How the value is read back to the user (may mask sensitive values). */
  readBack: (value: V) => string;
  /** What the model is told to do to confirm a recorded value. Default: repeat it back and ask. */
  confirmHint?: (value: V) => string;
  /** The task's result for a captured value. */
  toResult: (value: V) => R;
  /** What the agent asks on entering the task, per modality. */
  ask: Record<Modality, string>;
  /** How to ask differently after repeated invalid attempts (the retry policy's re-phrase step). */
  rephrase: string;
  /** For collectors of digits: the arguments a keypad entry stands for. */
  fromKeypad?: (digits: string) => z.infer<P>;
}

export interface CaptureState<V> {
  /** The value recorded by `update_<field>`, awaiting confirmation. */
  value: V | undefined;
}

/** The argument of every decline tool. */
export const declineParameters = z.object({
  reason: z.string().describe('A short explanation of why the user declined'),
});

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The behaviour LiveKit's Python collectors share, as hooks on the enclosing `<Task>`:
 * - `update_<field>` validates (ToolError on invalid input) and records a candidate; it is hidden
 *   from the reply that asks unless `requireExplicitAsk` is false;
 * - `confirm_<field>` exists only once a value is recorded, takes the value being confirmed and
 *   refuses it when it is not the recorded one, or when no user turn came between the update and
 *   the confirmation;
 * - `decline_<name>_capture(reason)` fails the task with a {@link CaptureDeclinedError};
 * - invalid attempts escalate by the retry policy, and end in a {@link CaptureFailedError};
 * - with a keypad, entries typed on it are recorded as they are (keypad input is exact);
 * - on entering, the agent asks for the value.
 */
export function useCapture<V, P extends ToolParameters, R>(
  spec: CaptureSpec<V, P, R>,
  options: CollectorOptions,
  askModality: Modality,
  keypad?: KeypadInput,
): CaptureState<V> {
  // The enclosing <Task> is typed by the same R, through the collector's props.
  const complete: (result: R | Error) => void = useComplete();
  const session = useSession();
  const [value, setValue] = useState<V | undefined>(undefined);
  // The tools read the record synchronously; state drives which tools exist.
  const record = useRef<{ value: V; speech: voice.SpeechHandle } | null>(null);
  const attempts = useRef(0);
  const confirmTool = `confirm_${spec.field}`;
  const policy = resolveRetry(options.retry, spec.component);
  const keypadOffer =
    keypad && spec.fromKeypad
      ? `Offer keypad entry: the user can type the ${spec.noun} on their phone keypad, then press the pound key.`
      : undefined;

  const confirmationRequired = (ctx: ToolCallContext) =>
    options.requireConfirmation ?? (options.modality ?? ctx.runContext.speechHandle.inputDetails.modality) === 'audio';

  // Set once the policy gave up: the task has failed, nothing more is asked.
  const gaveUp = useRef(false);

  /** Counts an invalid attempt; returns what the model is told, and fails the task once the policy gives up. */
  const invalid = (problem: string): string => {
    attempts.current += 1;
    const step = escalate(policy, attempts.current, spec.noun, spec.rephrase, keypadOffer);
    if (step.giveUp) {
      gaveUp.current = true;
      complete(new CaptureFailedError(spec.noun, attempts.current, problem));
    }
    return problem + step.advice;
  };

  const parse = (args: z.infer<P>): V => {
    try {
      return spec.parse(args);
    } catch (error) {
      if (error instanceof llm.ToolError) throw new llm.ToolError(invalid(error.message));
      throw error;
    }
  };

  useKeypad(
    keypad && spec.fromKeypad
      ? {
          source: keypad.room,
          stopKey: '#',
          timeoutMs: keypad.interDigitTimeoutMs ?? 5000,
          clock: keypad.clock ?? systemClock,
          onEntry: (digits) => {
            let parsed: V;
            try {
              parsed = parse(spec.fromKeypad!(digits));
            } catch (error) {
              if (!(error instanceof llm.ToolError)) throw error;
              if (gaveUp.current) return;
              session.generateReply({ instructions: `The user typed the ${spec.noun} on the keypad, but it is not valid. ${error.message}` });
              return;
            }
            attempts.current = 0;
            complete(spec.toResult(parsed));
          },
          onError: (error) => failQuietly(complete, error),
        }
      : null,
  );

  useOnEnter(({ session }) => {
    session.generateReply({ instructions: spec.ask[askModality] });
  });

  useTool(`update_${spec.field}`, {
    description: spec.updateDescription,
    parameters: spec.parameters,
    flags: (options.requireExplicitAsk ?? true) ? llm.ToolFlag.IGNORE_ON_ENTER : llm.ToolFlag.NONE,
    execute: (args, ctx) => {
      const parsed = parse(args as z.infer<P>);
      attempts.current = 0;
      if (!confirmationRequired(ctx)) {
        complete(spec.toResult(parsed));
        return `The ${spec.noun} was recorded: ${spec.readBack(parsed)}.`;
      }
      record.current = { value: parsed, speech: ctx.runContext.speechHandle };
      setValue(parsed);
      const hint = spec.confirmHint?.(parsed) ?? `Repeat it back to the user and ask them to confirm it.`;
      return `The ${spec.noun} was updated to ${spec.readBack(parsed)}. ${hint} Call \`${confirmTool}\` only after the user confirmed it; if they correct it, call \`update_${spec.field}\` again.`;
    },
  });

  useTool(confirmTool, {
    description: `Call after the user explicitly confirmed that the ${spec.noun} is correct, with the ${spec.noun} they confirmed.`,
    parameters: spec.parameters,
    flags: llm.ToolFlag.IGNORE_ON_ENTER,
    enabled: value !== undefined,
    execute: (args, ctx) => {
      const current = record.current;
      if (!current) throw new llm.ToolError(`No ${spec.noun} was recorded: call \`update_${spec.field}\` first.`);
      const confirmed = parse(args as z.infer<P>);
      if (!sameValue(confirmed, current.value)) {
        throw new llm.ToolError(
          invalid(
            `The ${spec.noun} to confirm (${spec.readBack(confirmed)}) is not the recorded one (${spec.readBack(current.value)}): ` +
              `it changed since you asked. Read the recorded ${spec.noun} back to the user and ask again, or call \`update_${spec.field}\` with the corrected one.`,
          ),
        );
      }
      if (ctx.runContext.speechHandle === current.speech) {
        throw new llm.ToolError(`The user has not confirmed the ${spec.noun} yet: read it back, ask, and wait for their answer.`);
      }
      complete(spec.toResult(current.value));
    },
  });

  useTool(`decline_${spec.declineName}_capture`, {
    description: `Call when the user explicitly declines to give their ${spec.noun}.`,
    parameters: declineParameters,
    flags: llm.ToolFlag.IGNORE_ON_ENTER,
    execute: ({ reason }) => {
      complete(new CaptureDeclinedError(spec.noun, truncate(reason.trim(), FIELD_LIMITS.reason)));
    },
  });

  return { value };
}
