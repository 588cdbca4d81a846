// The TUI side of the elicitation channel: registers a handler on the session port and turns each request into
// UI state. Requests are shown one at a time, in order; each resolves when the user answers the form, or as
// `cancel` when its signal aborts (the turn was interrupted, the server went away). Mirrors approval-bridge.ts.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ElicitationAnswer, ElicitationHandler, ElicitationRequest } from "../../runtime/index.js";
import type { SessionPort } from "./session-port.js";

export interface OpenElicitation {
  id: number;
  request: ElicitationRequest;
}

interface Waiting extends OpenElicitation {
  resolve(answer: ElicitationAnswer): void;
}

/** The request to show (or null) and the answer callback for the form. */
export function useElicitation(session: SessionPort | null): {
  current: OpenElicitation | null;
  answer(id: number, answer: ElicitationAnswer): void;
} {
  const queue = useRef<Waiting[]>([]);
  const nextId = useRef(1);
  const [current, setCurrent] = useState<OpenElicitation | null>(null);
  const show = useCallback(() => {
    const head = queue.current[0];
    setCurrent(head ? { id: head.id, request: head.request } : null);
  }, []);
  const answer = useCallback(
    (id: number, a: ElicitationAnswer) => {
      const idx = queue.current.findIndex((w) => w.id === id);
      if (idx < 0) return;
      const [w] = queue.current.splice(idx, 1);
      w?.resolve(a);
      show();
    },
    [show],
  );
  useEffect(() => {
    if (!session?.elicitation) return;
    const handler: ElicitationHandler = (request, signal) =>
      new Promise<ElicitationAnswer>((resolve) => {
        const id = nextId.current++;
        queue.current.push({ id, request, resolve });
        if (signal.aborted) return answer(id, { action: "cancel" });
        signal.addEventListener("abort", () => answer(id, { action: "cancel" }), { once: true });
        show();
      });
    session.elicitation.setHandler(handler);
    return () => session.elicitation?.setHandler(undefined);
  }, [session, answer, show]);
  return { current, answer };
}
