// Telling a sub-agent's requests from the parent's at the fake provider: a child's system prompt carries the
// sub-agent appendix, and its first user message is the task it was given.
import type { RecordedRequest } from "./fake-provider.js";

/** True for a request a sub-agent made. */
export const isChildRequest = (r: Pick<RecordedRequest, "body">): boolean =>
  String(r.body.messages[0]?.content).includes("# Sub-agent mode");

/** The task a child request works on. */
export const childTask = (r: Pick<RecordedRequest, "body">): string => String(r.body.messages[1]?.content);
