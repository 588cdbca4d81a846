// Mounts the real App on a real Runtime (through the same ports the TUI entry uses), with a `send` that types a
// line and presses Enter — for tests of what the user sees across session switches, rewinds and the like.
import { App } from "../../src/components/App.js";
import type { Runtime } from "../../src/runtime/index.js";
import { makeUi } from "../../src/tui/render/theme.js";
import { appServices, sessionPort } from "../../src/tui/state/runtime-port.js";
import { renderUi } from "./helpers.js";

export function mountRuntime(rt: Runtime) {
  const r = renderUi(
    <App
      session={sessionPort(rt)}
      services={appServices(() => rt)}
      ui={makeUi(false)}
      version="t"
      history={null}
      completer={null}
    />,
  );
  const send = async (text: string) => {
    for (const ch of text) await r.press(ch);
    await r.press("\r");
  };
  return { r, send };
}
