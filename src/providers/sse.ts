// Server-Sent Events framing for the chat stream, on `eventsource-parser` (the well-kept SSE parser): bytes in,
// `{event, data}` records out. It replaces the SDK's stream reader, which copies its whole pending buffer once per
// event and so spent most of a long answer's time (quadratic in the read size). The library applies the SSE rules
// (LF/CRLF/CR line ends, also split across reads; `:` comments; `data` lines joined with LF; a blank line ends an
// event; a leading BOM skipped); this adapter batches the events of one network read and, at the end of the body,
// still delivers an unterminated last event (servers and proxies that close without the final blank line, often
// right after the usage chunk).
import { createParser, type EventSourceParser } from "eventsource-parser";

export interface SseEvent {
  /** The `event:` field ("" when absent, which means "message"). */
  event: string;
  data: string;
}

export class SseParser {
  private readonly decoder = new TextDecoder();
  /** Where the library's callbacks put the events of the read being parsed. */
  private sink: SseEvent[] = [];
  private readonly parser: EventSourceParser = createParser({
    onEvent: (e) => {
      this.sink.push({ event: e.event ?? "", data: e.data });
    },
  });

  /** Parses one network read, appending every event it completes to `out`. */
  feed(bytes: Uint8Array, out: SseEvent[]): void {
    this.parse(this.decoder.decode(bytes, { stream: true }), out);
  }

  /** The stream ended: a last line and event without their terminators still count. */
  end(out: SseEvent[]): void {
    this.parse(this.decoder.decode(), out);
    // An event the server never terminated: a blank line dispatches it (and is harmless after a complete one).
    this.parse("\n\n", out);
  }

  private parse(text: string, out: SseEvent[]): void {
    if (!text) return;
    this.sink = out;
    try {
      this.parser.feed(text);
    } finally {
      this.sink = [];
    }
  }
}
