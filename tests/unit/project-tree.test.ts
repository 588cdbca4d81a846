import { afterEach, describe, expect, it } from "vitest";
import { projectTree } from "../../src/utils/project-tree.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

let t: TempEnv | undefined;
afterEach(() => t?.cleanup());

describe("projectTree", () => {
  it("lists folders first, sorted, hiding dotfiles, build output and gitignored paths (nested too)", () => {
    t = makeTempEnv({
      ".gitignore": "*.log\n/out\n",
      ".env": "SECRET=1",
      "b.ts": "",
      "a.md": "",
      "debug.log": "",
      "out/x.js": "",
      "node_modules/p/index.js": "",
      "src/index.ts": "",
      "src/gen/.gitignore": "*.gen.ts\n",
      "src/gen/a.gen.ts": "",
      "src/gen/keep.ts": "",
    });
    expect(projectTree(t.cwd)).toBe(
      ["src/", "  gen/", "    keep.ts", "  index.ts", "a.md", "b.ts"].join("\n"),
    );
  });

  it("is bounded per folder, in depth and in total", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`f${String(i).padStart(2, "0")}.txt`] = "";
    files["d1/d2/d3/deep.txt"] = "";
    t = makeTempEnv(files);
    const tree = projectTree(t.cwd, { perDir: 5, maxDepth: 2 });
    expect(tree.split("\n")).toEqual([
      "d1/",
      "  d2/",
      "f00.txt",
      "f01.txt",
      "f02.txt",
      "f03.txt",
      "… (26 more)",
    ]);
    expect(projectTree(t.cwd, { maxEntries: 3 }).split("\n")).toHaveLength(4);
  });
});
