// `scheme://user:password@host` (any scheme): the password is masked, the rest stays readable. Used where text
// leaves the process (session logs) and where command output reaches the model: `git remote -v` must not hand a
// token embedded in a remote URL to a model that may be prompt-injected. Pure.
// The scheme is capped at 32 characters: unbounded, every start inside a long run of letters and digits (a
// minified line, a base64 blob in an answer) rescanned the run to its end — 36 s for one 320 KB line.
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]{0,31}:\/\/[^/\s:@]+:)[^/\s@]+@/gi;

/** Whether `text` holds a URL with a password anywhere (the child environment drops such values). */
export function hasUrlCredentials(text: string): boolean {
  URL_CREDENTIALS.lastIndex = 0;
  return URL_CREDENTIALS.test(text);
}

export function maskUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, "$1[REDACTED]@");
}
