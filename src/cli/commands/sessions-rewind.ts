// `protoagent sessions rewind <id> [--to <turn>] [--code|--conversation] [--force] [--dry-run] [--json]`: the
// headless /rewind. Without --to it lists the session's turns. It takes the session's lock (refused while a
// protoagent has it open), restores files through the workspace path policy and appends one rewind record.
import { realpathSync } from "node:fs";
import type { Command } from "commander";
import { BlobStore, checkpointsDir } from "../../checkpoints/blobs.js";
import type { FilePlan } from "../../checkpoints/restore.js";
import { listTurns, previewRewind, type RewindScope, rewindLog } from "../../checkpoints/rewind.js";
import { UserError } from "../../errors.js";
import type { Env } from "../../store/paths.js";
import type { SessionStore } from "../../store/store.js";
import { gitProtectedRoots } from "../../utils/git-locations.js";

interface RewindFlags {
  to?: string;
  code?: boolean;
  conversation?: boolean;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

const VERB: Record<string, string> = {
  restore: "restore",
  remove: "remove (created by the agent)",
  unchanged: "unchanged",
  conflict: "KEEP: changed outside protoagent",
  lost: "KEEP: snapshot lost",
  refused: "KEEP: refused",
};

export const planLine = (f: FilePlan): string =>
  `  ${f.rel}: ${VERB[f.action] ?? f.action}${f.reason && f.action !== "conflict" ? ` (${f.reason})` : ""}`;

export function addRewindCommand(
  cmd: Command,
  deps: { env: Env; write: (t: string) => void; store: () => SessionStore; guard: <T>(fn: () => T) => T },
): void {
  cmd
    .command("rewind <id>")
    .description(
      "undo a session's file changes and/or conversation back to before a turn (no --to: list turns)",
    )
    .option("--to <turn>", "the turn to rewind to before (1 = the first prompt)")
    .option("--code", "restore files only")
    .option("--conversation", "rewind the conversation only")
    .option("--force", "also overwrite files changed outside protoagent since the agent's edit")
    .option("--dry-run", "show what would change, change nothing")
    .option("--json", "machine-readable output")
    .action(async (id: string, o: RewindFlags) => {
      const store = deps.store();
      const out = (v: unknown, text: string) => deps.write(o.json ? `${JSON.stringify(v, null, 2)}\n` : text);
      if (o.to === undefined) {
        const loaded = deps.guard(() => store.load(id, { transcript: false }));
        const turns = listTurns(loaded, loaded.header.cwd);
        out(
          turns,
          turns.length === 0
            ? "No turns.\n"
            : `${turns
                .map(
                  (t) =>
                    `${t.turn}. ${t.text.split("\n")[0]?.slice(0, 80)}  (${t.at})${t.files.length ? `\n   files: ${t.files.join(", ")}` : ""}`,
                )
                .join("\n")}\n`,
        );
        return;
      }
      const turn = Number(o.to);
      const scope: RewindScope =
        o.code && !o.conversation ? "code" : o.conversation && !o.code ? "conversation" : "both";
      // The lock first: nothing else may append between reading the log and writing the rewind record.
      const writer = deps.guard(() => store.openForAppend(id));
      try {
        const loaded = deps.guard(() => store.load(writer.id, { transcript: false }));
        let cwd: string;
        try {
          cwd = realpathSync(loaded.header.cwd);
        } catch {
          throw new UserError(
            `The session's folder ${loaded.header.cwd} no longer exists; nothing to restore.`,
            1,
          );
        }
        const rewindDeps = {
          blobs: new BlobStore(checkpointsDir(deps.env)),
          roots: { cwd, readOnlyRoots: [], protectedRoots: gitProtectedRoots(cwd) },
        };
        const run = async () =>
          o.dryRun
            ? { ...(await previewRewind(loaded, turn, scope, rewindDeps)), restored: [], kept: [] }
            : rewindLog(loaded, turn, scope, {
                ...rewindDeps,
                confirm: o.force ? "all" : [],
                append: (r) => {
                  writer.append([r]);
                  writer.sync();
                },
              });
        const r = await run().catch((err: Error) => {
          throw new UserError(err.message, 1);
        });
        const head = o.dryRun ? "Would rewind" : "Rewound";
        const what = scope === "both" ? "code and conversation" : scope;
        out(
          { ...r, messages: undefined },
          `${head} ${what} of ${writer.id.slice(0, 8)} to before turn ${turn}.\n` +
            (r.files.length
              ? `${r.files.map(planLine).join("\n")}\n`
              : scope === "conversation"
                ? ""
                : "No file changes to undo.\n") +
            (r.notCovered.length && scope !== "conversation"
              ? `Not covered (not recorded, they stay): ${r.notCovered.join("; ")}\n`
              : "") +
            (r.kept.length && !o.dryRun
              ? `Left as they are: ${r.kept.map((f) => f.rel).join(", ")} (use --force to overwrite).\n`
              : ""),
        );
      } finally {
        writer.close();
      }
    });
}
