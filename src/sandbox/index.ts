// The OS sandbox (Linux bubblewrap, macOS sandbox-exec): what a command that nobody looked at can do at all.
// The shell classifier decides what runs without asking; this decides what it can touch.
export { bwrapArgs } from "./bwrap.js";
export { type Launcher, sandboxLauncher } from "./launch.js";
export { cleanupCreated, sandboxFailureNote, userSawCommand } from "./outcome.js";
export { buildPolicy } from "./policy.js";
export { fallbackWarning, probeSandbox } from "./probe.js";
export { missingProtected, PROTECTED_NAMES, protectedPaths } from "./protected.js";
export { seatbeltProfile } from "./seatbelt.js";
export { isSecretFileName } from "./secrets.js";
export { lazyProbe, resolveSandbox, type SandboxOptions } from "./setup.js";
export * from "./types.js";
