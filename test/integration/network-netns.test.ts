// Pod network namespaces pinned by bind mounts: real unshare/nsenter/mount, as root.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AlreadyExistsError, InvalidArgumentError } from "../../src/errors.js";
import { execInNetns, NetnsStore } from "../../src/network/netns.js";

const isRoot = process.getuid?.() === 0;

async function mountsUnder(root: string): Promise<string[]> {
  const text = await readFile("/proc/self/mountinfo", "utf8");
  return text
    .split("\n")
    .map((l) => l.split(" ")[4] ?? "")
    .filter((m) => m === root || m.startsWith(`${root}/`));
}

// Unmounts whatever a failed test left under `root` (deepest first), then deletes it.
async function cleanupRoot(root: string): Promise<void> {
  for (const m of (await mountsUnder(root)).sort((a, b) => b.length - a.length)) {
    try {
      execFileSync("umount", ["--lazy", m]);
    } catch {
      // already gone
    }
  }
  await rm(root, { recursive: true, force: true });
}

function netnsInode(path: string): string {
  return execFileSync("stat", ["-L", "-c", "%i", path]).toString().trim();
}

describe.skipIf(!isRoot)("pod network namespaces", () => {
  let root: string;
  let store: NetnsStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "berth-netns-"));
    store = new NetnsStore(join(root, "state"));
  });
  afterEach(async () => {
    await cleanupRoot(root);
  });

  it("createNetns pins a new namespace with lo up, distinct from the host's", async () => {
    const path = await store.create("pod-a");
    expect(path).toBe(join(root, "state", "netns", "pod-a"));
    expect(await store.isMounted(path)).toBe(true);
    expect(netnsInode(path)).not.toBe(netnsInode("/proc/self/ns/net"));
    const r = await execInNetns(path, ["ip", "-o", "link", "show"]);
    expect(r.code).toBe(0);
    const links = r.stdout.trim().split("\n");
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP>/);
    // lo is usable: ping the namespace's own loopback.
    const ping = await execInNetns(path, ["busybox", "ping", "-c", "1", "-W", "2", "127.0.0.1"]);
    expect(ping.code).toBe(0);
  });

  it("the pin folder is a shared mount point of its own", async () => {
    await store.create("pod-a");
    const line = (await readFile("/proc/self/mountinfo", "utf8"))
      .split("\n")
      .find((l) => l.split(" ")[4] === store.dir);
    expect(line).toBeDefined();
    expect(line).toMatch(/ shared:\d+/);
  });

  it("two pods get two different namespaces", async () => {
    const a = await store.create("pod-a");
    const b = await store.create("pod-b");
    expect(netnsInode(a)).not.toBe(netnsInode(b));
    expect(await store.list()).toEqual(["pod-a", "pod-b"]);
  });

  it("removeNetns unmounts and unlinks, leaving no mount, and is idempotent", async () => {
    const path = await store.create("pod-a");
    await store.remove("pod-a");
    expect(await mountsUnder(path)).toEqual([]);
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
    await store.remove("pod-a");
    await store.remove("never-created");
    expect(await store.list()).toEqual([]);
  });

  it("removeNetns tolerates a half-made pin (file without mount)", async () => {
    await store.create("pod-a");
    await store.remove("pod-a");
    await writeFile(join(store.dir, "half"), "");
    await store.remove("half");
    await expect(stat(join(store.dir, "half"))).rejects.toThrow(/ENOENT/);
  });

  it("createNetns replaces a leftover unmounted pin but refuses a live one", async () => {
    await store.create("pod-a");
    await writeFile(join(store.dir, "leftover"), "");
    const path = await store.create("leftover");
    expect(await store.isMounted(path)).toBe(true);
    await expect(store.create("pod-a")).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it("a namespace pinned twice (stacked mounts) is fully removed", async () => {
    const path = await store.create("pod-a");
    execFileSync("mount", ["--bind", path, path]);
    expect((await mountsUnder(path)).length).toBe(2);
    await store.remove("pod-a");
    expect(await mountsUnder(path)).toEqual([]);
  });

  it("rejects pod ids that are not safe file names", async () => {
    await expect(store.create("../escape")).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => store.pathOf("a/b")).toThrow(InvalidArgumentError);
    expect(() => store.pathOf("")).toThrow(InvalidArgumentError);
  });
});
