// Comment-preserving edits of protoagent.jsonc: every change is a jsonc-parser `modify` + `applyEdits` on the
// original text, so the user's comments, order and formatting survive (the file is never re-serialised).
// Writes are atomic (temp file + rename) into a 0700 directory with mode 0600, since the file may hold keys.
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyEdits, type JSONPath, modify, type ParseError, parse } from "jsonc-parser";
import { UserError } from "../errors.js";
import { ensurePrivateDir } from "./paths.js";

const FORMAT = { insertSpaces: true, tabSize: 2, eol: "\n" };

/** Sets (or with `undefined`, removes) values at JSON paths, keeping everything else byte for byte. */
export function editJsonc(text: string, edits: Array<{ path: JSONPath; value: unknown }>): string {
  let out = text.trim() === "" ? "{}\n" : text;
  const errors: ParseError[] = [];
  parse(out, errors, { allowTrailingComma: true });
  if (errors.length > 0)
    throw new UserError("The config file is not valid JSONC; fix it before editing it here.");
  for (const e of edits) {
    out = applyEdits(out, modify(out, e.path, e.value, { formattingOptions: FORMAT }));
  }
  return out;
}

/** The edits for choosing a model: top-level "model", plus the provider's key only when one was given. */
export function modelEdits(ref: string, apiKey?: string): Array<{ path: JSONPath; value: unknown }> {
  const slash = ref.indexOf("/");
  const provider = ref.slice(0, slash);
  const edits: Array<{ path: JSONPath; value: unknown }> = [{ path: ["model"], value: ref }];
  // A missing key leaves any stored key alone (the reference deleted it).
  if (apiKey) edits.push({ path: ["providers", provider, "apiKey"], value: apiKey });
  return edits;
}

/** Atomically writes a private config file. */
export function writePrivateFile(file: string, text: string): void {
  ensurePrivateDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text.endsWith("\n") ? text : `${text}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/** The commented template written by `protoagent init`. */
export const CONFIG_TEMPLATE = `// protoagent configuration (JSONC: comments and trailing commas are fine).
// User file: ~/.config/protoagent/protoagent.jsonc · project file: <project>/.protoagent/protoagent.jsonc
// (the project layer is merged over the user layer). Any string may use \${ENV_VAR}.
{
  // The model to use, as provider/model (see \`protoagent configure\`). Override per run with --model.
  // "model": "openai/gpt-5-mini",

  "providers": {
    // Store a key for a built-in provider (or export its environment variable instead):
    // "openai": { "apiKey": "\${OPENAI_API_KEY}" },

    // Any OpenAI-compatible server:
    // "my-server": {
    //   "name": "My server",
    //   "baseURL": "http://localhost:8000/v1",
    //   "apiKey": "\${MY_SERVER_KEY}",
    //   "models": { "my-model": { "name": "My model", "contextWindow": 131072 } }
    // }
  },

  // Permission rules: deny beats ask beats allow. Modes: default, accept-edits, plan.
  "permissions": {
    // "allow": ["bash(npm test)"],
    // "deny": ["bash(git push:*)"]
  },

  // OS sandbox for shell commands: "read-only" (default), "workspace-write" (run every command sandboxed
  // without asking, the workspace writable except .git/ and settings folders, no network) or "off".
  // "sandbox": "workspace-write",

  // MCP servers (stdio or HTTP).
  "mcp": {
    "servers": {
      // "docs": { "type": "http", "url": "https://mcp.example.com/mcp" }
    }
  }
}
`;
