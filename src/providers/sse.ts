// A small Server-Sent Events parser for the chat stream: bytes in, `{event, data}` records out, one string scan per
// network read. It replaces the SDK's stream reader, which copies its whole pending buffer once per event and so
// spent most of a long answer's time (quadratic in the read size). Follows the SSE framing rules: lines end in LF,
// CRLF or CR (also when split across reads), `:` lines are comments, `data` lines join with LF, a blank line ends an
// event, an event without data is dropped, a leading BOM is skipped. `end()` delivers an unterminated last event
// (servers and proxies that close without the final blank line, often right after the usage chunk). Pure.

export interface SseEvent {
  /** The `event:` field ("" when absent, which means "message"). */
  event: string;
  data: string;
}

export class SseParser {
  private readonly decoder = new TextDecoder();
  /** The unfinished last line of what was read so far. */
  private rest = "";
  private data: string[] = [];
  private event = "";
  /** The previous read ended in CR: an LF starting the next one belongs to that line break. */
  private skipLF = false;

  /** Parses one network read, appending every event it completes to `out`. */
  feed(bytes: Uint8Array, out: SseEvent[]): void {
    this.text(this.decoder.decode(bytes, { stream: true }), out);
  }

  /** The stream ended: a last line and event without their terminators still count. */
  end(out: SseEvent[]): void {
    this.text(this.decoder.decode(), out);
    if (this.rest) this.line(this.rest, out);
    this.rest = "";
    this.line("", out);
  }

  private text(chunk: string, out: SseEvent[]): void {
    let text = chunk;
    if (!text) return;
    if (this.skipLF && text.charCodeAt(0) === 10) text = text.slice(1);
    this.skipLF = false;
    if (text.includes("\r")) {
      this.skipLF = text.endsWith("\r");
      text = text.replace(/\r\n?/g, "\n");
    }
    const all = this.rest ? this.rest + text : text;
    let start = 0;
    for (let nl = all.indexOf("\n"); nl !== -1; nl = all.indexOf("\n", start)) {
      this.line(all.slice(start, nl), out);
      start = nl + 1;
    }
    this.rest = start ? all.slice(start) : all;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === "") {
      if (this.data.length) {
        out.push({
          event: this.event,
          data: this.data.length === 1 ? (this.data[0] as string) : this.data.join("\n"),
        });
      }
      this.data = [];
      this.event = "";
      return;
    }
    // The common case first: `data: <json>`.
    if (line.startsWith("data: ")) {
      this.data.push(line.slice(6));
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ":" — a comment (keep-alives, OpenRouter's processing notes)
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
    // `id` and `retry` matter only to reconnecting EventSource clients; a chat stream is never resumed.
  }
}
