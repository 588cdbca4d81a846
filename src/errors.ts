// Errors that end the program with a one-line message and a chosen exit code (no stack trace for user mistakes).

/** A problem the user can fix (bad flag, bad config, missing key). Exit code 2 unless told otherwise. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
