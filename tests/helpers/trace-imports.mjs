// Preload for tests: records every module URL the process resolves into $TRACE_IMPORTS_FILE.
import { register } from "node:module";

register(new URL("./trace-imports-hooks.mjs", import.meta.url), {
  data: { file: process.env.TRACE_IMPORTS_FILE },
});
