// `loopGuard` in protoagent.jsonc reaches the loop of a real Runtime; values that
// make no sense are configuration errors naming the key.
import { describe, expect, it } from "vitest";
import { runtimeFixture } from "../helpers/runtime-env.js";
import { writeFakeUserConfig } from "../helpers/temp.js";

const env = runtimeFixture({ "a.txt": "alpha\n" });
const read = { toolCalls: [{ name: "read_file", arguments: { file_path: "a.txt" } }] };

describe("loopGuard in the config", () => {
  it("sets when the run stops", async () => {
    writeFakeUserConfig(env.t, env.provider.url, { loopGuard: { stopAfter: 3 } });
    const rt = await env.open({ headless: true });
    env.provider.enqueue(read, read, read, { text: "never requested" });
    const result = await rt.run("read");
    expect(result.reason).toBe("loop");
    expect(result.error).toContain("(loopGuard.stopAfter is 3)");
    expect(env.provider.requests).toHaveLength(3);
  });

  it("rejects a threshold of 1 with the key's name", async () => {
    writeFakeUserConfig(env.t, env.provider.url, { loopGuard: { nudgeAfter: 1 } });
    await expect(env.open({ headless: true })).rejects.toThrow(
      /loopGuard\.nudgeAfter: must be 0 \(off\) or at least 2/,
    );
  });
});
