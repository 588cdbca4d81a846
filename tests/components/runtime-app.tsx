// Mounts the real App on a real Runtime (through the same ports the TUI entry uses), with a `send` that types a
// line and presses Enter — for tests of what the user sees across session switches, rewinds and the like.
import type { ComponentProps } from "react";
import { App } from "../../src/components/App.js";
import type { Runtime } from "../../src/runtime/index.js";
import { makeUi } from "../../src/tui/render/theme.js";
import { appServices, sessionPort } from "../../src/tui/state/runtime-port.js";
import { renderUi } from "./helpers.js";

/** The App element wired to `rt` as the TUI entry wires it; `props` adds or overrides (warnings, …). */
export function runtimeApp(rt: Runtime, props: Partial<ComponentProps<typeof App>> = {}) {
  return (
    <App
      session={sessionPort(rt)}
      services={appServices(() => rt)}
      ui={makeUi(false)}
      version="t"
      history={null}
      completer={null}
      {...props}
    />
  );
}

export function mountRuntime(rt: Runtime) {
  const r = renderUi(runtimeApp(rt));
  const send = async (text: string) => {
    for (const ch of text) await r.press(ch);
    await r.press("\r");
  };
  return { r, send };
}
