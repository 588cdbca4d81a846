// The shared fixture of tests that drive the real Runtime: one fake OpenAI server for the file, a fresh temp
// workspace (with the user config pointing at that server) for each test, and every Runtime a test opened closed
// after it, so session locks and MCP children never leak between tests.
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { Runtime } from "../../src/runtime/index.js";
import { FakeProvider } from "./fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "./temp.js";

type OpenOptions = Partial<Parameters<typeof Runtime.open>[0]>;

export interface RuntimeEnv {
  readonly provider: FakeProvider;
  readonly t: TempEnv;
  /** Opens a Runtime in this test's workspace (interactive, not headless, unless `extra` says otherwise). */
  open(extra?: OpenOptions): Promise<Runtime>;
}

/** Registers the hooks; read `provider` and `t` inside tests (they are set by then). */
export function runtimeFixture(files: Record<string, string> = { "a.txt": "alpha\nbeta\n" }): RuntimeEnv {
  let provider: FakeProvider | undefined;
  let t: TempEnv | undefined;
  const runtimes: Runtime[] = [];
  beforeAll(async () => {
    provider = await FakeProvider.start();
  });
  afterAll(() => provider?.close());
  beforeEach(() => {
    t = makeTempEnv(files);
    writeFakeUserConfig(t, (provider as FakeProvider).url);
    (provider as FakeProvider).requests.length = 0;
  });
  afterEach(async () => {
    for (const r of runtimes.splice(0)) await r.close();
    t?.cleanup();
  });
  return {
    get provider() {
      return provider as FakeProvider;
    },
    get t() {
      return t as TempEnv;
    },
    async open(extra = {}) {
      const env = t as TempEnv;
      const rt = await Runtime.open({
        cwd: env.cwd,
        env: env.env,
        headless: false,
        version: "test",
        ...extra,
      });
      runtimes.push(rt);
      return rt;
    },
  };
}
