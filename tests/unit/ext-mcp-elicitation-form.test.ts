// The pure half of elicitation: the server's restricted schema → form fields, and typed text checked against
// it (what the TUI form and any other front-end use before answering "accept").
import { describe, expect, it } from "vitest";
import { formFields, initialText, parseField, validateForm } from "../../src/mcp/elicitation.js";

const schema = {
  type: "object",
  properties: {
    email: { type: "string", format: "email", title: "E-mail" },
    site: { type: "string", format: "uri" },
    born: { type: "string", format: "date" },
    size: { type: "number", minimum: 0.5, maximum: 2 },
    plan: {
      type: "string",
      oneOf: [
        { const: "free", title: "Free" },
        { const: "pro", title: "Pro" },
      ],
      default: "pro",
    },
    legacy: { type: "string", enum: ["a", "b"], enumNames: ["Alpha", "Beta"] },
    tags: { type: "array", items: { type: "string", enum: ["x", "y", "z"] }, minItems: 1, maxItems: 2 },
    ok: { type: "boolean", default: true },
  },
  required: ["email", "tags"],
};

describe("formFields", () => {
  it("reads every kind of field the spec allows, in order, with titles, choices and defaults", () => {
    const fields = formFields(schema);
    expect(fields.map((f) => [f.key, f.type, f.required])).toEqual([
      ["email", "string", true],
      ["site", "string", false],
      ["born", "string", false],
      ["size", "number", false],
      ["plan", "enum", false],
      ["legacy", "enum", false],
      ["tags", "multi", true],
      ["ok", "boolean", false],
    ]);
    expect(fields[0]?.title).toBe("E-mail");
    expect(fields[5]).toMatchObject({
      options: [
        { value: "a", label: "Alpha" },
        { value: "b", label: "Beta" },
      ],
    });
    expect(fields.map(initialText)).toEqual(["", "", "", "", "pro", "", "", "true"]);
  });

  it("refuses a field type a form cannot ask for", () => {
    expect(() => formFields({ type: "object", properties: { deep: { type: "object" } } })).toThrow(
      /field "deep" has type "object"/,
    );
  });
});

describe("parseField / validateForm", () => {
  const [email, site, born, size, plan, , tags, ok] = formFields(schema);

  it("checks formats, ranges, choices and counts", () => {
    expect(parseField(email!, "not-an-address")).toEqual({ error: "must be an email address" });
    expect(parseField(email!, "a@b.co")).toEqual({ value: "a@b.co" });
    expect(parseField(site!, "no scheme")).toEqual({ error: "must be a URI (scheme:…)" });
    expect(parseField(born!, "2024-02-30x")).toEqual({ error: "must be a date YYYY-MM-DD" });
    expect(parseField(born!, "2024-02-03")).toEqual({ value: "2024-02-03" });
    expect(parseField(size!, "3")).toEqual({ error: "must be at most 2" });
    expect(parseField(size!, "1.5")).toEqual({ value: 1.5 });
    expect(parseField(size!, "abc")).toEqual({ error: "must be a number" });
    expect(parseField(plan!, "gold")).toEqual({ error: "must be one of the choices" });
    expect(parseField(tags!, "x, w")).toEqual({ error: '"w" is not one of the choices' });
    expect(parseField(tags!, "x,y,z")).toEqual({ error: "must be at most 2 choices" });
    expect(parseField(tags!, "x, y")).toEqual({ value: ["x", "y"] });
    expect(parseField(ok!, "false")).toEqual({ value: false });
  });

  it("reports every failing field, and leaves empty optional fields out of the content", () => {
    const fields = formFields(schema);
    expect(validateForm(fields, { email: "", tags: "" })).toEqual({
      errors: { email: "is required", tags: "is required" },
    });
    expect(validateForm(fields, { email: "a@b.co", tags: "z", plan: "free", ok: "true" })).toEqual({
      content: { email: "a@b.co", plan: "free", tags: ["z"], ok: true },
    });
  });
});
