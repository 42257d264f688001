import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SnapshotStore } from "../../src/image/snapshots.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "berth-snapshots-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const fsType = (path: string) => execFileSync("stat", ["-f", "-c", "%T", path], { encoding: "utf8" }).trim();

describe("snapshot store", () => {
  it.runIf(fsType(tmpdir()) === "ext2/ext3")(
    "marks its build folder as a top of directory hierarchies on ext4, so layers go to roomy groups",
    async () => {
      await new SnapshotStore(root).init();
      const flags = execFileSync("lsattr", ["-d", join(root, "snapshots", "tmp")], { encoding: "utf8" });
      expect(flags.split(" ")[0]).toContain("T");
    },
  );

  it("starts where the marking is impossible (not ext4) all the same", async () => {
    const shm = mkdtempSync("/dev/shm/berth-snapshots-");
    try {
      const s = new SnapshotStore(shm);
      await s.init();
      const p = await s.prepare();
      await s.commit(p, {
        chainId: `sha256:${"a".repeat(64)}`,
        diffId: "x",
        size: 0,
        inodes: 1,
        createdAt: 0,
      });
      expect(s.has(`sha256:${"a".repeat(64)}`)).toBe(true);
    } finally {
      rmSync(shm, { recursive: true, force: true });
    }
  });
});
