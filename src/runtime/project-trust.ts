// Trusting a project from inside a session (the TUI's trust prompt, /trust): the files the session's assembly
// left untrusted, shown as safe one-line texts, and recording trust in exactly the content that was shown — a
// file edited since is re-read, found changed and not trusted (the caller says so and lists it again).
import { readFileSync } from "node:fs";
import path from "node:path";
import { dataDir, type Env } from "../config/paths.js";
import { contentHash, trust } from "../config/trust.js";
import type { UntrustedFile, UntrustedKind } from "../config/untrusted.js";
import { cleanText } from "../utils/terminal-text.js";

/** One untrusted project file as a front-end shows it: every text is sanitised file content. */
export interface UntrustedProjectFile {
  /** Relative to the project folder when inside it. */
  path: string;
  parts: { kind: UntrustedKind; text: string }[];
}

export interface ProjectTrustResult {
  /** Files now trusted (the session was re-assembled with them). */
  trusted: UntrustedProjectFile[];
  /** Files that changed (or vanished) since they were listed: not trusted. */
  changed: string[];
  /** What the trusted files enable, by kind (e.g. { mcp: 2, hook: 1 }). */
  counts: Partial<Record<UntrustedKind, number>>;
}

/** Control characters and escapes removed; line breaks and tabs become spaces, so one part stays one line. */
const safe = (text: string): string => cleanText(text).replace(/[\n\t]/g, " ");

function shownPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return safe(rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file);
}

export function untrustedView(files: readonly UntrustedFile[], cwd: string): UntrustedProjectFile[] {
  return files.map((f) => ({
    path: shownPath(f.path, cwd),
    parts: f.parts.map((p) => ({ kind: p.kind, text: safe(p.text) })),
  }));
}

/** Records trust for each file whose content still hashes to what was listed; the rest come back as changed. */
export function recordProjectTrust(
  files: readonly UntrustedFile[],
  cwd: string,
  env: Env,
): ProjectTrustResult {
  const trusted: UntrustedFile[] = [];
  const changed: string[] = [];
  for (const f of files) {
    let content: string | undefined;
    try {
      content = readFileSync(f.path, "utf8");
    } catch {
      content = undefined;
    }
    if (content === undefined || contentHash(content) !== f.sha256) {
      changed.push(f.path);
      continue;
    }
    trust(f.path, content, dataDir(env));
    trusted.push(f);
  }
  const counts: ProjectTrustResult["counts"] = {};
  for (const p of trusted.flatMap((f) => f.parts)) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
  return { trusted: untrustedView(trusted, cwd), changed: changed.map((p) => shownPath(p, cwd)), counts };
}
