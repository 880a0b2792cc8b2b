import { llm } from '@livekit/agents';

/**
 * The error a prebuilt collector fails with when the user declines to give the value (its
 * `decline_<x>_capture` tool). It is an `llm.ToolError`, as LiveKit's collectors fail with: a tool
 * that awaits `runTask(<GetEmail />)` and lets it propagate tells the model why ("couldn't get the
 * email address: …") instead of LiveKit's "An internal error occurred". Catch it around `runTask`,
 * or keep it in `taskResults` with `<TaskGroup returnExceptions>`.
 */
export class CaptureDeclinedError extends llm.ToolError {
  override name = 'CaptureDeclinedError';
  constructor(
    /** What was not captured, e.g. `'email address'`. */
    readonly field: string,
    /** The reason the model gave. */
    readonly reason: string,
  ) {
    super(`couldn't get the ${field}: ${reason}`);
  }
}

/**
 * The error a collector fails with when its retry policy runs out: `attempts` invalid values in a
 * row (see `retry` in the collector options). An `llm.ToolError`, like {@link CaptureDeclinedError}.
 */
export class CaptureFailedError extends llm.ToolError {
  override name = 'CaptureFailedError';
  constructor(
    /** What was not captured, e.g. `'phone number'`. */
    readonly field: string,
    /** How many invalid attempts were made. */
    readonly attempts: number,
    /** What was wrong with the last one. */
    readonly lastProblem: string,
  ) {
    super(`couldn't get the ${field}: ${attempts} invalid attempts in a row (the last: ${lastProblem})`);
  }
}
