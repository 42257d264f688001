import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Cgroups, parseFlatKeyed } from "../../src/runtime/cgroups.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "berth-cgfake-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function fakeV2Cgroup(rel: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, rel);
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe("cgroup v2 on a fake cgroupfs tree", () => {
  it("reads CPU, memory working set, RSS, pids and OOM kills", async () => {
    await fakeV2Cgroup("berth/pod/c1", {
      "cpu.stat": "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n",
      "memory.current": "10485760\n",
      "memory.stat": "anon 4194304\nfile 6291456\ninactive_file 2097152\nactive_file 4194304\n",
      "memory.events": "low 0\nhigh 0\nmax 3\noom 1\noom_kill 2\n",
      "pids.current": "4\n",
      "cgroup.procs": "",
    });
    const cg = new Cgroups({ root, mode: "v2" });
    expect(await cg.stats("/berth/pod/c1")).toEqual({
      cpuUsageNs: 1_500_000,
      memoryUsageBytes: 10485760,
      workingSetBytes: 10485760 - 2097152,
      rssBytes: 4194304,
      pidsCurrent: 4,
      oomKills: 2,
    });
  });

  it("resolves one directory per cgroup path and refuses escaping paths", async () => {
    const cg = new Cgroups({ root, mode: "v2" });
    expect(await cg.dirs("/berth/pod/c1")).toEqual([join(root, "berth/pod/c1")]);
    expect(await cg.controllerDir("/berth/pod/c1", "memory")).toBe(join(root, "berth/pod/c1"));
    await expect(cg.dirs("/berth/../../etc")).rejects.toThrow(/must be absolute without/);
    await expect(cg.dirs("relative")).rejects.toThrow(/must be absolute/);
    await expect(cg.dirs("/")).rejects.toThrow(/root cgroup/);
  });

  it("creates pod parents and delegates the available controllers to them", async () => {
    await fakeV2Cgroup("", {
      "cgroup.controllers": "cpuset cpu io memory pids rdma\n",
      "cgroup.subtree_control": "",
    });
    const cg = new Cgroups({ root, mode: "v2" });
    // A real cgroupfs populates cgroup.controllers of a new child; the fake one starts without it.
    await cg.createParent("/kubepods/pod1");
    expect(await readFile(join(root, "cgroup.subtree_control"), "utf8")).toBe(
      "+cpuset +cpu +io +memory +pids",
    );
    expect(await cg.exists("/kubepods/pod1")).toBe(true);
    expect(await cg.exists("/kubepods/pod2")).toBe(false);
  });

  it("lists the processes of a cgroup and of its descendants", async () => {
    await fakeV2Cgroup("pod", { "cgroup.procs": "10\n11\n" });
    await fakeV2Cgroup("pod/c1", { "cgroup.procs": "12\n" });
    await fakeV2Cgroup("pod/c1/sub", { "cgroup.procs": "11\n13\n" });
    const cg = new Cgroups({ root, mode: "v2" });
    expect((await cg.pids("/pod")).sort()).toEqual([10, 11, 12, 13]);
    expect((await cg.pids("/pod/c1")).sort()).toEqual([11, 12, 13]);
  });

  it("removing an empty v2 cgroup tree removes children before parents", async () => {
    await mkdir(join(root, "pod/c1/sub"), { recursive: true });
    await mkdir(join(root, "pod/c2"), { recursive: true });
    const cg = new Cgroups({ root, mode: "v2" });
    await cg.remove("/pod");
    expect(await cg.exists("/pod")).toBe(false);
    await cg.remove("/pod"); // idempotent
  });
});

describe("cgroup v1/hybrid layout on a fake tree", () => {
  it("maps controllers to hierarchies, co-mounted ones included, plus the unified tree", async () => {
    for (const d of ["cpu,cpuacct", "memory", "pids", "unified"]) await mkdir(join(root, d));
    const cg = new Cgroups({ root, mode: "hybrid" });
    expect((await cg.dirs("/berth/c1")).sort()).toEqual(
      [
        join(root, "cpu,cpuacct/berth/c1"),
        join(root, "memory/berth/c1"),
        join(root, "pids/berth/c1"),
        join(root, "unified/berth/c1"),
      ].sort(),
    );
    expect(await cg.controllerDir("/berth/c1", "cpuacct")).toBe(join(root, "cpu,cpuacct/berth/c1"));
    await expect(cg.controllerDir("/berth/c1", "freezer")).rejects.toThrow(/not mounted/);
  });

  it("parses flat keyed files", () => {
    expect(parseFlatKeyed("oom_kill_disable 0\nunder_oom 0\noom_kill 7\n").get("oom_kill")).toBe(7);
  });
});
