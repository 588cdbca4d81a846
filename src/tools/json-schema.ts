// Trims zod's JSON Schema output to what a provider needs to call a tool: type, properties, required,
// descriptions, enums, items and real bounds. Every request carries these schemas, so bytes that say nothing
// (the `$schema` URI, ±2^53−1 bounds zod adds to every integer) are dropped, and `exclusiveMinimum: 0` on an
// integer becomes `minimum: 1`, which the narrower schema dialects (Gemini's OpenAPI subset) also accept.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The schema without noise; a new object, the input is left as it is. Unknown keys pass through. */
export function tidySchema(schema: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$schema") continue;
    if (key === "maximum" && value === Number.MAX_SAFE_INTEGER) continue;
    if (key === "minimum" && value === Number.MIN_SAFE_INTEGER) continue;
    if (
      key === "exclusiveMinimum" &&
      value === 0 &&
      schema.type === "integer" &&
      schema.minimum === undefined
    ) {
      out.minimum = 1;
      continue;
    }
    out[key] = tidyValue(key, value);
  }
  return out;
}

function tidyValue(key: string, value: unknown): unknown {
  // `properties` (and `$defs`) map names to schemas; the names themselves are data, never dropped.
  if ((key === "properties" || key === "$defs" || key === "definitions") && isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, s]) => [name, isObject(s) ? tidySchema(s) : s]),
    );
  }
  if (Array.isArray(value)) return value.map((v) => (isObject(v) ? tidySchema(v) : v));
  return isObject(value) ? tidySchema(value) : value;
}
