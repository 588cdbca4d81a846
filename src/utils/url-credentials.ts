// `scheme://user:password@host` (any scheme): the password is masked, the rest stays readable. Used where text
// leaves the process (session logs) and where command output reaches the model: `git remote -v` must not hand a
// token embedded in a remote URL to a model that may be prompt-injected. Pure.
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^/\s@]+@/gi;

/** Whether `text` holds a URL with a password anywhere (the child environment drops such values). */
export function hasUrlCredentials(text: string): boolean {
  URL_CREDENTIALS.lastIndex = 0;
  return URL_CREDENTIALS.test(text);
}

export function maskUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, "$1[REDACTED]@");
}
