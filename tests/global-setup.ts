// Builds dist/ once before the suite so end-to-end tests always spawn the CLI of the current source.
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
}
