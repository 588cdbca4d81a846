// Text for a one-line listing (a session's prompts, a tool's arguments): whitespace runs collapsed to one space,
// cut with an ellipsis at `max` characters.

export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
