// The per-session staleness guard: read_file and write_file record a file's (mtimeMs, size) in the session's
// ToolState; edit_file and overwrites compare it with the disk first. Keys are real absolute paths.
/** Structurally the session's ToolState (utils import nothing from the rest of src). */
interface StampStore {
  fileStamps: Map<string, { mtimeMs: number; size: number }>;
}

export function stampOf(st: { mtimeMs: number; size: number }): { mtimeMs: number; size: number } {
  return { mtimeMs: st.mtimeMs, size: st.size };
}

export function recordStamp(state: StampStore, abs: string, st: { mtimeMs: number; size: number }): void {
  state.fileStamps.set(abs, stampOf(st));
}

/**
 * Throws with a recovery hint unless the session has read (or written) `abs` and it is unchanged since.
 * `verb` words the first message: "editing" or "overwriting".
 */
export function assertFresh(
  state: StampStore,
  abs: string,
  rel: string,
  current: { mtimeMs: number; size: number },
  verb: "editing" | "overwriting",
): void {
  const seen = state.fileStamps.get(abs);
  if (!seen) {
    throw new Error(
      `You must read ${rel} before ${verb} it: call read_file on ${rel} first (this session has not read it), then retry.`,
    );
  }
  if (seen.mtimeMs !== current.mtimeMs || seen.size !== current.size) {
    const when = new Date(current.mtimeMs).toISOString();
    throw new Error(
      `${rel} has changed on disk since you last read it (now ${current.size} bytes, modified ${when}; ` +
        `you saw ${seen.size} bytes). Someone else edited it. Re-read it with read_file and redo the change ` +
        "against the current content.",
    );
  }
}
