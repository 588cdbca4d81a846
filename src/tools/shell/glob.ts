// Expands a glob word the way bash does by default (no dotglob, nullglob, extglob or globstar), so the policy
// checks the argv the command will really get — including file names that start with "-" and would be read as
// options. Bounded: past MAX_MATCHES the caller asks instead. Reads directories only.
import { lstatSync, readdirSync } from "node:fs";
import path from "node:path";

export const MAX_MATCHES = 2_000;

function hasActiveGlob(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i];
    if (ch === "\\") i++;
    else if (ch === "*" || ch === "?" || ch === "[") return true;
  }
  return false;
}

function unescapePattern(segment: string): string {
  return segment.replace(/\\(.)/g, "$1");
}

/** Converts one path segment of a bash pattern into an anchored RegExp. */
function segmentRegex(segment: string): RegExp {
  let re = "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] as string;
    if (ch === "\\") {
      const next = segment[++i] ?? "";
      re += next.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close < 0) {
        re += "\\[";
        continue;
      }
      let body = segment.slice(i + 1, close);
      let negate = false;
      if (body.startsWith("!") || body.startsWith("^")) {
        negate = true;
        body = body.slice(1);
      }
      const cls = body.replace(/\\(.)/g, "$1").replace(/[\\\]^[]/g, "\\$&");
      re += `[${negate ? "^" : ""}${cls}]`;
      i = close;
    } else re += ch.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "s");
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * Returns the words the pattern expands to, relative to `base` exactly as bash prints them; the unescaped
 * pattern itself when nothing matches; or null when there are more than MAX_MATCHES.
 */
export function expandGlob(pattern: string, base: string): string[] | null {
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/");
  let partials: string[] = [absolute ? "/" : ""];
  let globbed = false;
  const join = (p: string, name: string) => (p === "" || p.endsWith("/") ? p + name : `${p}/${name}`);
  for (let index = absolute ? 1 : 0; index < segments.length; index++) {
    const segment = segments[index] as string;
    if (segment === "") {
      partials = partials.map((p) => (p.endsWith("/") || p === "" ? p : `${p}/`));
      continue;
    }
    const next: string[] = [];
    if (!hasActiveGlob(segment)) {
      for (const p of partials) {
        const candidate = join(p, unescapePattern(segment));
        // After a glob, bash keeps only paths that exist.
        if (!globbed || exists(path.resolve(base, candidate))) next.push(candidate);
      }
    } else {
      globbed = true;
      const re = segmentRegex(segment);
      const allowDot = unescapePattern(segment).startsWith(".");
      for (const p of partials) {
        for (const name of listDir(path.resolve(base, p || "."))) {
          if (name.startsWith(".") && !allowDot) continue;
          if (!re.test(name)) continue;
          next.push(join(p, name));
          if (next.length > MAX_MATCHES) return null;
        }
      }
    }
    partials = next;
    if (partials.length === 0) break;
  }
  if (partials.length === 0) return [unescapePattern(pattern)];
  return partials;
}
