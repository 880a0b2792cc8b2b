/**
 * The error a prebuilt collector fails with when the user declines to give the value (its
 * `decline_<x>_capture` tool). Catch it around `runTask`, or keep it in `taskResults` with
 * `<TaskGroup returnExceptions>`.
 */
export class CaptureDeclinedError extends Error {
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
