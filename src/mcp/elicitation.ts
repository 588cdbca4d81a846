// MCP elicitation as front-ends see it: a server asks the user for a few values (form mode) or to visit a URL
// (URL mode). The request/answer channel mirrors the approval channel: a front-end registers one handler on the
// Runtime; without one (headless, ACP) every request is declined and a notice names the server. This file is pure:
// it turns the server's restricted JSON schema (a flat object of string/number/integer/boolean/enum fields) into
// fields and validates what the user typed against it. Everything from the server is untrusted text.

/** One field of a form, from one property of `requestedSchema`. Texts are raw: front-ends sanitise them. */
export type ElicitField = {
  key: string;
  /** The schema's title, else the property name. */
  title: string;
  description?: string;
  required: boolean;
} & (
  | { type: "string"; format?: string; minLength?: number; maxLength?: number; default?: string }
  | { type: "number" | "integer"; minimum?: number; maximum?: number; default?: number }
  | { type: "boolean"; default?: boolean }
  | { type: "enum"; options: EnumOption[]; default?: string }
  | { type: "multi"; options: EnumOption[]; minItems?: number; maxItems?: number; default?: string[] }
);

export interface EnumOption {
  value: string;
  label: string;
}

export type ElicitValue = string | number | boolean | string[];

/** What a front-end is asked. `message` and `url` are the server's, unchanged. */
export type ElicitationRequest =
  | { server: string; mode: "form"; message: string; fields: ElicitField[] }
  | { server: string; mode: "url"; message: string; url: string };

export type ElicitationAnswer =
  | { action: "accept"; content?: Record<string, ElicitValue> }
  | { action: "decline" }
  | { action: "cancel" };

/** Registered by a front-end (the TUI); absent → every request is declined with a notice. */
export type ElicitationHandler = (
  request: ElicitationRequest,
  signal: AbortSignal,
) => Promise<ElicitationAnswer>;

type Raw = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;

function enumOptions(p: Raw): EnumOption[] | undefined {
  if (Array.isArray(p.oneOf) || Array.isArray(p.anyOf)) {
    const list = (p.oneOf ?? p.anyOf) as Raw[];
    return list.map((o) => ({ value: String(o.const), label: str(o.title) ?? String(o.const) }));
  }
  const values = strings(p.enum);
  if (!values) return undefined;
  const names = strings(p.enumNames);
  return values.map((value, i) => ({ value, label: names?.[i] ?? value }));
}

function field(key: string, p: Raw, required: boolean): ElicitField {
  const base = { key, title: str(p.title) ?? key, description: str(p.description), required };
  const options = enumOptions(p);
  if (p.type === "array") {
    const items = (p.items ?? {}) as Raw;
    const choices = enumOptions(items) ?? [];
    return {
      ...base,
      type: "multi",
      options: choices,
      minItems: num(p.minItems),
      maxItems: num(p.maxItems),
      default: strings(p.default),
    };
  }
  if (options) return { ...base, type: "enum", options, default: str(p.default) };
  if (p.type === "boolean")
    return { ...base, type: "boolean", default: typeof p.default === "boolean" ? p.default : undefined };
  if (p.type === "number" || p.type === "integer") {
    return {
      ...base,
      type: p.type,
      minimum: num(p.minimum),
      maximum: num(p.maximum),
      default: num(p.default),
    };
  }
  if (p.type === "string") {
    return {
      ...base,
      type: "string",
      format: str(p.format),
      minLength: num(p.minLength),
      maxLength: num(p.maxLength),
      default: str(p.default),
    };
  }
  throw new Error(`field "${key}" has type ${JSON.stringify(p.type)}, which a form cannot ask for`);
}

/** The fields of a form request's `requestedSchema`, in the server's order. Throws on a schema we cannot show. */
export function formFields(schema: unknown): ElicitField[] {
  const s = (schema ?? {}) as Raw;
  const props = (s.properties ?? {}) as Record<string, Raw>;
  const required = new Set(strings(s.required) ?? []);
  return Object.entries(props).map(([key, p]) => field(key, p ?? {}, required.has(key)));
}

/** The text a field starts with: its default, as the user would type it. */
export function initialText(f: ElicitField): string {
  if (f.default === undefined) return f.type === "boolean" ? "false" : "";
  return Array.isArray(f.default) ? f.default.join(", ") : String(f.default);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function formatError(format: string | undefined, text: string): string | undefined {
  if (format === "email" && !EMAIL.test(text)) return "must be an email address";
  if (format === "uri" && !URL.canParse(text)) return "must be a URI (scheme:…)";
  if (format === "date" && !(DATE.test(text) && !Number.isNaN(Date.parse(text))))
    return "must be a date YYYY-MM-DD";
  if (format === "date-time" && Number.isNaN(Date.parse(text))) return "must be a date and time (ISO 8601)";
  return undefined;
}

function range(n: number, min?: number, max?: number, what = ""): string | undefined {
  if (min !== undefined && n < min) return `must be at least ${min}${what}`;
  if (max !== undefined && n > max) return `must be at most ${max}${what}`;
  return undefined;
}

/** One field's typed text → its value, or why it is not acceptable. Empty text means "not given". */
export function parseField(f: ElicitField, text: string): { value?: ElicitValue } | { error: string } {
  const t = text.trim();
  if (t === "" && f.type !== "boolean") return f.required ? { error: "is required" } : {};
  switch (f.type) {
    case "boolean":
      return { value: t === "true" };
    case "number":
    case "integer": {
      const n = Number(t);
      if (!Number.isFinite(n)) return { error: "must be a number" };
      if (f.type === "integer" && !Number.isInteger(n)) return { error: "must be a whole number" };
      const bad = range(n, f.minimum, f.maximum);
      return bad ? { error: bad } : { value: n };
    }
    case "enum":
      return f.options.some((o) => o.value === t) ? { value: t } : { error: "must be one of the choices" };
    case "multi": {
      const picked = t
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);
      const unknown = picked.find((p) => !f.options.some((o) => o.value === p));
      if (unknown !== undefined) return { error: `"${unknown}" is not one of the choices` };
      const bad = range(picked.length, f.minItems, f.maxItems, " choices");
      return bad ? { error: bad } : { value: picked };
    }
    case "string": {
      const bad = range(t.length, f.minLength, f.maxLength, " characters") ?? formatError(f.format, t);
      return bad ? { error: bad } : { value: t };
    }
  }
}

/** Validates every field; the content to send back, or each failing field's message by key. */
export function validateForm(
  fields: ElicitField[],
  texts: Record<string, string>,
): { content: Record<string, ElicitValue> } | { errors: Record<string, string> } {
  const content: Record<string, ElicitValue> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const r = parseField(f, texts[f.key] ?? "");
    if ("error" in r) errors[f.key] = r.error;
    else if (r.value !== undefined) content[f.key] = r.value;
  }
  return Object.keys(errors).length ? { errors } : { content };
}
