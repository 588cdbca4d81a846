// The running App's command UI: /model opens a picker of usable models (type to filter, current marked, Enter
// switches, Esc and Ctrl+C cancel), the picker fits 80x24, slash commands are echoed, every mode change is
// said in the transcript, and /help names each command once.
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/components/App.js";
import { UsageBar } from "../../src/components/UsageBar.js";
import { COMMANDS, helpText } from "../../src/tui/commands/slash-commands.js";
import { makeUi } from "../../src/tui/render/theme.js";
import type { AppServices } from "../../src/tui/state/session-port.js";
import { renderUi, ScriptedSession } from "./helpers.js";

afterEach(() => cleanup());

function setup(services: AppServices = {}) {
  const s = new ScriptedSession(async () => {});
  const r = renderUi(
    <App session={s} services={services} ui={makeUi(false)} version="t" history={null} completer={null} />,
  );
  const send = async (text: string) => {
    for (const ch of text) await r.press(ch);
    await r.press("\r");
  };
  return { s, r, send };
}

function modelServices(switched: string[]): AppServices {
  const choices = [
    { ref: "fake/model", label: "Fake – current", hasKey: true },
    { ref: "openai/gpt-5", label: "OpenAI – GPT-5", hasKey: false },
    { ref: "ollama/qwen3", label: "Ollama – Qwen3", hasKey: true },
    ...Array.from({ length: 40 }, (_, i) => ({ ref: `local/m${i}`, label: `Local ${i}`, hasKey: true })),
  ];
  return {
    listModels: () => choices.map((c) => c.ref),
    modelChoices: () => choices,
    switchModel: (_s, ref) => {
      switched.push(ref);
    },
  };
}

describe("/model picker", () => {
  it("lists models with a key (or local), marks the current one, filters, and switches on Enter", async () => {
    const switched: string[] = [];
    const { r, send } = setup(modelServices(switched));
    await r.waitFor("Ask anything");
    await send("/model");
    await r.waitFor("Switch model", { in: "last" });
    const frame = r.last();
    expect(frame).toContain("● fake/model");
    expect(frame).not.toContain("openai/gpt-5");
    // The picker replaces the input and fits 24 rows (ink-testing-library's terminal) with the usage bar.
    expect(frame.split("\n").length).toBeLessThanOrEqual(24 - 1);
    // A burst: a typo, two Backspaces and the filter arrive in one read.
    await r.press("xx\u007f\u007fqwen");
    await r.waitFor((f) => f.includes("ollama/qwen3") && !f.includes("local/m1 "), { in: "last" });
    await r.press("\r");
    await r.waitFor(() => switched.length === 1);
    expect(switched).toEqual(["ollama/qwen3"]);
    await r.waitFor((f) => !f.includes("Switch model") && f.includes("Ask anything"), { in: "last" });
  });

  it("Esc and Ctrl+C cancel without switching; /model <ref> still switches directly", async () => {
    const switched: string[] = [];
    const { r, send } = setup(modelServices(switched));
    await r.waitFor("Ask anything");
    await send("/model");
    await r.waitFor("Switch model", { in: "last" });
    await r.press("qw");
    await r.press("\u001b");
    await r.waitFor((f) => !f.includes("Switch model") && f.includes("Ask anything"), { in: "last" });
    await send("/model");
    await r.waitFor("Switch model", { in: "last" });
    await r.press("\u0003");
    await r.waitFor((f) => !f.includes("Switch model") && f.includes("Ask anything"), { in: "last" });
    expect(switched).toEqual([]);
    await send("/model local/m3");
    await r.waitFor(() => switched.length === 1);
    expect(switched).toEqual(["local/m3"]);
  });
});

describe("/model picker with the provider's live models", () => {
  it("adds live models config does not list, and says so when the list cannot be fetched", async () => {
    const switched: string[] = [];
    const base = modelServices(switched);
    const { r, send } = setup({
      ...base,
      liveModels: async () => ({
        refs: [
          { ref: "fake/model", detail: "dup" },
          { ref: "ollama/llama3.3:70b", detail: "Ollama · 131k context (live)" },
        ],
      }),
    });
    await r.waitFor("Ask anything");
    await send("/model");
    await r.waitFor("Switch model", { in: "last" });
    // Only once in the list: the configured entry wins over its live twin.
    expect(r.last()).toContain("fake/model Fake – current");
    expect(r.last()).not.toContain("dup");
    await r.press("llama3.3");
    await r.waitFor((f) => f.includes("ollama/llama3.3:70b") && f.includes("131k context"), { in: "last" });
    await r.press("\r");
    await r.waitFor(() => switched.length === 1);
    expect(switched).toEqual(["ollama/llama3.3:70b"]);

    const failing = setup({ ...base, liveModels: async () => ({ refs: [], error: "connection refused" }) });
    await failing.r.waitFor("Ask anything");
    await failing.send("/model");
    await failing.r.waitFor("Switch model", { in: "last" });
    expect(failing.r.all()).toContain("Could not list the provider's live models: connection refused");
  });
});

describe("command echo, mode notices, /help", () => {
  it("echoes slash commands into the transcript like a prompt, unknown ones too", async () => {
    const { s, r, send } = setup();
    await r.waitFor("Ask anything");
    await send("/cost");
    await r.waitFor("input tokens:");
    await send("/nope");
    await r.waitFor("Unknown command /nope");
    const all = r.all();
    expect(all.indexOf("❯ /cost")).toBeGreaterThan(-1);
    expect(all.indexOf("❯ /cost")).toBeLessThan(all.indexOf("input tokens:"));
    expect(all).toContain("❯ /nope");
    expect(s.prompts).toEqual([]);
  });

  it("says every mode change in the transcript and keeps the usage bar's mode current", async () => {
    const { r, send } = setup();
    await r.waitFor("Ask anything");
    await r.press("\u001b[Z"); // Shift+Tab
    await r.waitFor("Mode: accept-edits");
    await r.waitFor("· accept-edits", { in: "last" });
    await send("/mode plan");
    await r.waitFor("Mode: plan");
    await r.waitFor("· plan", { in: "last" });
    await send("/mode plan");
    await send("/cost");
    await r.waitFor("input tokens:");
    // Setting the mode it already has says nothing new.
    expect((r.all().match(/Mode: plan/g) ?? []).length).toBe(1);
  });

  it("/help names each command once, aliases beside it", () => {
    const lines = helpText().split("\n");
    for (const c of COMMANDS) {
      const own = lines.filter((l) => l.split(" — ")[0]?.split(/[ ,]+/).includes(`/${c.name}`));
      expect(own, c.name).toHaveLength(1);
      const head = own[0]?.split(" — ")[0]?.split(/[ ,]+/) ?? [];
      expect(head.filter((w) => w === `/${c.name}`)).toHaveLength(1);
    }
    expect(helpText()).toContain("/quit, /exit — ");
  });
});

describe("usage bar after a resume", () => {
  const base = { lastInput: 0, lastOutput: 0, totalInput: 900, totalOutput: 80, costUsd: 0.01, seen: true };
  const bar = (contextTokens: number) =>
    renderUi(
      <UsageBar
        model="p/m"
        mode="default"
        usage={{ ...base, contextTokens, contextWindow: 100_000 }}
        turnMs={null}
        running={false}
        queued={0}
      />,
    );

  it("never says ctx 0%: nothing while the figure is unknown, <1% for a small one, no ↑0 ↓0", async () => {
    const unknown = bar(0);
    await unknown.waitFor("p/m", { in: "last" });
    expect(unknown.last()).not.toContain("ctx");
    expect(unknown.last()).not.toContain("↑");
    cleanup();
    const small = bar(120);
    await small.waitFor("ctx <1% of 100k", { in: "last" });
  });
});
