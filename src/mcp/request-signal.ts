// Helpers for one MCP request from our side: its own abort signal, detached once it settles (the SDK adds an abort
// listener to the signal it is given and never removes it, so a shared signal aborted later would send
// notifications/cancelled for requests long finished), and progress notifications as lines of live output.

/**
 * Runs one request with its own signal that follows `parent` only until the request settles, so the SDK's abort
 * listener (which it never removes) cannot cancel a finished request later.
 */
export async function withRequestSignal<T>(
  parent: AbortSignal,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const own = new AbortController();
  const follow = () => own.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener("abort", follow, { once: true });
  try {
    return await run(own.signal);
  } finally {
    parent.removeEventListener("abort", follow);
  }
}

/** Progress of a call as one line of live output ("3/10 indexing…"). */
export function progressLine(p: { progress: number; total?: number; message?: string }): string {
  const count = p.total !== undefined ? `${p.progress}/${p.total}` : `${p.progress}`;
  return `${p.message ? `${count} ${p.message}` : count}\n`;
}
