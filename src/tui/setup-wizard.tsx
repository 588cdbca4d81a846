// The standalone `protoagent configure` wizard: renders the shared Setup component and writes the choice.
// Kept apart from configure.ts so the non-interactive path never loads Ink.
import { render } from "ink";
import { Setup } from "../components/Setup.js";
import type { Env, ModelChoice } from "../runtime/index.js";
import { colorEnabled } from "./render/ansi.js";
import { makeUi, UiProvider } from "./render/theme.js";

export async function runSetupWizard(opts: {
  choices: ModelChoice[];
  target: string;
  env: Env;
  /** Writes the choice (the caller owns the config file). */
  save(ref: string, apiKey?: string): void;
}): Promise<boolean> {
  let saved = false;
  const ui = makeUi(colorEnabled(opts.env as NodeJS.ProcessEnv, Boolean(process.stdout.isTTY)));
  const app = render(
    <UiProvider value={ui}>
      <Setup
        choices={opts.choices}
        target={opts.target}
        onDone={async (choice) => {
          opts.save(choice.ref, choice.apiKey);
          saved = true;
          app.unmount();
        }}
        onCancel={() => app.unmount()}
      />
    </UiProvider>,
  );
  await app.waitUntilExit();
  return saved;
}
