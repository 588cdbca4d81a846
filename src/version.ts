// The protoagent version: inlined by the bundler, read from package.json when running from source.
import { readFileSync } from "node:fs";

declare const __PROTOAGENT_VERSION__: string | undefined;

export function version(): string {
  if (typeof __PROTOAGENT_VERSION__ === "string") return __PROTOAGENT_VERSION__;
  return (
    JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
  ).version;
}
