// Turns the session's promise-based approval hook into UI state: each prompt gets an id, is shown by the
// reducer, and resolves when the user answers (or the turn's signal aborts, which rejects). One bridge object
// per app instance; prompts are answered strictly in order.
import type { ApprovalAnswer, ApprovalHandler, ApprovalPrompt } from "../../runtime/index.js";

export interface ApprovalBridge {
  /** Register this with session.approvals.setHandler. */
  handler: ApprovalHandler;
  /** Called by the prompt component. */
  answer(id: number, answer: ApprovalAnswer): void;
}

export function createApprovalBridge(ui: {
  open(id: number, prompt: ApprovalPrompt): void;
  close(id: number): void;
}): ApprovalBridge {
  let nextId = 1;
  const waiting = new Map<number, (a: ApprovalAnswer) => void>();
  const queue: { id: number; prompt: ApprovalPrompt }[] = [];
  const showNext = () => {
    const head = queue[0];
    if (head) ui.open(head.id, head.prompt);
  };
  const settle = (id: number, answer: ApprovalAnswer) => {
    const resolve = waiting.get(id);
    if (!resolve) return;
    waiting.delete(id);
    const idx = queue.findIndex((q) => q.id === id);
    if (idx >= 0) queue.splice(idx, 1);
    ui.close(id);
    resolve(answer);
    if (idx === 0) showNext();
  };
  return {
    handler(prompt, signal) {
      const id = nextId++;
      return new Promise<ApprovalAnswer>((resolve) => {
        waiting.set(id, resolve);
        queue.push({ id, prompt });
        if (queue.length === 1) showNext();
        if (signal.aborted) settle(id, { kind: "reject", feedback: "interrupted by the user" });
        else
          signal.addEventListener(
            "abort",
            () => settle(id, { kind: "reject", feedback: "interrupted by the user" }),
            { once: true },
          );
      });
    },
    answer: settle,
  };
}
