// todo_read / todo_write: the session's task list, kept in ctx.state.todos (never module state). todo_write
// replaces the whole list after validation (unique ids, non-empty text) and warns when more than one item is
// in progress. Both return the full list, and the same list as typed details for the UI.
import { z } from "zod";
import { defineTool } from "./tool.js";

/** A todo item (per session). */
export interface Todo {
  id: string;
  content: string;
  status: "pending" | "in_progress" | "completed" | "cancelled";
  priority: "high" | "medium" | "low";
}

const MARK: Record<Todo["status"], string> = {
  pending: "[ ]",
  in_progress: "[~]",
  completed: "[x]",
  cancelled: "[-]",
};

export function formatTodos(todos: readonly Todo[]): string {
  if (todos.length === 0) return "No todos.";
  return todos.map((t) => `${MARK[t.status]} ${t.content}  (id: ${t.id}, ${t.priority})`).join("\n");
}

function counts(todos: readonly Todo[]): string {
  const by = (s: Todo["status"]) => todos.filter((t) => t.status === s).length;
  const parts = [
    [by("completed"), "completed"],
    [by("in_progress"), "in progress"],
    [by("pending"), "pending"],
    [by("cancelled"), "cancelled"],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(", ");
}

export const TODO_READ_DESCRIPTION = `Show this session's todo list (set with todo_write).`;

export const todoReadTool = defineTool({
  name: "todo_read",
  description: TODO_READ_DESCRIPTION,
  parameters: z.object({}),
  readOnly: true,
  describe: () => ({ title: "Read the todo list", kind: "think" }),
  async execute(_args, ctx) {
    const todos = ctx.state.todos.map((t) => ({ ...t }));
    return {
      content: todos.length
        ? `Todo list (${todos.length} items: ${counts(todos)}):\n${formatTodos(todos)}`
        : "No todos.",
      summary: `${todos.length} todos`,
      details: { kind: "todo", todos },
    };
  },
});

const todoItem = z.object({
  id: z.string().min(1).describe("Unique in the list."),
  content: z.string().min(1).describe("One short imperative sentence."),
  status: z.enum(["pending", "in_progress", "completed", "cancelled"]),
  priority: z.enum(["high", "medium", "low"]),
});

export const TODO_WRITE_DESCRIPTION = `Replace this session's todo list; send the whole list every time. Use it for work with three or more steps: mark one item in_progress before starting it and completed as soon as it is done; cancel what became unnecessary.`;

export const todoWriteTool = defineTool({
  name: "todo_write",
  description: TODO_WRITE_DESCRIPTION,
  parameters: z.object({ todos: z.array(todoItem).describe("The complete new list.") }),
  // Only session memory changes, never the workspace: allowed in plan mode.
  readOnly: true,
  describe: (args) => {
    const subject = `${args.todos.length} item(s)`;
    return { title: `Update the todo list (${subject})`, kind: "think", subject };
  },
  async execute(args, ctx) {
    const seen = new Set<string>();
    for (const t of args.todos) {
      if (seen.has(t.id))
        throw new Error(`Duplicate todo id "${t.id}": every item needs its own id. Resend the full list.`);
      seen.add(t.id);
    }
    const todos: Todo[] = args.todos.map((t) => ({ ...t, content: t.content.trim() }));
    ctx.state.todos = todos;
    const active = todos.filter((t) => t.status === "in_progress").length;
    const warning =
      active > 1 ? `\nWarning: ${active} items are in progress; finish one before starting the next.` : "";
    const head = todos.length
      ? `Todo list updated (${todos.length} items: ${counts(todos)}):`
      : "Todo list cleared.";
    return {
      content: `${head}\n${formatTodos(todos)}${warning}`.replace(
        "Todo list cleared.\nNo todos.",
        "Todo list cleared.",
      ),
      summary: `${todos.length} todos`,
      details: { kind: "todo", todos: todos.map((t) => ({ ...t })) },
    };
  },
});
