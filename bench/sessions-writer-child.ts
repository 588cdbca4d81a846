// Child process for the kill -9 benchmark: a real Session (bootstrap) against the fake provider with the session
// log attached, running prompts back to back. After each completed run it prints "done <n>" (the log has been
// fsynced at the run's end by then). The parent kills it with SIGKILL at a random moment.
import path from "node:path";
import { assembleSession } from "../src/runtime/assemble.js";
import { attachRecorder } from "../src/store/recorder.js";
import { SessionStore } from "../src/store/store.js";

const [cwd, dataHome] = process.argv.slice(2) as [string, string];
const env = { ...process.env };
const { session } = await assembleSession({ cwd, env, headless: true });
const store = new SessionStore({ dir: path.join(dataHome, "protoagent", "sessions"), version: "bench" });
const writer = store.create({ cwd, model: session.model.ref });
attachRecorder(session, writer, { fresh: true });
process.stdout.write(`id ${writer.id}\n`);
for (let n = 1; ; n++) {
  await session.run(`turn ${n}`);
  process.stdout.write(`done ${n}\n`);
}
