// Counts o200k_base tokens from js-tiktoken's rank data with our own byte-pair merge, because js-tiktoken's
// encoder builds two 200k-entry maps in one synchronous ~0.6 s step (+66 MB of heap, half of it a decode table
// we never use). Here the rank map is keyed by each token's base64 text, as the data ships it (no decoding), and
// is filled in slices that yield to the event loop, so building never blocks a keystroke or a request for long.
// Invariant: count(text) equals js-tiktoken's encode(text, [], []).length (tests/unit/usage-bpe.test.ts).

/** The shape of js-tiktoken's rank modules (`js-tiktoken/ranks/*`). */
export interface RankData {
  pat_str: string;
  /** Lines of `<name> <first rank> <base64 token> <base64 token> …`; ranks count up from the first. */
  bpe_ranks: string;
}

/** Ranks inserted between two yields (~3–5 ms of work on a busy machine). */
const SLICE = 10_000;

export class BpeCounter {
  constructor(
    private readonly ranks: ReadonlyMap<string, number>,
    private readonly pattern: RegExp,
  ) {}

  /** Tokens of `text` with special-token strings counted as ordinary text (as the callers need). */
  count(text: string): number {
    let n = 0;
    // matchAll works on a copy of the regex, so the shared pattern's lastIndex is never disturbed.
    for (const m of text.matchAll(this.pattern)) {
      const bytes = Buffer.from(m[0], "utf8");
      n += this.ranks.has(bytes.toString("base64")) ? 1 : this.merge(bytes);
    }
    return n;
  }

  private rank(bytes: Buffer, from: number, to: number): number {
    return this.ranks.get(bytes.toString("base64", from, to)) ?? Number.POSITIVE_INFINITY;
  }

  /**
   * Byte-pair merge of one pre-tokenised piece: repeatedly join the adjacent pair whose joined bytes have the
   * lowest rank (the leftmost on a tie) until no joined pair is a token. Returns the number of parts left.
   */
  private merge(bytes: Buffer): number {
    if (bytes.length <= 1) return bytes.length;
    // Part i spans [starts[i], starts[i + 1]); pair[i] is the rank of parts i and i + 1 joined.
    const starts: number[] = [];
    for (let i = 0; i <= bytes.length; i++) starts.push(i);
    const pairRank = (i: number): number =>
      i + 2 < starts.length ? this.rank(bytes, starts[i]!, starts[i + 2]!) : Number.POSITIVE_INFINITY;
    const pair: number[] = [];
    for (let i = 0; i < starts.length - 1; i++) pair.push(pairRank(i));
    while (starts.length > 2) {
      let best = -1;
      let min = Number.POSITIVE_INFINITY;
      for (let i = 0; i < pair.length; i++) {
        if (pair[i]! < min) {
          min = pair[i]!;
          best = i;
        }
      }
      if (best < 0) break;
      starts.splice(best + 1, 1);
      pair.splice(best + 1, 1);
      pair[best] = pairRank(best);
      if (best > 0) pair[best - 1] = pairRank(best - 1);
    }
    return starts.length - 1;
  }
}

/** Resolves on the next turn of the event loop (after pending I/O and timers). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Builds the counter in slices of SLICE ranks, yielding to the event loop between slices. */
export async function buildBpeCounter(data: RankData): Promise<BpeCounter> {
  const ranks = new Map<string, number>();
  const text = data.bpe_ranks;
  let pos = 0;
  while (pos < text.length) {
    let lineEnd = text.indexOf("\n", pos);
    if (lineEnd < 0) lineEnd = text.length;
    // `<name> <first rank> ` then the tokens, space-separated.
    const nameEnd = text.indexOf(" ", pos);
    const rankEnd = nameEnd < 0 || nameEnd >= lineEnd ? -1 : text.indexOf(" ", nameEnd + 1);
    if (rankEnd > 0 && rankEnd < lineEnd) {
      let rank = Number.parseInt(text.slice(nameEnd + 1, rankEnd), 10);
      let at = rankEnd + 1;
      let inSlice = 0;
      while (at < lineEnd) {
        let end = text.indexOf(" ", at);
        if (end < 0 || end > lineEnd) end = lineEnd;
        // Sliced keys share the source string, which the rank module keeps alive anyway.
        if (end > at) ranks.set(text.slice(at, end), rank++);
        at = end + 1;
        if (++inSlice === SLICE) {
          inSlice = 0;
          await nextTurn();
        }
      }
    }
    pos = lineEnd + 1;
  }
  return new BpeCounter(ranks, new RegExp(data.pat_str, "gu"));
}
