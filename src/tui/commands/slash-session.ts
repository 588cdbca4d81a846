// Slash commands about the session itself: /sessions (list or switch), /fork, /rename, /init. Kept apart from
// the general table so each file stays small; they run against the same CommandHost.
import { type CommandHost, describe, note, type SlashCommand } from "./slash-host.js";
import { pickSession } from "./slash-pickers.js";

function needService<T>(host: CommandHost, fn: T | undefined, what: string): fn is T {
  if (fn) return true;
  note(host, `${what} is not available here.`, "warn");
  return false;
}

export const SESSION_COMMANDS: SlashCommand[] = [
  {
    name: "sessions",
    usage: "[n|id]",
    description:
      "Pick one of this folder's saved sessions, or switch to one (list number, id or unique prefix)",
    async run(host, args) {
      if (!args) return pickSession(host) ? undefined : describe(host, "sessions", "No saved sessions.");
      const ids = /^\d{1,2}$/.test(args) ? host.services.listSessions?.() : undefined;
      const picked = ids ? ids[Number(args) - 1] : args;
      if (!picked) return note(host, `No session number ${args}; /sessions lists them.`, "warn");
      if (picked === host.session().id) return note(host, "That is the current session.");
      await host.newSession({ resume: picked });
    },
  },
  {
    name: "fork",
    description: "Continue in a copy of this session (the original stays as it is)",
    async run(host) {
      await host.newSession({ resume: host.session().id, fork: true });
    },
  },
  {
    name: "rename",
    usage: "<title>",
    description: "Set the session title shown in /sessions and protoagent sessions list",
    whileRunning: true,
    run(host, args) {
      if (!args) return note(host, "Usage: /rename <title>", "warn");
      if (!needService(host, host.services.rename, "/rename")) return;
      host.services.rename(args);
      note(host, `Renamed to “${args}”.`);
    },
  },
  {
    name: "init",
    description: "Ask the agent to write or update AGENTS.md for this project",
    run(host) {
      if (!needService(host, host.services.initPrompt, "/init")) return;
      host.send(host.services.initPrompt());
    },
  },
];
