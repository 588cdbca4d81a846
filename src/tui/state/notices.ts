// Fixed notices the reducer prints for UI-level changes (the header is printed once, so a change of mode
// must be said in the transcript).
import type { NewItem, PermissionModeName } from "./app-types.js";

const MODE_MEANING: Record<PermissionModeName, string> = {
  default: "edits, commands and fetches ask first",
  "accept-edits": "file edits in the workspace run without asking; commands still ask",
  plan: "read-only: nothing that changes anything runs",
  bypass: "nothing asks (blocked commands, protected paths and deny rules still apply)",
};

export const modeNotice = (mode: PermissionModeName): NewItem => ({
  kind: "notice",
  level: "info",
  text: `Mode: ${mode} — ${MODE_MEANING[mode] ?? "unknown mode"} · Shift+Tab cycles`,
});
