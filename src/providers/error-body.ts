// Reads the error bodies OpenAI-compatible providers really send, whatever their shape, into one record:
// `{"error":{"message"}}` (OpenAI), `[{"error":{…}}]` (Gemini), `{"object":"error","message":…}` (Mistral, vLLM),
// `{"error":"text"}` (xAI), `{"detail":…}` (FastAPI servers), nested JSON strings, and plain text or HTML.
// Pure; the fetch wrapper (fetch.ts) rewrites every error response into the OpenAI shape with it.

export interface ErrorBody {
  message: string;
  code?: string | number;
  type?: string;
  param?: string;
  /** Extra provider fields worth keeping (failed_generation, n_ctx, usage …). */
  extra?: Record<string, unknown>;
}

const MAX_TEXT = 500;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

/** Flattens a message that may be an object (Mistral 422 `{"detail":[{"loc","msg"}]}`) or a JSON string. */
function flatten(v: unknown): string {
  if (typeof v === "string") {
    const inner = parseJson(v.trim());
    // Gateways wrap an upstream body as a JSON string inside `message`; unwrap it once.
    if (inner !== undefined && typeof inner === "object") return readErrorBody(inner)?.message ?? v;
    return v;
  }
  if (Array.isArray(v)) return v.map(flatten).filter(Boolean).join("; ");
  if (isRec(v)) {
    if (Array.isArray(v.detail)) return flatten(v.detail);
    const loc = Array.isArray(v.loc) ? v.loc.join(".") : undefined;
    const msg = v.msg ?? v.message ?? v.detail;
    if (msg !== undefined) {
      const type = typeof v.type === "string" ? ` (${v.type})` : "";
      return `${loc ? `${loc}: ` : ""}${flatten(msg)}${type}`;
    }
    return JSON.stringify(v);
  }
  return v === undefined || v === null ? "" : String(v);
}

function parseJson(text: string): unknown {
  if (!text.startsWith("{") && !text.startsWith("[")) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fromRecord(r: Rec): ErrorBody | undefined {
  const err = r.error;
  if (isRec(err)) {
    const { message, code, type, param, status, ...extra } = err;
    return {
      message: flatten(message ?? status ?? JSON.stringify(err)),
      code: typeof code === "string" || typeof code === "number" ? code : undefined,
      type: typeof type === "string" ? type : typeof status === "string" ? status : undefined,
      param: typeof param === "string" ? param : undefined,
      extra: Object.keys(extra).length ? extra : undefined,
    };
  }
  if (typeof err === "string") return { message: err, code: typeof r.code === "string" ? r.code : undefined };
  if (r.message !== undefined || r.detail !== undefined) {
    return {
      message: flatten(r.message ?? r.detail),
      code: typeof r.code === "string" || typeof r.code === "number" ? r.code : undefined,
      type: typeof r.type === "string" ? r.type : undefined,
      param: typeof r.param === "string" ? r.param : undefined,
    };
  }
  return undefined;
}

/** The error in a parsed body, or undefined when it carries none. */
export function readErrorBody(body: unknown): ErrorBody | undefined {
  if (Array.isArray(body)) {
    for (const item of body) {
      const found = isRec(item) ? fromRecord(item) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  return isRec(body) ? fromRecord(body) : undefined;
}

/** The error in a raw response body (JSON of any known shape, else its text, tags stripped and clipped). */
export function errorFromText(text: string): ErrorBody | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const parsed = readErrorBody(parseJson(trimmed));
  if (parsed) return parsed;
  const plain = trimmed
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return { message: plain.length > MAX_TEXT ? `${plain.slice(0, MAX_TEXT)}…` : plain };
}
