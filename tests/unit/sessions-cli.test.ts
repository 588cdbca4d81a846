// End-to-end through the built CLI (dist/cli.js) and the fake OpenAI server: headless runs persist, resume by
// prefix and with --continue, fork, refuse unknown ids, and stop at limits.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeProvider } from "../helpers/fake-provider.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let provider: FakeProvider;
let t: TempEnv;
beforeAll(async () => {
  provider = await FakeProvider.start();
});
afterAll(() => provider.close());
beforeEach(() => {
  t = makeTempEnv({ "a.txt": "alpha\n" });
  writeFakeUserConfig(t, provider.url);
  provider.requests.length = 0;
});
afterEach(() => t.cleanup());

const run = (...args: string[]) => runCli(args, { env: t.env, cwd: t.cwd });
const json = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!);
const sessionsDir = () => path.join(t.dataHome, "protoagent", "sessions");

describe("sessions through the CLI", () => {
  it("resumes by prefix and with --continue: the model sees the whole earlier history", async () => {
    provider.enqueue(
      { toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] },
      { text: "It says alpha." },
    );
    const first = await run("-p", "What does a.txt say?", "--output-format", "json");
    expect(first.code).toBe(0);
    const id = json(first.stdout).session_id as string;
    expect(readdirSync(sessionsDir())).toContain(`${id}.jsonl`);
    const firstHistory = provider.requests.at(-1)!.body.messages;

    provider.enqueue({ text: "Still alpha." });
    const second = await run("-p", "And now?", "--session", id.slice(0, 8), "--output-format", "json");
    expect(second.code).toBe(0);
    expect(json(second.stdout)).toMatchObject({ session_id: id, is_error: false });
    expect(provider.requests.at(-1)!.body.messages).toEqual([
      ...firstHistory,
      { role: "assistant", content: "It says alpha." },
      { role: "user", content: "And now?" },
    ]);

    provider.enqueue({ text: "Yes." });
    const third = await run("-p", "Sure?", "-c", "--output-format", "json");
    expect(json(third.stdout).session_id).toBe(id);
    expect(provider.requests.at(-1)!.body.messages.filter((m) => m.role === "user")).toHaveLength(3);

    const list = await run("sessions", "list", "--json");
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ id, title: "What does a.txt say?", turns: 3 }),
    ]);
    const show = await run("sessions", "show", id.slice(0, 6));
    expect(show.stdout).toContain("▶ read_file");
  });

  it("--fork-session continues in a new session; unknown ids fail without creating one", async () => {
    provider.enqueue({ text: "One." });
    const id = json((await run("-p", "first", "--output-format", "json")).stdout).session_id;
    provider.enqueue({ text: "Two." });
    const fork = await run("-p", "second", "--session", id, "--fork-session", "--output-format", "json");
    expect(json(fork.stdout).session_id).not.toBe(id);
    expect(readdirSync(sessionsDir()).filter((f) => f.endsWith(".jsonl"))).toHaveLength(2);

    const bad = await run("-p", "x", "--session", "0123abcd");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/No session "0123abcd"/);
    const traversal = await run("-p", "x", "--session", "../../etc/passwd");
    expect(traversal.code).toBe(1);
    expect(traversal.stderr).toMatch(/not a session id/);
    expect(readdirSync(sessionsDir()).filter((f) => f.endsWith(".jsonl"))).toHaveLength(2);
    expect(existsSync(path.join(sessionsDir(), `${id}.jsonl.lock`))).toBe(false);
  });

  it("--max-cost stops cleanly at 100 % with is_error and exit 1, the session saved", async () => {
    provider.enqueue({
      toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }],
      usage: { prompt_tokens: 1_000_000, completion_tokens: 10 },
    });
    const r = await run("-p", "expensive", "--max-cost", "0.5", "--output-format", "json");
    expect(r.code).toBe(1);
    expect(json(r.stdout)).toMatchObject({ is_error: true, stop_reason: "limit" });
    expect(r.stderr).toMatch(/cost limit reached/);
    const list = JSON.parse((await run("sessions", "list", "--json")).stdout);
    expect(list[0].costUsd).toBeGreaterThan(0.5);
  });

  it("--timeout stops a hung request as a limit, exit 1, the session saved", async () => {
    provider.enqueue({ hang: true });
    const r = await run("-p", "slow", "--timeout", "1s", "--output-format", "json");
    expect(r.code).toBe(1);
    expect(json(r.stdout)).toMatchObject({ is_error: true, stop_reason: "limit" });
    expect(r.stderr).toMatch(/time limit reached \(1s\)/);
    const list = JSON.parse((await run("sessions", "list", "--json")).stdout);
    expect(list[0]).toMatchObject({ title: "slow", turns: 1 });
  });

  it("a context overflow compacts with compactionModel, retries once, and the compaction is in the log", async () => {
    writeFakeUserConfig(t, provider.url, {
      compactionModel: "fake/small",
      providers: {
        fake: {
          baseURL: provider.url,
          apiKey: "test-key",
          models: { m1: { contextWindow: 100_000 }, small: { contextWindow: 50_000 } },
        },
      },
    });
    provider.enqueue({ text: "First answer." });
    const id = json((await run("-p", "first task", "--output-format", "json")).stdout).session_id;
    provider.enqueue(
      { status: 400, errorMessage: "This model's maximum context length is 100000 tokens." },
      { text: "## Goal\nfirst task" },
      { text: "Second answer." },
    );
    const r = await run("-p", "second task", "-c", "--output-format", "json");
    expect(json(r.stdout)).toMatchObject({ session_id: id, result: "Second answer.", is_error: false });
    const [summaryReq, retry] = provider.requests.slice(-2).map((x) => x.body);
    expect(summaryReq!.model).toBe("small");
    expect(retry!.model).toBe("m1");
    expect(retry!.messages.map((m) => m.role)).toEqual(["system", "user", "user"]);
    expect(retry!.messages[1]!.content).toMatch(/^<conversation_summary>/);
    expect(retry!.messages[2]).toEqual({ role: "user", content: "second task" });
    const show = JSON.parse((await run("sessions", "show", id, "--json")).stdout);
    expect(show.compactions).toBe(1);
    expect(show.messages).toHaveLength(4);
    expect(show.transcript.filter((x: { kind: string }) => x.kind === "user")).toHaveLength(2);
  });
});
