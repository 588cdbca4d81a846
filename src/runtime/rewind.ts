// The rewind verbs behind the Runtime facade: wiring checkpoints into a session being assembled (blob store,
// size bound, a fork's shared snapshots) and list / preview / rewind / undo on the live session. A conversation
// rewind replaces the live history in place, so the next request carries exactly the kept messages.

import { BlobStore, checkpointsDir, DEFAULT_MAX_MB } from "../checkpoints/blobs.js";
import { createCheckpointer } from "../checkpoints/checkpointer.js";
import {
  lastChangedTurn,
  listTurns,
  previewRewind,
  type RewindPreview,
  type RewindResult,
  type RewindScope,
  rewindLog,
  type TurnInfo,
} from "../checkpoints/rewind.js";
import type { Env } from "../config/paths.js";
import type { ConfigFile } from "../config/schema.js";
import type { SessionLog } from "../store/session-log.js";
import type { FileCheckpoint } from "../tools/tool.js";
import type { Assembly } from "./assemble.js";

export type { FileAction, FilePlan } from "../checkpoints/restore.js";
export type { RewindPreview, RewindResult, RewindScope, TurnInfo };

/** The checkpoint store under the data folder, beside the sessions. */
export const checkpointStore = (env: Env): BlobStore => new BlobStore(checkpointsDir(env));

export interface CheckpointWiring {
  blobs: BlobStore;
  /** Absent when `checkpoints.enabled` is false. */
  checkpoint?: FileCheckpoint;
}

/** Called once the log exists (after `SessionLog.begin`): a fork first gets its source's snapshots. */
export function wireCheckpoints(
  env: Env,
  config: ConfigFile,
  log: SessionLog,
  forked: boolean,
): CheckpointWiring {
  const blobs = checkpointStore(env);
  const id = log.id;
  if (!id) throw new Error("The session log must exist before checkpoints are wired.");
  if (forked) {
    const source = log.store.load(id, { transcript: false }).header.forkedFrom;
    if (source) blobs.copySession(source, id);
  }
  if (config.checkpoints?.enabled === false) return { blobs };
  const checkpoint = createCheckpointer({
    blobs,
    sessionId: () => id,
    append: (r) => log.currentWriter?.append([r]),
    maxBytes: (config.checkpoints?.maxSizeMB ?? DEFAULT_MAX_MB) * 1024 * 1024,
  });
  return { blobs, checkpoint };
}

function loadCurrent(a: Assembly) {
  return a.sessionLog.store.load(a.session.id, { transcript: false });
}

const rootsOf = (a: Assembly) => ({
  cwd: a.session.cwd,
  readOnlyRoots: a.session.readOnlyRoots,
  protectedRoots: a.session.protectedRoots,
});

export function sessionTurns(a: Assembly): TurnInfo[] {
  return listTurns(loadCurrent(a), a.session.cwd);
}

export function previewSessionRewind(a: Assembly, turn: number, scope: RewindScope): Promise<RewindPreview> {
  return previewRewind(loadCurrent(a), turn, scope, { blobs: a.checkpoints.blobs, roots: rootsOf(a) });
}

export async function rewindSession(
  a: Assembly,
  turn: number,
  scope: RewindScope,
  confirm: readonly string[] | "all" = [],
): Promise<RewindResult> {
  if (a.session.busy) throw new Error("Wait for the current prompt to finish (or interrupt it) first.");
  const writer = a.sessionLog.currentWriter;
  if (!writer) throw new Error("This session has no log to rewind.");
  const result = await rewindLog(loadCurrent(a), turn, scope, {
    blobs: a.checkpoints.blobs,
    roots: rootsOf(a),
    confirm,
    append: (r) => {
      writer.append([r]);
      writer.sync();
    },
  });
  const state = a.session.toolState;
  // Restored files no longer match what the model read: it must read them again before editing.
  for (const p of result.restored) state.fileStamps.delete(p.path);
  if (result.messages) {
    a.session.messages.splice(0, a.session.messages.length, ...result.messages);
    state.todos = result.todos ?? [];
    // The rewound model never read anything after that point.
    state.fileStamps.clear();
    // The last reported prompt size belonged to the longer history.
    a.compaction.tracker.reset();
  }
  return result;
}

/** /undo: reverts the file changes of the last turn that still has some in effect. */
export async function undoLastTurn(a: Assembly): Promise<RewindResult | undefined> {
  const turn = lastChangedTurn(loadCurrent(a));
  return turn === undefined ? undefined : rewindSession(a, turn, "code");
}
