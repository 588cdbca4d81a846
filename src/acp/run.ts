// `protoagent acp`: serves the Agent Client Protocol over stdio (newline-delimited JSON-RPC) until the client
// closes stdin. stdout carries protocol messages only; anything else that would print goes to stderr.
import { Readable, Writable } from "node:stream";
import { ndJsonStream } from "@agentclientprotocol/sdk";
import type { RuntimeOptions } from "../runtime/index.js";
import { createAcpAgent } from "./agent.js";

export interface AcpRunOptions {
  version: string;
  base: Omit<RuntimeOptions, "cwd" | "headless" | "resume" | "files" | "extraMcpServers">;
}

export async function runAcp(opts: AcpRunOptions): Promise<number> {
  // A stray console.log (ours or a library's) must not corrupt the protocol stream.
  const toStderr = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(" ")}\n`);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  const agent = createAcpAgent(opts);
  const stream = ndJsonStream(
    Writable.toWeb(process.stdout) as WritableStream<Uint8Array>,
    Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>,
  );
  const connection = agent.app.connect(stream);
  const stop = () => connection.close();
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    await connection.closed;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await agent.closeAll();
  }
  return 0;
}
