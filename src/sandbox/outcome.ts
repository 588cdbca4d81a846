// After and around a sandboxed command: whether an approval means the user saw the command, whether a failure
// looks like the sandbox's doing (so the model learns it may ask to run outside it), and removing protected
// paths a sandboxed command created where none existed. Pure except cleanupCreated.
import { rmSync } from "node:fs";
import path from "node:path";
import { exists } from "./protected.js";
import type { SandboxProfile } from "./types.js";

/**
 * True when an approval came from the user looking at this command: a prompt (answered once or for the session),
 * or an earlier session approval of this exact command or of its prefix. Rules, skill grants, trusted servers,
 * bypass mode and an earlier "any command" session approval never showed it to anyone. Unknown wording counts as
 * not seen (the command is then sandboxed: failing closed).
 */
export function userSawCommand(by: string): boolean {
  return /^user (once|session)\b/.test(by) || /^session grant bash:(exact|prefix):/.test(by);
}

const FILE_SYSTEM =
  /read-only file system|\bEROFS\b|operation not permitted|\bEPERM\b|permission denied|\bEACCES\b/i;
const NETWORK =
  /could not resolve host|couldn't resolve host|\bENETUNREACH\b|network is unreachable|\bEAI_AGAIN\b|\bENOTFOUND\b|temporary failure in name resolution|name or service not known|getaddrinfo|\bECONNREFUSED\b|connection refused|failed to connect|could not connect/i;

/** A note for the model when a sandboxed command failed in a way the sandbox explains; undefined otherwise. */
export function sandboxFailureNote(
  profile: SandboxProfile,
  exitCode: number | null,
  output: string,
): string | undefined {
  if (exitCode === 0) return undefined;
  const fs = FILE_SYSTEM.test(output);
  const net = NETWORK.test(output);
  if (!fs && !net) return undefined;
  const where =
    profile === "workspace-write"
      ? "the workspace is writable except .git/, .protoagent/, editor and agent settings; elsewhere only /tmp; no network"
      : "read-only file system except a private /tmp; no network";
  const cause = [fs ? "a write or access was refused" : "", net ? "the network is unreachable" : ""]
    .filter(Boolean)
    .join(" and ");
  return `This command ran inside protoagent's OS sandbox (${where}); the failure looks like the sandbox's doing (${cause}). If it really needs to write there or reach the network, call bash again with the same command and "sandbox": false — that asks the user for approval. Inside the sandbox, secrets are hidden (~/.ssh and similar folders look empty; .env and other credential files read as empty or cannot be opened).`;
}

/** Removes protected paths from `missingBefore` that exist now; returns their workspace-relative names. */
export function cleanupCreated(workspace: string, missingBefore: readonly string[]): string[] {
  const removed: string[] = [];
  for (const p of missingBefore) {
    if (!exists(p)) continue;
    rmSync(p, { recursive: true, force: true });
    removed.push(path.relative(workspace, p));
  }
  return removed;
}
