// Standalone fake provider for end-to-end runs in real terminals and benchmarks:
//   node --import tsx tests/helpers/fake-provider-main.ts <script.json>
// The script is a JSON array of ScriptedReply consumed in order, or {"replies": [...], "repeat": true}.
// Prints the base URL on the first stdout line and serves until killed.
import { readFileSync } from "node:fs";
import { FakeProvider, type ScriptedReply } from "./fake-provider.js";

const file = process.argv[2];
const raw: unknown = file ? JSON.parse(readFileSync(file, "utf8")) : [];
const script = Array.isArray(raw)
  ? { replies: raw as ScriptedReply[], repeat: false }
  : (raw as { replies: ScriptedReply[]; repeat: boolean });
let i = 0;
const provider = await FakeProvider.start(() => {
  const reply = script.repeat ? script.replies[i++ % script.replies.length] : script.replies[i++];
  return reply ?? { text: "(fake provider: script exhausted)" };
});
process.stdout.write(`${provider.url}\n`);
const stop = () => void provider.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
