import { describe, expect, it } from "vitest";
import { htmlTitle, htmlToMarkdown, htmlToText, stripInvisible } from "../../src/utils/html-to-markdown.js";
import {
  capOutput,
  convert,
  decodeBody,
  fence,
  looksLikeHtml,
  prepareHtml,
  rejectContentType,
} from "../../src/utils/web-content.js";

describe("content types", () => {
  it.each([
    "text/html; charset=utf-8",
    "text/plain",
    "application/json",
    "application/vnd.api+json",
    "image/svg+xml",
    "",
  ])("accepts %j", (ct) => expect(rejectContentType(ct)).toBeNull());
  it.each([
    "image/png",
    "application/pdf",
    "application/octet-stream",
    "application/zip",
    "video/mp4",
  ])("refuses %s", (ct) => {
    expect(rejectContentType(ct)).toMatch(/^Unsupported content type/);
  });
});

describe("decoding and detection", () => {
  it("uses the header charset, then <meta charset>, then UTF-8; bad labels fall back", () => {
    expect(decodeBody(Buffer.from([0xe9]), "text/plain; charset=ISO-8859-1")).toEqual({
      text: "é",
      charset: "iso-8859-1",
    });
    expect(decodeBody(Buffer.from('<meta charset="iso-8859-1">caf\xe9', "latin1"), "text/html")).toEqual({
      text: '<meta charset="iso-8859-1">café',
      charset: "iso-8859-1",
    });
    // windows-1252 smart quotes and € (Node alone would return C1 controls for these bytes).
    expect(decodeBody(Buffer.from([0x93, 0x80, 0x94]), "text/plain; charset=windows-1252").text).toBe("“€”");
    expect(decodeBody(Buffer.from("héllo"), "text/plain; charset=bogus")).toEqual({
      text: "héllo",
      charset: "utf-8",
    });
  });
  it("sniffs HTML only for missing or text/plain types", () => {
    expect(looksLikeHtml("", "<!DOCTYPE html><html>")).toBe(true);
    expect(looksLikeHtml("text/plain", "  <html lang=en>")).toBe(true);
    expect(looksLikeHtml("application/json", "<html>")).toBe(false);
    expect(looksLikeHtml("text/plain", "plain <b>text</b>")).toBe(false);
  });
});

describe("conversion", () => {
  const page =
    "<html><head><title>A &amp; B</title></head><body><h2>Hi</h2><p>x <em>y</em></p><script>bad()</script></body></html>";
  it("markdown, text and raw html", async () => {
    expect(await convert(page, "text/html", "markdown")).toBe("A & B\n\n## Hi\n\nx *y*");
    expect(await convert(page, "text/html", "text")).toBe("A & B\n\nHi\n\nx y");
    expect(await convert(page, "text/html", "html")).toBe(page);
    expect(htmlTitle(page)).toBe("A & B");
  });
  it("fences non-HTML in markdown mode, with a fence longer than any backtick run", async () => {
    expect(await convert('{"a":1}\n', "application/json", "markdown")).toBe('```json\n{"a":1}\n```');
    expect(fence("a ```` b", "text/plain")).toBe("`````\na ```` b\n`````");
    expect(await convert("# md", "text/markdown", "markdown")).toBe("# md");
    expect(await convert("plain", "text/plain", "text")).toBe("plain");
  });
  it("strips invisible and control characters everywhere", async () => {
    expect(stripInvisible("a\u202eb\u200bc\u0007d\r\ne\ufeff")).toBe("abcd\ne");
    expect(await htmlToMarkdown("<p>ig\u2066nore</p>")).toBe("ignore");
    expect(await htmlToText("<p>a<img alt='cat' src=x>b</p>")).toBe("a[cat]b");
  });
  it("drops non-content blocks in one linear pass and caps what is converted", () => {
    expect(
      prepareHtml("<p>a</p><script>x</script ><!-- c --><STYLE>y</STYLE><svg><g/></svg><p>b</p>"),
    ).toEqual({
      html: "<p>a</p><p>b</p>",
      cut: false,
    });
    expect(prepareHtml("<p>a</p><script>never closed <p>b</p>").html).toBe("<p>a</p>");
    expect(prepareHtml("<scripts>kept</scripts>").html).toBe("<scripts>kept</scripts>");
    expect(prepareHtml("<p>abcdef</p>", 5)).toEqual({ html: "<p>ab", cut: true });
    expect(prepareHtml("<script".repeat(200_000)).html).toBe("");
  });
  it("caps output with a note", () => {
    expect(capOutput("abc", 5)).toEqual({ text: "abc", truncated: false });
    expect(capOutput("abcdef", 3).text).toMatch(/^abc\n\n\[Truncated: showing the first 3 of 6 characters/);
  });
});
