// Cgroup limits applied by berth-runtime create/update on this (hybrid v1) host, OOM detection by
// the monitor, and the v2 / v1 resource logic on fake cgroupfs trees (cgroup-apply).
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import {
  BERTH,
  CGROUP_ROOT,
  nativeSuite,
  readExitFile,
  run,
  sleep,
  startMonitor,
  uniqueId,
  waitFor,
} from "./native-fixtures.js";

const { suite, sb } = nativeSuite("native cgroup tests");

const v1 = (controller: string, cg: string, file: string) =>
  readFile(join(CGROUP_ROOT, controller, cg, file), "utf8");

/** Share of one CPU used by the cgroup over `ms`, from cpuacct.usage (ns). */
async function cpuShare(cg: string, ms: number): Promise<number> {
  const a = Number(await v1("cpuacct", cg, "cpuacct.usage"));
  const t0 = process.hrtime.bigint();
  await sleep(ms);
  const b = Number(await v1("cpuacct", cg, "cpuacct.usage"));
  return (b - a) / Number(process.hrtime.bigint() - t0);
}

suite("berth-runtime cgroups", () => {
  it("a process exceeding its memory limit is killed and the exit file says OOM-killed, exit 137", async () => {
    const id = uniqueId("cg");
    const cg = `${sb.cgroupParent}/${id}`;
    const limit = 32 * 1024 * 1024;
    const bundle = await sb.bundle(id, {
      args: ["sh", "-c", "exec tail /dev/zero"],
      cgroupsPath: cg,
      resources: { memory: { limit, swap: limit } },
    });
    const m = await startMonitor(sb, id, bundle);
    expect(m.res.code).toBe(0);
    expect(Number(await v1("memory", cg, "memory.limit_in_bytes"))).toBe(limit);
    expect(sb.berth(["start", id]).code).toBe(0);
    const exit = await waitFor(() => readExitFile(m.paths.exitFile), 30_000);
    expect(exit).toMatchObject({ exitCode: 137, signal: 9, oomKilled: true });
  });

  it("a container that exits normally is not reported OOM-killed", async () => {
    const id = uniqueId("cg");
    const bundle = await sb.bundle(id, {
      args: ["true"],
      cgroupsPath: `${sb.cgroupParent}/${id}`,
      resources: { memory: { limit: 64 << 20 } },
    });
    const m = await startMonitor(sb, id, bundle);
    expect(sb.berth(["start", id]).code).toBe(0);
    expect(await waitFor(() => readExitFile(m.paths.exitFile))).toMatchObject({
      exitCode: 0,
      oomKilled: false,
    });
  });

  it("a busy loop limited to 0.2 CPU uses 15-25 % of one CPU; an update to 0.5 CPU applies without restart", async () => {
    const id = uniqueId("cg");
    const cg = `${sb.cgroupParent}/${id}`;
    const bundle = await sb.bundle(id, {
      args: ["sh", "-c", "while :; do :; done"],
      cgroupsPath: cg,
      resources: { cpu: { quota: 20000, period: 100000, shares: 512 } },
    });
    expect(sb.createWithOutput(id, bundle).res.code).toBe(0);
    expect((await v1("cpu", cg, "cpu.cfs_quota_us")).trim()).toBe("20000");
    expect((await v1("cpu", cg, "cpu.cfs_period_us")).trim()).toBe("100000");
    expect((await v1("cpu", cg, "cpu.shares")).trim()).toBe("512");
    expect(sb.berth(["start", id]).code).toBe(0);
    await sleep(300);
    const throttled = async () => Number(/nr_throttled (\d+)/.exec(await v1("cpu", cg, "cpu.stat"))?.[1]);
    const t0 = await throttled();
    const before = await cpuShare(cg, 3000);
    // The upper bound is the quota's doing; the lower bound needs a CPU nobody else is using.
    const idle = loadavg()[0] !== undefined && (loadavg()[0] ?? 0) < 1;
    expect(before).toBeLessThan(0.25);
    if (idle) expect(before).toBeGreaterThan(0.15);
    expect(await throttled()).toBeGreaterThan(t0);
    const u = sb.berth(
      ["update", "--resources", "-", id],
      JSON.stringify({ cpu: { quota: 50000, period: 100000 } }),
    );
    expect(u.stderr).toBe("");
    expect(u.code).toBe(0);
    expect((await v1("cpu", cg, "cpu.cfs_quota_us")).trim()).toBe("50000");
    await sleep(200);
    const after = await cpuShare(cg, 2000);
    expect(after).toBeLessThan(0.6);
    if (idle) expect(after).toBeGreaterThan(0.4);
    else
      console.info(`host busy (load ${loadavg()[0]}): CPU share ${before.toFixed(2)} → ${after.toFixed(2)}`);
  });

  it("the pids limit stops forks beyond it", async () => {
    const id = uniqueId("cg");
    const cg = `${sb.cgroupParent}/${id}`;
    // The forks come from an exec'd shell (which joined the cgroup itself): the container, and so
    // its cgroup (deleted at its exit), stays while they are counted.
    const bundle = await sb.bundle(id, {
      args: ["sleep", "30"],
      cgroupsPath: cg,
      resources: { pids: { limit: 6 } },
    });
    const m = await startMonitor(sb, id, bundle);
    expect(m.res.code).toBe(0);
    expect((await v1("pids", cg, "pids.max")).trim()).toBe("6");
    expect(sb.berth(["start", id]).code).toBe(0);
    const forks = sb.berth([
      "exec",
      id,
      "sh",
      "-c",
      "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 5 & done; wait",
    ]);
    expect(forks.code).not.toBe(0);
    expect(forks.stderr).toMatch(/can't fork/);
    expect(Number(await v1("pids", cg, "pids.current"))).toBeLessThanOrEqual(6);
    expect(Number(await v1("pids", cg, "pids.events").then((t) => /max (\d+)/.exec(t)?.[1]))).toBeGreaterThan(
      0,
    );
  });

  it("cgroupsPath relative to the parent, cpuset and memory reservation are honoured", async () => {
    const id = uniqueId("cg");
    const bundle = await sb.bundle(id, {
      args: ["sleep", "30"],
      cgroupsPath: `${id}-rel`,
      resources: { cpu: { cpus: "0", mems: "0" }, memory: { limit: 128 << 20, reservation: 64 << 20 } },
    });
    const env = { ...process.env, BERTH_CGROUP_PARENT: sb.cgroupParent };
    const { res } = sb.createWithOutput(id, bundle, BERTH, env);
    expect(res.stderr).toBe("");
    const cg = `${sb.cgroupParent}/${id}-rel`;
    expect((await v1("cpuset", cg, "cpuset.cpus")).trim()).toBe("0");
    expect(Number(await v1("memory", cg, "memory.soft_limit_in_bytes"))).toBe(64 << 20);
    const pid = JSON.parse(sb.berth(["state", id]).stdout).pid as number;
    expect(await readFile(`/proc/${pid}/cgroup`, "utf8")).toContain(`:memory:${cg}\n`);
  });
});

suite("cgroup-apply on fake cgroupfs trees", () => {
  async function fake(version: 1 | 2): Promise<string> {
    const root = await mkdtemp(join(sb.tmp, `fake-v${version}-`));
    if (version === 1) {
      for (const c of ["cpu", "cpuset", "memory", "pids"]) await mkdir(join(root, c));
      await writeFile(join(root, "cpuset/cpuset.cpus"), "0-1\n");
      await writeFile(join(root, "cpuset/cpuset.mems"), "0\n");
    } else {
      await writeFile(join(root, "cgroup.subtree_control"), "");
    }
    return root;
  }
  const apply = async (root: string, version: 1 | 2, path: string, resources: object) => {
    const file = join(root, "res.json");
    await writeFile(file, JSON.stringify(resources));
    const env = { ...process.env, BERTH_CGROUP_ROOT: root, BERTH_CGROUP_VERSION: String(version) };
    return run(BERTH, ["cgroup-apply", path, file], { env });
  };
  const read = (root: string, ...p: string[]) => readFile(join(root, ...p), "utf8");

  it("v2: cpu.max, cpu.weight from shares, cpuset, memory.max, memory.swap.max, memory.low, pids.max, hugetlb", async () => {
    const root = await fake(2);
    const r = await apply(root, 2, "/pod/ctr", {
      cpu: { shares: 1024, quota: 50000, period: 100000, cpus: "0-1", mems: "0" },
      memory: { limit: 64 << 20, swap: 128 << 20, reservation: 32 << 20 },
      pids: { limit: 100 },
      hugepageLimits: [{ pageSize: "2MB", limit: 4 << 20 }],
    });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe(`${root}/pod/ctr`);
    const dir = join(root, "pod/ctr");
    expect(await read(dir, "cpu.max")).toBe("50000 100000");
    expect(await read(dir, "cpu.weight")).toBe("39"); // 1 + ((1024 - 2) * 9999) / 262142
    expect(await read(dir, "cpuset.cpus")).toBe("0-1");
    expect(await read(dir, "cpuset.mems")).toBe("0");
    expect(await read(dir, "memory.max")).toBe(String(64 << 20));
    expect(await read(dir, "memory.swap.max")).toBe(String(64 << 20)); // OCI swap is memory+swap
    expect(await read(dir, "memory.low")).toBe(String(32 << 20));
    expect(await read(dir, "pids.max")).toBe("100");
    expect(await read(dir, "hugetlb.2MB.max")).toBe(String(4 << 20));
    // Controllers are delegated from the root down to the parent.
    expect(await read(root, "cgroup.subtree_control")).toMatch(/\+/);
  });

  it("v2: the shares→weight conversion covers both ends; unlimited values become max", async () => {
    const root = await fake(2);
    for (const [shares, weight] of [
      [2, "1"],
      [262144, "10000"],
      [512, "20"],
    ] as const) {
      expect((await apply(root, 2, "/w", { cpu: { shares } })).code).toBe(0);
      expect(await read(root, "w/cpu.weight")).toBe(weight);
    }
    expect(
      (
        await apply(root, 2, "/w", {
          cpu: { quota: -1, period: 100000 },
          memory: { limit: -1, swap: -1 },
          pids: { limit: 0 },
        })
      ).code,
    ).toBe(0);
    expect(await read(root, "w/cpu.max")).toBe("max 100000");
    expect(await read(root, "w/memory.max")).toBe("max");
    expect(await read(root, "w/memory.swap.max")).toBe("max");
    expect(await read(root, "w/pids.max")).toBe("max");
  });

  it("v2: swap below the memory limit is refused with a clear error", async () => {
    const root = await fake(2);
    const r = await apply(root, 2, "/bad", { memory: { limit: 64 << 20, swap: 32 << 20 } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/memory\.swap 33554432 is below memory\.limit 67108864/);
  });

  it("v1: quota/period/shares, cpuset inherited from the parent, memsw, pids", async () => {
    const root = await fake(1);
    const r = await apply(root, 1, "/pod/ctr", {
      cpu: { shares: 256, quota: 25000, period: 50000 },
      memory: { limit: 64 << 20, swap: 96 << 20 },
      pids: { limit: 7 },
    });
    expect(r.stderr).toBe("");
    expect(await read(root, "cpu/pod/ctr/cpu.cfs_quota_us")).toBe("25000");
    expect(await read(root, "cpu/pod/ctr/cpu.cfs_period_us")).toBe("50000");
    expect(await read(root, "cpu/pod/ctr/cpu.shares")).toBe("256");
    expect(await read(root, "cpuset/pod/ctr/cpuset.cpus")).toBe("0-1\n");
    expect(await read(root, "memory/pod/ctr/memory.limit_in_bytes")).toBe(String(64 << 20));
    expect(await read(root, "pids/pod/ctr/pids.max")).toBe("7");
  });

  it("v1: a parent made beforehand with an empty cpuset inherits cpus and mems too", async () => {
    const root = await fake(1);
    // An operator's (or a harness's) pre-made parent: the kernel leaves its cpuset empty.
    await mkdir(join(root, "cpuset/made"));
    await writeFile(join(root, "cpuset/made/cpuset.cpus"), "\n");
    await writeFile(join(root, "cpuset/made/cpuset.mems"), "\n");
    const r = await apply(root, 1, "/made/pod/ctr", { pids: { limit: 7 } });
    expect(r.stderr).toBe("");
    expect(await read(root, "cpuset/made/cpuset.cpus")).toBe("0-1\n");
    expect(await read(root, "cpuset/made/pod/ctr/cpuset.mems")).toBe("0\n");
  });

  it("a cgroupsPath with .. is refused", async () => {
    const root = await fake(2);
    const r = await apply(root, 2, "/pod/../../etc", { pids: { limit: 1 } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cgroupsPath "\/pod\/\.\.\/\.\.\/etc" contains "\.\."/);
  });
});
