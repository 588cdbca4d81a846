// URL passwords are masked in any text, whatever the scheme, and a long run of letters and digits (a minified
// line, a blob in an answer) is scanned once, not once per character.
import { describe, expect, it } from "vitest";
import { hasUrlCredentials, maskUrlCredentials } from "../../src/utils/url-credentials.js";

describe("maskUrlCredentials", () => {
  it("masks the password of any scheme, also right after other text", () => {
    expect(maskUrlCredentials("origin https://me:ghp_tok3n@github.com/x.git (fetch)")).toBe(
      "origin https://me:[REDACTED]@github.com/x.git (fetch)",
    );
    expect(maskUrlCredentials("git+ssh://u:p4ss@host/r")).toBe("git+ssh://u:[REDACTED]@host/r");
    expect(maskUrlCredentials("9http://u:secret@h")).toBe("9http://u:[REDACTED]@h");
    expect(hasUrlCredentials("x postgres://db:pw@localhost/app")).toBe(true);
    expect(hasUrlCredentials("https://example.com/a:b@c")).toBe(false);
  });

  it("leaves a very long line without a URL unchanged", () => {
    const line = "0123456789abcdef".repeat(10_000);
    expect(maskUrlCredentials(line)).toBe(line);
    expect(hasUrlCredentials(`${line} https://u:p@h`)).toBe(true);
  });
});
