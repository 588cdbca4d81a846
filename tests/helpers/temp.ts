// Temporary folders for tests: a workspace and isolated XDG config/data homes, removed afterwards.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TempEnv {
  root: string;
  /** The workspace (realpath). */
  cwd: string;
  configHome: string;
  dataHome: string;
  /** Environment with isolated XDG homes and no provider keys. */
  env: Record<string, string | undefined>;
  write(rel: string, content: string): string;
  cleanup(): void;
}

const KEY_VARS = /(_API_KEY|_BASE_URL|_TOKEN)$|^PROTOAGENT_/;

export function makeTempEnv(files: Record<string, string> = {}): TempEnv {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), "protoagent-test-")));
  const cwd = path.join(root, "work");
  const configHome = path.join(root, "config");
  const dataHome = path.join(root, "data");
  for (const d of [cwd, configHome, dataHome]) mkdirSync(d, { recursive: true });
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!KEY_VARS.test(k)) env[k] = v;
  Object.assign(env, { XDG_CONFIG_HOME: configHome, XDG_DATA_HOME: dataHome, HOME: root, NO_COLOR: "1" });
  const write = (rel: string, content: string) => {
    const p = path.join(cwd, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  };
  for (const [rel, content] of Object.entries(files)) write(rel, content);
  return {
    root,
    cwd,
    configHome,
    dataHome,
    env,
    write,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Writes a user config pointing the "fake" provider at `url`, with model fake/m1. */
export function writeFakeUserConfig(t: TempEnv, url: string, extra: Record<string, unknown> = {}): void {
  const dir = path.join(t.configHome, "protoagent");
  mkdirSync(dir, { recursive: true });
  const config = {
    model: "fake/m1",
    providers: {
      fake: {
        baseURL: url,
        apiKey: "test-key",
        models: { m1: { contextWindow: 100_000, inputPricePerMillion: 1, outputPricePerMillion: 2 } },
      },
    },
    ...extra,
  };
  writeFileSync(path.join(dir, "protoagent.jsonc"), JSON.stringify(config, null, 2));
}
