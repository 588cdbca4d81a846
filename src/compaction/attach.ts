// Compaction as a session feature: implements the loop's beforeRequest (threshold) and onContextOverflow
// (forced) hooks and a compactNow() for /compact. Context use = the provider's last prompt_tokens plus a
// tokenizer count of what was added since (ContextTracker). The tokenizer is warmed while idle (on resume, after a
// provider report, after each turn and run) so that beforeRequest never builds it between Enter and the request.
// A compacted history replaces session.messages in place *before* the compaction event is emitted, so
// subscribers (the session log) see the new history.
import type { Message, Usage } from "../agent/messages.js";
import type { StreamFn } from "../providers/types.js";
import type { FeatureAttachment, SessionFeature } from "../session/feature.js";
import { type Session, usageCost } from "../session/session.js";
import { ContextTracker } from "../usage/context.js";
import type { TokenCounter } from "../usage/tokens.js";
import { type CompactionReason, type CompactionResult, Compactor } from "./compactor.js";
import { CompactionError } from "./summarize.js";

export const DEFAULT_THRESHOLD = 0.85;
/** Pruning alone is enough when it brings the estimate under this fraction of the threshold. */
const PRUNE_TARGET = 0.75;

export interface CompactionWiring {
  /** Loads the tokenizer once (share one promise per process: loadTokenCounter is slow). */
  counter: () => Promise<TokenCounter>;
  /** The summariser's stream (compactionModel when configured); default: the session's current model. */
  summaryStream?: () => StreamFn;
  summarizerWindow?: number;
  /** USD cost of the summary request (at the summariser's prices); default: the session model's prices. */
  summaryCost?: (usage: Usage) => number;
  /** Fraction of the window that triggers auto-compaction (config compaction.threshold). */
  threshold?: number;
  /** config compaction.enabled; /compact and overflow recovery work either way. */
  enabled?: boolean;
  /** Called before each compaction (PreCompact hooks): /compact is "manual", threshold and overflow "auto". */
  beforeCompact?(trigger: "manual" | "auto", focus: string | undefined, signal: AbortSignal): Promise<void>;
}

export interface CompactionControl {
  tracker: ContextTracker;
  /** /compact [focus]: compacts now (throws CompactionError, or Error while a prompt runs). */
  compactNow(focus?: string, signal?: AbortSignal): Promise<CompactionResult | undefined>;
}

/** The feature to give a Session; its control works once the session has attached it. */
export function compactionFeature(w: CompactionWiring): SessionFeature & CompactionControl {
  const tracker = new ContextTracker(w.counter);
  let control: Omit<CompactionControl, "tracker"> | undefined;
  return {
    name: "compaction",
    tracker,
    attach(session) {
      const attached = attachTo(session, w, tracker);
      control = attached.control;
      return attached;
    },
    compactNow(focus, signal) {
      if (!control) throw new Error("Compaction is not attached to a session.");
      return control.compactNow(focus, signal);
    },
  };
}

function attachTo(
  session: Session,
  w: CompactionWiring,
  tracker: ContextTracker,
): FeatureAttachment & { control: Omit<CompactionControl, "tracker"> } {
  const threshold = w.threshold ?? DEFAULT_THRESHOLD;
  const tools = () => session.registry.schemas();
  // What the pending request carries; the first usage report after it is that request's prompt_tokens
  // (later ones in the same turn come from sub-agents and must not become the baseline).
  let sent: Message[] | undefined;
  // Starts the tokenizer load in the background once a later request could be a close call; never awaited here.
  const warm = () => {
    const window = session.model.contextWindow;
    if ((w.enabled ?? true) && window > 0)
      tracker.warmIfNearing(session.messages, tools(), window * threshold);
  };
  const unsubscribe = session.subscribe((e) => {
    if (e.type === "done" || e.type === "turn_end") warm();
    // message_end closes the request: a provider that reported no usage leaves no baseline to mis-assign.
    if (e.type === "message_end") sent = undefined;
    if (e.type !== "usage" || e.subAgent || !sent) return;
    const snapshot = sent;
    sent = undefined;
    tracker.observe(e.usage.inputTokens, snapshot, tools());
    warm();
  });
  // A resumed history may already be near the threshold: load while the user reads it and types.
  warm();

  const run = async (reason: CompactionReason, signal: AbortSignal, focus?: string, tokens?: number) => {
    await w.beforeCompact?.(reason === "manual" ? "manual" : "auto", focus, signal);
    const counter = await w.counter();
    const compactor = new Compactor({
      stream: (w.summaryStream ?? (() => session.currentStream()))(),
      counter,
      contextWindow: session.model.contextWindow,
      summarizerWindow: w.summarizerWindow,
    });
    const target = Math.floor(session.model.contextWindow * threshold * PRUNE_TARGET);
    const result = await compactor.compact(session.messages, {
      reason,
      todos: session.toolState.todos,
      focus,
      signal,
      ...(tokens !== undefined ? { estimate: { tokens, target } } : {}),
    });
    if (!result) return undefined;
    session.messages.splice(0, session.messages.length, ...result.messages);
    tracker.reset();
    session.emit({
      type: "compaction",
      summary: result.summary,
      removed: result.removed,
      kept: result.kept,
      reason,
    });
    if (result.usage) {
      session.emit({
        type: "usage",
        usage: result.usage,
        costUsd: w.summaryCost ? w.summaryCost(result.usage) : usageCost(session.model, result.usage),
        contextTokens: counter.messages(result.messages) + counter.tools(tools()),
        contextWindow: session.model.contextWindow,
      });
    }
    return result;
  };

  const warn = (message: string) => session.emit({ type: "notice", level: "warn", message });

  return {
    hooks: {
      async beforeRequest(messages, _info, signal) {
        const window = session.model.contextWindow;
        let next: typeof messages | undefined;
        if ((w.enabled ?? true) && window > 0) {
          const tokens = await tracker.exceeds(messages, tools(), window * threshold);
          if (tokens !== undefined) {
            try {
              next = (await run("threshold", signal, undefined, tokens))?.messages;
            } catch (err) {
              if (signal.aborted) throw err;
              warn(`${(err as Error).message}. Continuing with the full history.`);
            }
          }
        }
        sent = [...(next ?? messages)];
        return next;
      },
      async onContextOverflow(_messages, signal) {
        try {
          const result = await run("overflow", signal);
          if (result) sent = [...result.messages];
          return result?.messages;
        } catch (err) {
          if (err instanceof CompactionError) warn(err.message);
          return undefined;
        }
      },
    },
    control: {
      async compactNow(focus, signal) {
        if (session.busy)
          throw new Error("Wait for the current prompt to finish (or press Esc) before /compact.");
        return run("manual", signal ?? new AbortController().signal, focus);
      },
    },
    detach: unsubscribe,
  };
}
