// /model and /sessions without arguments open a picker (type to filter, Enter switches, Esc cancels); with an
// argument they switch directly. Where the app cannot show a picker (or the services cannot list), /model
// lists the models as text and /sessions falls back to its numbered list.
import type { PickerItem } from "../input/picker.js";
import { type CommandHost, info, note } from "./slash-host.js";

export async function runModel(host: CommandHost, args: string): Promise<void> {
  const s = host.session();
  const models = host.services.listModels?.() ?? [];
  if (args === "") {
    if (pickModel(host, await liveRefs(host))) return;
    const list = models.map((m) => `${m === s.model.ref ? "●" : " "} ${m}`).join("\n");
    return info(host, `Model: ${s.model.ref}`, list ? `${list}\n\nSwitch with /model <provider/model>` : "");
  }
  if (models.length > 0 && !models.includes(args) && !args.includes("/"))
    return note(host, `Unknown model "${args}": use provider/model, e.g. ${models[0]}`, "error");
  await switchModel(host, args);
}

async function switchModel(host: CommandHost, ref: string): Promise<void> {
  const sw = host.services.switchModel;
  if (!sw) return note(host, "This session cannot switch models.", "warn");
  try {
    await sw(host.session(), ref);
  } catch (e) {
    note(host, `Cannot switch to ${ref}: ${(e as Error).message}`, "error");
  }
}

/** How long /model waits for the provider's live list before showing what config knows (a local server answers
 * at once; a slow gateway must not hold the picker). */
export const LIVE_MODELS_WAIT_MS = 2_000;

/** The current provider's live models not already in config; a failure is said once and the picker goes on. */
async function liveRefs(host: CommandHost): Promise<{ ref: string; detail: string }[]> {
  if (!host.pick || !host.services.liveModels) return [];
  const live = await host.services.liveModels(AbortSignal.timeout(LIVE_MODELS_WAIT_MS));
  if (live.error) note(host, `Could not list the provider's live models: ${live.error}`, "warn");
  return live.refs;
}

/**
 * Models of providers with a key, or that need none (local servers), then the current provider's live models
 * that config does not list; the current one always.
 */
function pickModel(host: CommandHost, live: { ref: string; detail: string }[] = []): boolean {
  const choices = host.services.modelChoices?.();
  if (!host.pick || !choices) return false;
  const current = host.session().model.ref;
  const known = new Set(choices.map((c) => c.ref));
  const items = [
    ...choices.filter((c) => c.hasKey || c.ref === current).map((c) => ({ ref: c.ref, detail: c.label })),
    ...live.filter((m) => !known.has(m.ref)),
  ].map((c): PickerItem => ({ id: c.ref, label: c.ref, detail: c.detail, current: c.ref === current }));
  if (items.length === 0) return false;
  host.pick({
    title: "Switch model",
    items,
    empty: "No model with a key matches",
    onPick: (it) => (it.id === current ? note(host, `Still using ${current}.`) : switchModel(host, it.id)),
  });
  return true;
}

/** Opens the saved-sessions picker; false when there is nothing to pick from (the caller lists instead). */
export function pickSession(host: CommandHost, now = Date.now()): boolean {
  const list = host.services.sessionSummaries?.();
  if (!host.pick || !list || list.length === 0) return false;
  const current = host.session().id;
  const items = list.map(
    (s): PickerItem => ({
      id: s.id,
      label: s.title,
      detail: `${age(s.updated, now)} · ${s.turns} turn${s.turns === 1 ? "" : "s"} · ${folder(s.cwd)} · ${s.id.slice(0, 8)}`,
      current: s.id === current,
    }),
  );
  host.pick({
    title: "Resume a session",
    items,
    empty: "No session matches",
    onPick: (it) =>
      it.id === current ? note(host, "That is the current session.") : host.newSession({ resume: it.id }),
  });
  return true;
}

/** "just now", "5m ago", "3h ago", "2d ago" (an unreadable time says so rather than guessing). */
export function age(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return "unknown time";
  const m = Math.floor(Math.max(0, ms) / 60_000);
  if (m < 1) return "just now";
  if (m < 60) return `${m}m ago`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h ago` : `${Math.floor(h / 24)}d ago`;
}

const folder = (cwd: string) => {
  const home = process.env.HOME;
  return home && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
};
