// Bounded capture of a command's combined output: keeps the first `headLimit` and the last `tailLimit`
// characters in arrival order and counts everything, so a command printing gigabytes costs constant memory.
// Also makes output safe to show a model: ANSI escapes and control characters are removed.
import { sanitizeForTerminal } from "../../utils/terminal-text.js";

export interface CapturedOutput {
  text: string;
  truncated: boolean;
  totalBytes: number;
}

export class OutputCapture {
  private head = "";
  private tail = "";
  /** Characters that went past the head (kept in the tail or dropped). */
  private tailChars = 0;
  totalBytes = 0;

  constructor(
    private readonly headLimit: number,
    private readonly tailLimit: number,
  ) {}

  add(text: string, bytes: number): void {
    this.totalBytes += bytes;
    if (this.tailChars === 0) {
      const room = this.headLimit - this.head.length;
      if (text.length <= room) {
        this.head += text;
        return;
      }
      this.head += text.slice(0, room);
      text = text.slice(room);
    }
    this.tailChars += text.length;
    this.tail += text;
    // Trim lazily (at twice the limit) so appends stay amortised O(1).
    if (this.tail.length > this.tailLimit * 2) this.tail = this.tail.slice(-this.tailLimit);
  }

  result(): CapturedOutput {
    const tail = this.tail.slice(-this.tailLimit);
    if (this.tailChars <= this.tailLimit) {
      return { text: this.head + tail, truncated: false, totalBytes: this.totalBytes };
    }
    const omitted = this.tailChars - tail.length;
    const note = `\n\n… [output truncated: ${formatBytes(this.totalBytes)} in total; ${omitted} characters omitted between the first ${this.head.length} and the last ${tail.length}] …\n\n`;
    return { text: this.head + note + tail, truncated: true, totalBytes: this.totalBytes };
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Strips terminal escapes and control characters (utils/terminal-text.ts); CRLF and lone CR become newlines. */
export function sanitizeOutput(text: string): string {
  return sanitizeForTerminal(text.replace(/\r\n?/g, "\n"));
}
