// Adapts the Runtime to the two narrow ports the TUI is written against (SessionPort, AppServices), so
// components and tests keep depending on small interfaces and the TUI entry stays a few lines. A new port
// object per session makes React re-subscribe after /clear, /sessions <n> and /fork.
import type { Runtime } from "../../runtime/index.js";
import type { AppServices, SessionPort } from "./session-port.js";

export function sessionPort(rt: Runtime): SessionPort {
  return {
    id: rt.id,
    cwd: rt.cwd,
    get model() {
      return rt.model;
    },
    get costUsd() {
      return rt.costUsd;
    },
    get usage() {
      return rt.usage;
    },
    get contextTokens() {
      return rt.contextTokens;
    },
    get messages() {
      return rt.messages;
    },
    registry: { list: () => rt.tools() },
    contextUsage: () => rt.contextUsage(),
    toolView: (callId) => rt.toolView(callId),
    transcript: () => rt.transcript(),
    subscribe: (fn) => rt.subscribe(fn),
    run: (prompt, signal, attachments) => rt.run(prompt, { signal, attachments }),
    shell: (command, opts) => rt.shell(command, opts),
    attachFile: (path) => rt.attachFile(path),
    mcpPrompts: () => rt.mcpPrompts(),
    mcpPrompt: (command, args, signal) => rt.mcpPrompt(command, args, signal),
    mcpResources: () => rt.mcpResources(),
    approvals: {
      setHandler: (h) => rt.setApprovalHandler(h),
      setMode: (m) => rt.setMode(m),
      getMode: () => rt.mode,
    },
    setMode: (m) => rt.setMode(m),
    elicitation: { setHandler: (h) => rt.setElicitationHandler(h) },
    compact: (focus, signal) => rt.compact(focus, signal),
    save: async () => rt.save(),
  };
}

/**
 * The app's services over whichever runtime exists when they are called: null until the inline setup has
 * created one (then the app has no session and offers only /help and /quit).
 */
export function appServices(current: () => Runtime | null): AppServices {
  const rt = () => {
    const r = current();
    if (!r) throw new Error("No session.");
    return r;
  };
  return {
    listModels: () => current()?.listModels() ?? [],
    modelChoices: () => current()?.modelChoices() ?? [],
    async liveModels(signal) {
      const r = current();
      if (!r) return { refs: [] };
      try {
        const live = await r.listLiveModels(undefined, signal);
        const refs = live.models.map((m) => ({
          ref: m.ref,
          detail: `${live.providerName} · ${Math.round(m.contextWindow / 1000)}k context${m.known ? "" : " (live)"}`,
        }));
        // A server without a model list is normal (the picker just offers what config knows), not a warning.
        return { refs, error: live.unsupported ? undefined : live.error };
      } catch (e) {
        return { refs: [], error: (e as Error).message };
      }
    },
    sessionSummaries: () => current()?.listSessions() ?? [],
    switchModel: (_s, ref) => rt().setModel(ref),
    async newSession(opts) {
      await rt().newSession(opts);
      return sessionPort(rt());
    },
    rename: (title) => rt().rename(title),
    skillPrompt: (name, args) => current()?.skillPrompt(name, args),
    initPrompt: () => rt().initPrompt(),
    listSessions: () =>
      current()
        ?.listSessions()
        .map((s) => s.id) ?? [],
    describe: (what) => current()?.describe(what) ?? "No session.",
    mcpLogin: (name, out) => rt().mcpLogin(name, out),
    untrustedProject: () => current()?.untrustedProject() ?? [],
    trustProject: () => rt().trustProject(),
    turns: () => current()?.turns() ?? [],
    previewRewind: (turn, scope) => rt().previewRewind(turn, scope),
    rewind: (turn, scope, confirm) => rt().rewind(turn, scope, { confirm }),
    undo: () => rt().undo(),
  };
}
