// Loads a recorded provider response from tests/fixtures/captures/<provider>/<name>.* with its provenance sidecar
// (<name>.meta.json: source, what it shows, status, headers, format) into a RawResponse the fake server writes
// byte for byte. Formats: "sse" and "body" are the recorded bytes as they are; "chunks" is one recorded data
// payload per line (how some projects store their cassettes), framed here as `data: <line>\n\n` + [DONE].
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RawResponse } from "./fake-provider.js";

export const CAPTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "captures");

export interface CaptureMeta {
  provider: string;
  kind: string;
  source: string;
  shows: string;
  retrieved: string;
  format: "sse" | "chunks" | "body";
  status: number;
  headers: Record<string, string>;
  route?: string;
}

export interface Capture {
  meta: CaptureMeta;
  response: RawResponse;
}

function dataFile(dir: string, name: string): string {
  const file = readdirSync(dir).find((f) => f.startsWith(`${name}.`) && !f.endsWith(".meta.json"));
  if (!file) throw new Error(`no capture ${name} in ${dir}`);
  return path.join(dir, file);
}

export function loadCapture(provider: string, name: string): Capture {
  const dir = path.join(CAPTURES, provider);
  const meta = JSON.parse(readFileSync(path.join(dir, `${name}.meta.json`), "utf8")) as CaptureMeta;
  const raw = readFileSync(dataFile(dir, name));
  const body =
    meta.format === "chunks"
      ? `${raw
          .toString("utf8")
          .split("\n")
          .filter((l) => l.trim())
          .map((l) => `data: ${l}\n\n`)
          .join("")}data: [DONE]\n\n`
      : raw;
  return { meta, response: { status: meta.status, headers: meta.headers, body } };
}

/** Every capture on disk, as "provider/name" (for the provenance check). */
export function allCaptures(): string[] {
  if (!existsSync(CAPTURES)) return [];
  return readdirSync(CAPTURES).flatMap((p) =>
    readdirSync(path.join(CAPTURES, p))
      .filter((f) => f.endsWith(".meta.json"))
      .map((f) => `${p}/${f.slice(0, -".meta.json".length)}`),
  );
}
