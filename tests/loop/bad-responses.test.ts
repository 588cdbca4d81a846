// Servers that answer 200 with something other than a chat-completion event stream: a web page (a wrong
// baseURL), a non-streamed JSON completion, broken SSE. None of these may pass for a successful empty answer.
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe("responses that are not an event stream", () => {
  it("an HTML page (wrong baseURL) is an error naming what came back, not an empty answer", async () => {
    h = await startHarness();
    h.fake.enqueue({
      raw: { contentType: "text/html; charset=utf-8", body: "<html><body>Welcome!</body></html>" },
    });
    const result = await h.run("hi");
    expect(result.reason).toBe("error");
    expect(result.error).toContain("text/html");
    expect(h.of("error")).toHaveLength(1);
  });

  it("a non-streamed JSON completion is either used or reported, never a silent empty answer", async () => {
    h = await startHarness();
    const completion = {
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1,
      model: "m1",
      choices: [
        { index: 0, message: { role: "assistant", content: "non-streamed answer" }, finish_reason: "stop" },
      ],
    };
    h.fake.enqueue({ raw: { contentType: "application/json", body: JSON.stringify(completion) } });
    const result = await h.run("hi");
    expect(result.text === "non-streamed answer" || result.reason === "error").toBe(true);
  });

  it("malformed SSE data fails the run at once with an error", async () => {
    h = await startHarness();
    h.fake.enqueue({ raw: { contentType: "text/event-stream", body: "data: {not json\n\n" } });
    const result = await h.run("hi");
    expect(result.reason).toBe("error");
    expect(h.fake.requests).toHaveLength(1);
    expect(result.error).toBeTruthy();
  });
});
