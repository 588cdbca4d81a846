// `loopGuard` in protoagent.jsonc reaches the loop of a real Runtime and its sub-agents (each with its own count);
// values that make no sense are configuration errors naming the key.
import { describe, expect, it } from "vitest";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { writeFakeUserConfig } from "../helpers/temp.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });
const read = { toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] };

describe("loopGuard in the config", () => {
  it("sets when the run stops", async () => {
    writeFakeUserConfig(env.t, env.provider.url, { loopGuard: { stopAfter: 3 } });
    const rt = await env.open({ headless: true });
    // The queue is shared by the file's tests: the stop must leave nothing in it.
    env.provider.enqueue(read, read, read);
    const result = await rt.run("read");
    expect(result.reason).toBe("loop");
    expect(result.error).toContain("(loopGuard.stopAfter is 3)");
    expect(env.provider.requests).toHaveLength(3);
    expect(env.provider.pending).toBe(0);
  });

  it("stops a sub-agent that repeats itself; the parent is told and goes on", async () => {
    writeFakeUserConfig(env.t, env.provider.url, { loopGuard: { stopAfter: 3 } });
    const rt = await env.open({ headless: true });
    env.provider.enqueue(
      { toolCalls: [{ name: "sub_agent", arguments: { task: "read a.txt" } }] },
      read,
      read,
      read,
      { text: "parent done" },
    );
    const result = await rt.run("delegate");
    expect(result).toMatchObject({ reason: "completed", text: "parent done" });
    const child = rt.messages.find((m) => m.role === "tool" && m.name === "sub_agent");
    expect(child).toMatchObject({
      isError: true,
      content: "The sub-agent was stopped for repeating the same tool call with the same result.",
    });
  });

  it("rejects a threshold of 1 with the key's name", async () => {
    writeFakeUserConfig(env.t, env.provider.url, { loopGuard: { nudgeAfter: 1 } });
    await expect(env.open({ headless: true })).rejects.toThrow(
      /loopGuard\.nudgeAfter: must be 0 \(off\) or at least 2/,
    );
  });
});
