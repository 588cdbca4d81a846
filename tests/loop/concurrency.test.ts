// Calls of a tool with a `concurrency` (sub_agent) batch like read-only calls but bounded: consecutive ones run side
// by side, never more than the bound at once; any other call keeps its place between batches; results follow the
// model's order.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "../../src/tools/tool.js";
import { assertValidHistory, type Harness, startHarness } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** A tool that gives up its turn once (so every call the loop started together is running) and echoes its id. */
const job = defineTool({
  name: "job",
  description: "A job.",
  readOnly: false,
  approvesItself: true,
  concurrency: 2,
  parameters: z.object({ id: z.string() }),
  async execute(args) {
    await new Promise((r) => setImmediate(r));
    return { content: `job ${args.id}` };
  },
});
const mark = defineTool({
  name: "mark",
  description: "A mark.",
  readOnly: false,
  approvesItself: true,
  parameters: z.object({}),
  async execute() {
    return { content: "marked" };
  },
});

describe("bounded concurrent batches", () => {
  it("runs at most `concurrency` calls at once and keeps other calls in their place", async () => {
    h = await startHarness({ tools: [job, mark] });
    const call = (id: string) => ({ id, name: "job", arguments: { id } });
    h.fake.enqueue(
      {
        toolCalls: [call("j1"), call("j2"), call("j3"), { id: "m", name: "mark", arguments: {} }, call("j4")],
      },
      { text: "done" },
    );
    await h.run("go");

    const order = h.events.flatMap((e) =>
      e.type === "tool_start" ? [`+${e.callId}`] : e.type === "tool_end" ? [`-${e.callId}`] : [],
    );
    let running = 0;
    let most = 0;
    for (const step of order) {
      running += step.startsWith("+") ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    // j1 and j2 start together; j3 waits for one of them; mark waits for the batch; j4 for mark.
    expect(order.slice(0, 2)).toEqual(["+j1", "+j2"]);
    expect(order.indexOf("+m")).toBeGreaterThan(
      Math.max(...["-j1", "-j2", "-j3"].map((s) => order.indexOf(s))),
    );
    expect(order.indexOf("+j4")).toBeGreaterThan(order.indexOf("-m"));
    const results = h.session.messages.flatMap((m) => (m.role === "tool" ? [m.content] : []));
    expect(results).toEqual(["job j1", "job j2", "job j3", "marked", "job j4"]);
    assertValidHistory(h.session.messages);
  });
});
