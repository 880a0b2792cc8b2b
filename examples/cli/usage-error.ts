/** A mistake in how the CLI was called: printed as one line, no stack trace. */
export class UsageError extends Error {}
