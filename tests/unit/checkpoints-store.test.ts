// The checkpoint blob store on its own: content-addressed and deduplicated, private, tamper-evident, bounded
// (oldest sessions pruned first, the sessions in use never), and a fork's copy survives pruning its source.
import { randomUUID } from "node:crypto";
import { readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BlobStore, sha256 } from "../../src/checkpoints/blobs.js";
import { createCheckpointer } from "../../src/checkpoints/checkpointer.js";
import type { BodyRecord } from "../../src/store/records.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

let t: TempEnv;
let blobs: BlobStore;
beforeEach(() => {
  t = makeTempEnv();
  blobs = new BlobStore(path.join(t.dataHome, "checkpoints"));
});
afterEach(() => t.cleanup());

const age = (id: string, secondsAgo: number) => {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(blobs.dir(id), when, when);
};

describe("BlobStore", () => {
  it("stores each content once, 0600 in 0700 folders, and refuses damaged blobs", async () => {
    const id = randomUUID();
    const a = await blobs.put(id, Buffer.from("same"));
    const b = await blobs.put(id, Buffer.from("same"));
    expect(a).toEqual({ sha: sha256("same"), added: 4 });
    expect(b.added).toBe(0);
    expect(readdirSync(blobs.dir(id))).toEqual([a.sha]);
    expect(statSync(blobs.dir(id)).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(blobs.dir(id), a.sha)).mode & 0o777).toBe(0o600);
    expect((await blobs.get(id, a.sha))?.toString()).toBe("same");
    writeFileSync(path.join(blobs.dir(id), a.sha), "evil");
    expect(await blobs.get(id, a.sha)).toBeUndefined();
    expect(await blobs.get(id, "../../etc/passwd")).toBeUndefined();
    expect(() => blobs.dir("../x")).toThrow(/not a session id/);
  });

  it("prunes the oldest sessions first and never the ones in use; forks keep their copy", async () => {
    const [old, mid, cur] = [randomUUID(), randomUUID(), randomUUID()];
    await blobs.put(old, Buffer.alloc(1000, 1));
    await blobs.put(mid, Buffer.alloc(1000, 2));
    await blobs.put(cur, Buffer.alloc(1000, 3));
    const fork = randomUUID();
    blobs.copySession(old, fork);
    age(old, 300);
    age(fork, 250);
    age(mid, 200);
    expect(blobs.prune(2500, [cur])).toEqual([old, fork]);
    expect(blobs.prune(500, [cur])).toEqual([mid]);
    expect(blobs.usage().map((u) => u.id)).toEqual([cur]);
  });

  it("the checkpointer records before/after and keeps the store under its bound", async () => {
    const records: BodyRecord[] = [];
    const other = randomUUID();
    await blobs.put(other, Buffer.alloc(2000, 7));
    age(other, 100);
    const id = randomUUID();
    const cp = createCheckpointer({
      blobs,
      sessionId: () => id,
      append: (r) => records.push(r),
      maxBytes: 1500,
    });
    const file = t.write("x.txt", "x".repeat(1000));
    await cp.beforeWrite(file, "new", "write_file");
    await cp.beforeWrite(path.join(t.cwd, "absent.txt"), "made", "write_file");
    expect(records).toEqual([
      expect.objectContaining({
        t: "checkpoint",
        path: file,
        before: expect.objectContaining({ sha: sha256("x".repeat(1000)), size: 1000 }),
        after: sha256("new"),
      }),
      expect.objectContaining({ before: null, after: sha256("made") }),
    ]);
    expect(blobs.usage().map((u) => u.id)).toEqual([id]);
  });
});
