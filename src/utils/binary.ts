// Binary-content detection shared by read_file, edit_file and the JS search engine. The rule matches ripgrep's:
// a NUL byte means binary. A high share of other control bytes in the sample also counts, for read_file only.

const SAMPLE = 8192;

/** True when the buffer holds a NUL byte (the exact rule both search engines use, over the whole buffer). */
export function hasNul(buf: Uint8Array): boolean {
  return buf.indexOf(0) !== -1;
}

/** Heuristic for "this is not text": NUL in the first 8 KB, or more than 10 % unusual control bytes. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, SAMPLE);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    // Tab, LF, VT, FF, CR and ESC (ANSI colours in logs) are normal in text files.
    if (b < 32 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 27) odd++;
  }
  return n > 0 && odd / n > 0.1;
}

/** Human-readable size: 512 B, 1.2 KB, 3.4 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}
