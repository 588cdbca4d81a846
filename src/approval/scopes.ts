// Session scopes: what "approve for the session" may cover, offered per request and matched later by key.
// Scopes are never widened silently (SECURITY T15): a prefix scope covers only plain commands that start with
// the exact words the user picked, and protected paths are never covered by any scope.

import { matchesExact, matchesPrefixStrict, suggestPrefix } from "./command-match.js";
import type { Subject } from "./rules.js";
import type { ApprovalRequest, SessionScope } from "./types.js";

const MAX_LABEL = 120;

/** Keeps labels readable; the key always holds the full value. */
function shown(text: string): string {
  const oneLine = text.replace(/[\r\n]+/g, "⏎");
  return oneLine.length > MAX_LABEL ? `${oneLine.slice(0, MAX_LABEL)}…` : oneLine;
}

const isFileKind = (req: ApprovalRequest): boolean => req.kind === "write" || req.kind === "edit";
const insideWorkspace = (s: Subject): boolean =>
  s.relPath !== undefined && s.relPath !== ".." && !s.relPath.startsWith("../");

/** The scopes the UI may offer under "approve for session", narrowest first. Empty for protected paths. */
export function scopesFor(req: ApprovalRequest, s: Subject): SessionScope[] {
  if (req.protectedPath) return [];
  const out: SessionScope[] = [];
  if (isFileKind(req) && s.absPath !== undefined) {
    out.push({ key: `file:${s.absPath}`, label: `this file: ${shown(s.relPath ?? s.absPath)}` });
    if (insideWorkspace(s))
      out.push({ key: "files:edits", label: "all file writes and edits in the workspace" });
    return out;
  }
  if (req.kind === "shell" && s.command !== undefined) {
    out.push({
      key: `bash:exact:${s.command.trim()}`,
      label: `this exact command: ${shown(s.command.trim())}`,
    });
    const prefix = suggestPrefix(s.command, req.prefix);
    if (prefix !== null && prefix !== s.command.trim()) {
      out.push({ key: `bash:prefix:${prefix}`, label: `commands starting with \`${shown(prefix)}\`` });
    }
    out.push({ key: `tool:${s.tool}`, label: `any command (${s.tool})` });
    return out;
  }
  if (req.kind === "fetch" && s.host !== undefined) {
    out.push({ key: `fetch:domain:${s.host}`, label: `this domain: ${s.host}` });
    return out;
  }
  out.push({ key: `tool:${s.tool}`, label: `this tool: ${s.tool}` });
  return out;
}

/** True when a granted scope key covers this request. */
export function grantCovers(key: string, req: ApprovalRequest, s: Subject): boolean {
  if (req.protectedPath) return false;
  const sep = key.indexOf(":");
  const type = key.slice(0, sep);
  const value = key.slice(sep + 1);
  switch (type) {
    case "file":
      return isFileKind(req) && s.absPath === value;
    case "files":
      return value === "edits" && isFileKind(req) && insideWorkspace(s);
    case "bash": {
      if (req.kind !== "shell" || s.command === undefined) return false;
      if (value.startsWith("exact:")) return matchesExact(s.command, value.slice(6));
      if (value.startsWith("prefix:")) return matchesPrefixStrict(s.command, value.slice(7));
      return false;
    }
    case "fetch":
      return value.startsWith("domain:") && req.kind === "fetch" && s.host === value.slice(7);
    case "tool":
      return s.tool === value;
    default:
      return false;
  }
}
