// Errors the session store raises. Each message says what happened and what the user can do next, because a
// resume that fails must never look like (or silently become) a fresh session.

export class SessionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SessionError";
  }
}

/** Invalid syntax, unknown id, or an ambiguous prefix. */
export class SessionNotFoundError extends SessionError {
  constructor(message: string) {
    super(message);
    this.name = "SessionNotFoundError";
  }
}

/** The file exists but cannot be read or has no valid header. */
export class SessionReadError extends SessionError {
  constructor(message: string) {
    super(message);
    this.name = "SessionReadError";
  }
}

/** Another live process is writing this session. */
export class SessionLockedError extends SessionError {
  constructor(
    message: string,
    readonly holder?: { pid: number; host: string; started: string },
  ) {
    super(message);
    this.name = "SessionLockedError";
  }
}
