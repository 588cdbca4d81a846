// sub_agent: delegates a self-contained task to an isolated child agent (fresh history, own todo list and file
// stamps, the same tools minus sub_agent, the same approval engine), optionally a named specialist agent with
// its own instructions, tools and model. The child loop is injected as a runner so this tool never imports the
// loop; only the child's final answer returns to the parent's context.
import { z } from "zod";
import { ToolDeniedError } from "../approval/types.js";
import { firstLine } from "./describe.js";
import { defineTool, type Tool } from "./tool.js";

export interface SubAgentOutcome {
  text: string;
  reason: "completed" | "max_turns" | "aborted" | "error" | "limit" | "loop";
  turns: number;
  error?: string;
  /** What the child did, for the expanded tool row: one line per call, then its final answer. */
  transcript?: string;
}

/** Runs a child agent on `task` for the parent's call `callId`; `progress` receives one line per child tool call. */
export type SubAgentRunner = (
  task: string,
  opts: {
    maxTurns: number;
    signal: AbortSignal;
    callId: string;
    progress(line: string): void;
    agent?: string;
  },
) => Promise<SubAgentOutcome>;

/** The specialist agents the `agent` parameter accepts. */
export interface SubAgentChoices {
  agents: ReadonlyArray<{ name: string; maxIterations: number }>;
  /** One `- name: description` line per agent (sanitised and capped by the caller), for the description. */
  catalog: readonly string[];
}

export interface SubAgentOptions {
  /** sub_agent calls of one reply run at most this many at a time (config `subAgents.maxParallel`). */
  maxParallel?: number;
}

export const SUB_AGENT_DEFAULT_TURNS = 50;
export const SUB_AGENT_DEFAULT_PARALLEL = 4;
export const MAX_TURNS_CAP = 100;

const DESCRIPTION = `Delegate a self-contained task to a sub-agent that starts with an empty conversation; you get back only its final answer. Use it for broad exploration or research that would fill your context, or an independent sub-task with a clear deliverable. Put everything it needs in task: the goal, paths, constraints and the form of the answer. It has your tools except sub_agent, and its actions need approval as yours do. Several sub_agent calls in one reply run in parallel.`;

function describeTool(choices: SubAgentChoices): string {
  if (!choices.agents.length) return DESCRIPTION;
  return `${DESCRIPTION}\n\nAgents (set agent; each has its own instructions, tools, maybe model):\n${choices.catalog.join("\n")}`;
}

export function createSubAgentTool(
  run: SubAgentRunner,
  choices: SubAgentChoices = { agents: [], catalog: [] },
  options: SubAgentOptions = {},
): Tool {
  return defineTool({
    name: "sub_agent",
    description: describeTool(choices),
    // Not read-only for batching (a child may write), but delegating changes nothing by itself: it approves its
    // own call as safe and read-only, so plan mode lets it through and only an ask or deny rule on sub_agent stops
    // it. Every call the child makes is approved on its own.
    readOnly: false,
    approvesItself: true,
    // Each child has its own history and tool state, so calls in one reply run side by side (bounded).
    concurrency: options.maxParallel ?? SUB_AGENT_DEFAULT_PARALLEL,
    parameters: z.object({
      task: z.string().min(1).describe("Complete, standalone instructions."),
      agent: z.string().optional().describe("An agent listed above; omit for a general sub-agent."),
      max_iterations: z
        .number()
        .int()
        .min(1)
        .max(MAX_TURNS_CAP)
        .optional()
        .describe(`Model requests allowed (default: the agent's, else ${SUB_AGENT_DEFAULT_TURNS}).`),
    }),
    describe: (args) => ({
      title: `Delegate${args.agent ? ` to ${firstLine(args.agent, 30)}` : ""}: ${firstLine(args.task, 60)}`,
      kind: "other",
      subject: firstLine(args.task, 60),
    }),
    async execute(args, ctx) {
      const agent = args.agent === undefined ? undefined : choices.agents.find((a) => a.name === args.agent);
      if (args.agent !== undefined && !agent) {
        const names = choices.agents.map((a) => a.name).join(", ");
        throw new Error(
          `Unknown agent "${firstLine(args.agent, 64)}". ${names ? `Available agents: ${names}.` : "No agents are defined."} Omit agent for a general sub-agent.`,
        );
      }
      const maxTurns = args.max_iterations ?? agent?.maxIterations ?? SUB_AGENT_DEFAULT_TURNS;
      const approval = await ctx.approve({
        tool: "sub_agent",
        kind: "other",
        title: `Delegate${agent ? ` to ${agent.name}` : ""}: ${firstLine(args.task, 60)}`,
        detail: args.task,
        safe: true,
        readOnly: true,
      });
      if (!approval.approved) throw new ToolDeniedError(approval.reason, approval.feedback);
      const outcome = await run(args.task, {
        maxTurns,
        signal: ctx.signal,
        callId: ctx.callId,
        progress: (line) => ctx.update(`${line}\n`),
        ...(agent ? { agent: agent.name } : {}),
      });
      const summary = `${outcome.turns} turn${outcome.turns === 1 ? "" : "s"}`;
      if (outcome.reason === "completed") {
        return {
          content: outcome.text || "(the sub-agent finished without a final answer)",
          summary,
          details: { kind: "text", text: outcome.transcript ?? outcome.text },
        };
      }
      const why =
        outcome.reason === "max_turns"
          ? `ran out of its ${maxTurns}-request budget`
          : outcome.reason === "aborted"
            ? "was aborted"
            : outcome.reason === "limit"
              ? `was stopped by the session's limits: ${outcome.error ?? "a limit was reached"}`
              : outcome.reason === "loop"
                ? "was stopped for repeating the same tool call with the same result"
                : `failed: ${outcome.error ?? "unknown error"}`;
      const partial = outcome.text ? `\nIts last answer:\n${outcome.text}` : "";
      const content = `The sub-agent ${why}${why.endsWith(".") ? "" : "."}${partial}`;
      // The row shows what the child did before it stopped, then why it stopped.
      const text = outcome.transcript ? `${outcome.transcript}\n\n${content}` : content;
      return { content, summary: outcome.reason, isError: true, details: { kind: "text", text } };
    },
  });
}
