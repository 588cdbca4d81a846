// Opt-in render instrumentation for the benchmark (PROTOAGENT_TUI_STATS=<file>): counts Ink renders, their
// render time, the longest event-loop stall and memory. Each SIGUSR2 appends a JSON snapshot to the file and
// resets, so a bench can measure phases (streaming, idle). Nothing runs unless the variable is set.
// `scrollbackErases` (never reset) counts writes from which the stdout guard removed `ESC[3J`: it must stay 0.
import { appendFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

export function createRenderStats(file: string) {
  let renders = 0;
  let totalMs = 0;
  let maxMs = 0;
  let scrollbackErases = 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const snapshot = () => {
    // With --expose-gc the heap figure is the live set, not whatever garbage has not been collected yet.
    (globalThis as { gc?: () => void }).gc?.();
    const line = {
      at: Date.now(),
      renders,
      renderTotalMs: Math.round(totalMs * 10) / 10,
      renderMaxMs: Math.round(maxMs * 10) / 10,
      loopMaxMs: Math.round(loop.max / 1e5) / 10,
      loopP99Ms: Math.round(loop.percentile(99) / 1e5) / 10,
      rssMb: Math.round(process.memoryUsage().rss / 1e5) / 10,
      heapMb: Math.round(process.memoryUsage().heapUsed / 1e5) / 10,
      scrollbackErases,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    renders = 0;
    totalMs = 0;
    maxMs = 0;
    loop.reset();
  };
  process.on("SIGUSR2", snapshot);
  return {
    onRender(m: { renderTime: number }) {
      renders++;
      totalMs += m.renderTime;
      if (m.renderTime > maxMs) maxMs = m.renderTime;
    },
    /** The stdout guard removed an erase-scrollback sequence. */
    onScrollbackErase() {
      scrollbackErases++;
    },
    stop() {
      process.off("SIGUSR2", snapshot);
      loop.disable();
    },
  };
}
