// The file port an ACP session gives its Runtime: reads and writes go through the client's fs methods when it
// offers them (so the agent sees unsaved buffers and edits land in the editor), each direction falling back to
// the disk on its own. The tools have applied the workspace path policy before any call reaches here.

import { readFile, writeFile } from "node:fs/promises";
import type * as acp from "@agentclientprotocol/sdk";
import type { FilePort } from "../runtime/index.js";

/** `ref.id` is the session id once known; `ref.written` records the last text written per path. */
export function clientFiles(
  client: acp.AgentContext,
  caps: acp.ClientCapabilities,
  ref: { id: string; written: Map<string, string> },
): FilePort {
  return {
    readText: async (p) =>
      caps.fs?.readTextFile
        ? (await client.request("fs/read_text_file", { sessionId: ref.id, path: p })).content
        : readFile(p, "utf8"),
    writeText: async (p, text) => {
      if (caps.fs?.writeTextFile)
        await client.request("fs/write_text_file", { sessionId: ref.id, path: p, content: text });
      else await writeFile(p, text);
      ref.written.set(p, text);
    },
  };
}
