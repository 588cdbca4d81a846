// Minimal glob → RegExp for permission rules on workspace-relative POSIX paths. No filesystem access.
// `**` crosses folders, `*` and `?` stay inside one path segment, `{a,b}` alternates; everything else is literal.

const SPECIAL = /[\\^$.|+()[\]{}]/;

/** True when the pattern contains glob syntax (so it is not an exact path). */
export function isGlob(pattern: string): boolean {
  return /[*?{]/.test(pattern);
}

export function globToRegExp(pattern: string): RegExp {
  let out = "";
  let braceDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === "*") {
      if (pattern[i + 1] === "*") {
        const slashAfter = pattern[i + 2] === "/";
        out += slashAfter ? "(?:.*/)?" : ".*";
        i += slashAfter ? 2 : 1;
      } else {
        out += "[^/]*";
      }
    } else if (ch === "?") {
      out += "[^/]";
    } else if (ch === "{") {
      braceDepth++;
      out += "(?:";
    } else if (ch === "}" && braceDepth > 0) {
      braceDepth--;
      out += ")";
    } else if (ch === "," && braceDepth > 0) {
      out += "|";
    } else {
      out += SPECIAL.test(ch) ? `\\${ch}` : ch;
    }
  }
  // An unbalanced "{" stays a group opener; close it so the RegExp compiles (the rule then matches literally-ish).
  out += ")".repeat(braceDepth);
  return new RegExp(`^${out}$`);
}
