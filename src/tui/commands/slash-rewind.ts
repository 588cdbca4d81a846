// /undo and /rewind: the TUI's way back. /undo reverts the file changes of the last turn that made some and says
// which. /rewind picks a user turn (prompt, time, files touched), then code / conversation / both, shows the
// preview (what each file will do, what was changed outside protoagent) and asks before anything changes.
import type { FilePlan, RewindResult, RewindScope, TurnInfo } from "../../runtime/index.js";
import { oneLine } from "../../utils/one-line.js";
import type { PickerItem } from "../input/picker.js";
import { type CommandHost, info, note, type SlashCommand } from "./slash-host.js";
import { age } from "./slash-pickers.js";

const VERB: Record<FilePlan["action"], string> = {
  restore: "restore",
  remove: "delete (the agent created it)",
  unchanged: "already as it was",
  conflict: "changed outside protoagent since",
  lost: "cannot restore: snapshot pruned",
  refused: "cannot restore",
};

const planText = (files: readonly FilePlan[]) =>
  files.map(
    (f) => `${f.rel}: ${VERB[f.action]}${f.reason && f.action === "refused" ? ` (${f.reason})` : ""}`,
  );

/** What a finished rewind or undo did, in one notice and (when some were kept) a warning. */
function report(host: CommandHost, r: RewindResult, head: string): void {
  const done = r.restored.map((f) => `${f.action === "remove" ? "deleted" : "restored"} ${f.rel}`);
  note(host, `${head}${done.length ? `: ${done.join(", ")}` : ""}.`);
  if (r.kept.length)
    note(host, `Left as they are: ${r.kept.map((f) => `${f.rel} (${VERB[f.action]})`).join(", ")}.`, "warn");
}

async function undo(host: CommandHost): Promise<void> {
  const fn = host.services.undo;
  if (!fn) return note(host, "/undo is not available here.", "warn");
  const r = await fn();
  if (!r) return note(host, "Nothing to undo: no file changes of this session are in effect.");
  if (r.restored.length === 0 && r.kept.length === 0)
    return note(host, `Turn ${r.turn}'s files were already as they were before it.`);
  report(host, r, `Undid turn ${r.turn} (“${oneLine(r.prompt, 40)}”)`);
}

function pickTurn(host: CommandHost, turns: readonly TurnInfo[], now = Date.now()): void {
  const items = [...turns].reverse().map(
    (t): PickerItem => ({
      id: String(t.turn),
      label: `${t.turn}. ${oneLine(t.text, 60)}`,
      detail: `${age(t.at, now)}${t.files.length ? ` · ${t.files.join(", ")}` : " · no file changes"}`,
    }),
  );
  host.pick?.({
    title: "Rewind to before which prompt?",
    items,
    empty: "No prompt matches",
    onPick: (it) => pickScope(host, Number(it.id)),
  });
}

function pickScope(host: CommandHost, turn: number): void {
  host.pick?.({
    title: `Rewind to before turn ${turn}: what?`,
    items: [
      { id: "both", label: "Code and conversation" },
      { id: "code", label: "Code only", detail: "restore files, keep the conversation" },
      { id: "conversation", label: "Conversation only", detail: "keep the files as they are" },
    ],
    onPick: (it) => preview(host, turn, it.id as RewindScope),
  });
}

async function preview(host: CommandHost, turn: number, scope: RewindScope): Promise<void> {
  const p = await host.services.previewRewind?.(turn, scope);
  if (!p) return;
  const lines = scope === "conversation" ? [] : planText(p.files);
  if (scope !== "conversation" && p.files.length === 0) lines.push("No file changes to undo.");
  if (p.keptMessages !== undefined)
    lines.push(`The conversation goes back to before “${oneLine(p.prompt, 60)}”.`);
  // Say plainly what a code rewind cannot undo: shell commands whose changes could not be recorded.
  if (scope !== "conversation" && p.notCovered.length)
    lines.push(`Not covered (their changes were not recorded, so they stay): ${p.notCovered.join("; ")}`);
  info(host, `/rewind to before turn ${turn}`, lines.join("\n"));
  const conflicts = p.files.filter((f) => f.action === "conflict");
  const items: PickerItem[] = [
    { id: "go", label: conflicts.length ? "Rewind, leave the files changed outside protoagent" : "Rewind" },
    ...(conflicts.length
      ? [{ id: "all", label: `Rewind and overwrite ${conflicts.map((f) => f.rel).join(", ")}` }]
      : []),
    { id: "cancel", label: "Cancel" },
  ];
  host.pick?.({
    title: "Go ahead?",
    items,
    onPick: async (it) => {
      if (it.id === "cancel") return note(host, "Nothing changed.");
      const r = await host.services.rewind?.(turn, scope, it.id === "all" ? "all" : []);
      if (r)
        report(
          host,
          r,
          `Rewound ${scope === "both" ? "code and conversation" : scope} to before turn ${turn}`,
        );
    },
  });
}

export const REWIND_COMMANDS: SlashCommand[] = [
  {
    name: "undo",
    description: "Revert the file changes of the last turn that made some (and say which)",
    run: (host) => undo(host),
  },
  {
    name: "rewind",
    description: "Go back to before one of your prompts: code, conversation or both, with a preview",
    run(host) {
      const turns = host.services.turns?.() ?? [];
      if (!host.pick || !host.services.rewind) return note(host, "/rewind is not available here.", "warn");
      if (turns.length === 0) return note(host, "Nothing to rewind: no prompts in this session yet.");
      pickTurn(host, turns);
    },
  },
];
