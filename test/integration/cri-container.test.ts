// CRI conformance, container level, shaped after the CRI validation suite: security context,
// resources (CPU quota, update in place, OOM kill), logs and their reopening, ExecSync limits,
// stats and container events, over berthd's real socket.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, readlink, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status as grpcStatus } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runtime } from "../../cri-api/runtime/v1/api.js";
import { ALL_CAPABILITIES } from "../../src/runtime/spec.js";
import { codeOf } from "../helpers/cri-client.js";
import { CREATED, type CriEnv, criEnv, EXITED, RUNNING, sleep } from "../helpers/cri-env.js";

/** The effective capability mask of the container's PID 1, from /proc/1/status. */
async function capEff(env: CriEnv, id: string): Promise<bigint> {
  const status = (await env.exec(id, ["cat", "/proc/1/status"])).out;
  return BigInt(`0x${/^CapEff:\s+([0-9a-f]+)$/m.exec(status)?.[1] ?? "0"}`);
}
const CAP_NET_ADMIN = 12n;
const CAP_CHOWN = 0n;

async function cgroupValue(id: string, controller: string, file: string, env: CriEnv): Promise<string> {
  const st = await env.client.runtime("ContainerStatus", { containerId: id, verbose: true });
  const info = JSON.parse(st.info?.info ?? "{}") as { cgroupsPath?: string };
  const path = info.cgroupsPath;
  if (!path) throw new Error(`ContainerStatus verbose info has no cgroupsPath: ${st.info?.info}`);
  return (await readFile(join("/sys/fs/cgroup", controller, path, file), "utf8")).trim();
}

describe("CRI containers: security, resources, logs, exec, stats, events", () => {
  let env: CriEnv;
  let pod: { id: string; config: runtime.v1.IPodSandboxConfig };

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/cri-container" });
    pod = await env.runPod("ctr");
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it("run_as_user, run_as_group, run_as_username and supplemental groups are applied and reported", async () => {
    const id = await env.runContainer(pod, "user", ["sleep", "1000"], {
      linux: {
        securityContext: {
          runAsUser: { value: 1000 },
          runAsGroup: { value: 1001 },
          supplementalGroups: [2000],
        },
      },
    });
    await env.waitState(id, RUNNING);
    const ids = (await env.exec(id, ["id"])).out;
    expect(ids).toMatch(/uid=1000\b/);
    expect(ids).toMatch(/gid=1001\b/);
    expect(ids).toMatch(/groups=.*\b2000\b/);
    const st = await env.client.runtime("ContainerStatus", { containerId: id });
    expect(Number(st.status?.user?.linux?.uid)).toBe(1000);
    expect(st.status?.user?.linux?.supplementalGroups?.map(Number)).toContain(2000);

    const named = await env.runContainer(pod, "named", ["sleep", "1000"], {
      linux: { securityContext: { runAsUsername: "nobody" } },
    });
    await env.waitState(named, RUNNING);
    expect((await env.exec(named, ["id", "-u"])).out.trim()).toBe("65534");
    const missing = env.createContainer(pod, "ghost", ["true"], {
      linux: { securityContext: { runAsUsername: "no-such-user" } },
    });
    expect(await codeOf(missing)).toBe(grpcStatus.INVALID_ARGUMENT);
  });

  it("run_as_group without run_as_user or run_as_username is INVALID_ARGUMENT and creates nothing", async () => {
    const err = await env
      .createContainer(pod, "group-only", ["sleep", "1000"], {
        linux: { securityContext: { runAsGroup: { value: 1001 } } },
      })
      .then(
        () => undefined,
        (e: { code: number; details: string }) => e,
      );
    expect(err?.code).toBe(grpcStatus.INVALID_ARGUMENT);
    expect(err?.details).toMatch(/run_as_group.*run_as_user/);
    const left = await env.client.runtime("ListContainers", {});
    expect((left.containers ?? []).filter((c) => c.metadata?.name === "group-only")).toEqual([]);
  });

  it("capabilities add and drop ALL, readonly rootfs, no_new_privs and privileged are applied", async () => {
    const dropped = await env.runContainer(pod, "nocaps", ["sleep", "1000"], {
      linux: { securityContext: { capabilities: { dropCapabilities: ["ALL"] }, noNewPrivs: true } },
    });
    const added = await env.runContainer(pod, "netadmin", ["sleep", "1000"], {
      linux: { securityContext: { capabilities: { addCapabilities: ["NET_ADMIN"] }, readonlyRootfs: true } },
    });
    await env.waitState(added, RUNNING);
    expect(await capEff(env, dropped)).toBe(0n);
    expect((await env.exec(dropped, ["grep", "NoNewPrivs", "/proc/1/status"])).out).toMatch(
      /NoNewPrivs:\s+1/,
    );
    const mask = await capEff(env, added);
    expect((mask >> CAP_NET_ADMIN) & 1n).toBe(1n);
    expect((mask >> CAP_CHOWN) & 1n).toBe(1n); // the default set stays
    const write = await env.exec(added, ["touch", "/newfile"]);
    expect(write.code).not.toBe(0);
    expect(write.err).toMatch(/Read-only file system/);
    // A readonly root still has writable /dev/shm and /tmp-less mounts kubelet expects.
    expect((await env.exec(added, ["touch", "/dev/shm/ok"])).code).toBe(0);
    // Privileged needs a privileged pod.
    const priv = env.createContainer(pod, "priv", ["true"], {
      linux: { securityContext: { privileged: true } },
    });
    expect(await codeOf(priv)).toBe(grpcStatus.INVALID_ARGUMENT);
  });

  it("privileged and ALL grant the runtime's bounding set; a named capability it lacks is dropped", async () => {
    // berthd runs as this test's root: its bounding set is the most any container can get.
    const bnd = BigInt(
      `0x${/^CapBnd:\s+([0-9a-f]+)$/m.exec(await readFile("/proc/self/status", "utf8"))?.[1]}`,
    );
    const privPod = await env.runPod("ctr-priv", {
      linux: {
        securityContext: { privileged: true, namespaceOptions: { network: 0, pid: 1, ipc: 0 } },
      },
    });
    // Privileged also runs unconfined whatever seccomp profile it names (containerd does the same).
    const priv = await env.runContainer(privPod, "priv", ["sleep", "1000"], {
      linux: { securityContext: { privileged: true, seccomp: { profileType: 0 } } },
    });
    const all = await env.runContainer(pod, "allcaps", ["sleep", "1000"], {
      linux: { securityContext: { capabilities: { addCapabilities: ["ALL"] } } },
    });
    await env.waitState(priv, RUNNING);
    await env.waitState(all, RUNNING);
    expect((await capEff(env, priv)).toString(16)).toBe(bnd.toString(16));
    expect((await env.exec(priv, ["cat", "/proc/1/status"])).out).toMatch(/^Seccomp:\s+0$/m);
    expect((await capEff(env, all)).toString(16)).toBe(bnd.toString(16));
    // A capability outside the bounding set (CAP_SYS_RESOURCE on hosts that lack it) is left out.
    const missing = ALL_CAPABILITIES.findIndex((_, bit) => ((bnd >> BigInt(bit)) & 1n) === 0n);
    if (missing < 0) return; // a host whose root holds every capability has nothing to drop
    const named = await env.runContainer(pod, "unheld", ["sleep", "1000"], {
      linux: {
        securityContext: {
          capabilities: { addCapabilities: [ALL_CAPABILITIES[missing] as string, "NET_ADMIN"] },
        },
      },
    });
    await env.waitState(named, RUNNING);
    const mask = await capEff(env, named);
    expect((mask >> BigInt(missing)) & 1n).toBe(0n);
    expect((mask >> CAP_NET_ADMIN) & 1n).toBe(1n);
    // berthd says so in its log; the container's processes (an exec's stderr) hear nothing of it.
    expect(env.d.logs.some((l) => l.containerId === named && String(l.msg).includes("bounding set"))).toBe(
      true,
    );
    expect(await env.exec(named, ["true"])).toEqual({ code: 0, out: "", err: "" });
  });

  it("seccomp: unset (and an empty seccomp_profile_path) is unconfined, RuntimeDefault filters", async () => {
    const seccompOf = async (name: string, securityContext: runtime.v1.ILinuxContainerSecurityContext) => {
      const id = await env.runContainer(pod, name, ["sleep", "1000"], { linux: { securityContext } });
      await env.waitState(id, RUNNING);
      return /^Seccomp:\s+(\d)$/m.exec((await env.exec(id, ["cat", "/proc/1/status"])).out)?.[1];
    };
    expect(await seccompOf("sc-nil", {})).toBe("0");
    expect(await seccompOf("sc-path-empty", { seccompProfilePath: "" })).toBe("0");
    expect(await seccompOf("sc-path-unconfined", { seccompProfilePath: "unconfined" })).toBe("0");
    expect(await seccompOf("sc-path-default", { seccompProfilePath: "runtime/default" })).toBe("2");
    // An empty SecurityProfile is profile_type 0, RuntimeDefault; it wins over the old field.
    expect(await seccompOf("sc-empty", { seccomp: {}, seccompProfilePath: "unconfined" })).toBe("2");
    const bad = env.createContainer(pod, "sc-bad", ["true"], {
      linux: { securityContext: { seccompProfilePath: "docker/whatever" } },
    });
    expect(await codeOf(bad)).toBe(grpcStatus.INVALID_ARGUMENT);
  });

  it("recursive read-only mounts make submounts read-only too, and Status advertises them", async () => {
    const st = await env.client.runtime("Status", {});
    expect(st.runtimeHandlers?.[0]?.features?.recursiveReadOnlyMounts).toBe(true);
    const host = await mkdtemp(join(tmpdir(), "berth-rro-"));
    const sub = join(host, "sub");
    await mkdir(sub);
    expect(spawnSync("mount", ["-t", "tmpfs", "tmpfs", sub]).status).toBe(0);
    try {
      const mount = (containerPath: string, recursiveReadOnly: boolean) => ({
        containerPath,
        hostPath: host,
        readonly: true,
        recursiveReadOnly,
      });
      const id = await env.runContainer(pod, "rro", ["sleep", "1000"], {
        mounts: [mount("/rro", true), mount("/ro", false)],
      });
      await env.waitState(id, RUNNING);
      for (const path of ["/rro/top", "/rro/sub/file", "/ro/top"]) {
        const r = await env.exec(id, ["touch", path]);
        expect(r.err, path).toMatch(/Read-only file system/);
      }
      // Plain readonly leaves a submount writable: the difference rro exists for.
      expect((await env.exec(id, ["touch", "/ro/sub/file"])).code).toBe(0);
      const shared = env.createContainer(pod, "rro-shared", ["true"], {
        mounts: [
          { ...mount("/x", true), propagation: runtime.v1.MountPropagation.PROPAGATION_BIDIRECTIONAL },
        ],
      });
      const err = await shared.catch((e: Error) => e);
      expect((err as { code?: number }).code).toBe(grpcStatus.INVALID_ARGUMENT);
      expect((err as Error).message).toContain("recursive_read_only");
      await env.client.runtime("RemoveContainer", { containerId: id });
    } finally {
      spawnSync("umount", ["--lazy", sub]);
      await rm(host, { recursive: true, force: true });
    }
  });

  it("mount propagation: bidirectional reaches the host both ways, host-to-container one way, private none", async () => {
    // As critest sets it up: the host path is a shared mount of its own.
    const host = await mkdtemp(join(tmpdir(), "berth-prop-"));
    const sh = (cmd: string) => expect(spawnSync("sh", ["-c", cmd]).status, cmd).toBe(0);
    sh(`mount --bind ${host} ${host} && mount --make-rshared ${host}`);
    try {
      const privPod = await env.runPod("ctr-prop", {
        linux: {
          securityContext: { privileged: true, namespaceOptions: { network: 0, pid: 1, ipc: 0 } },
        },
      });
      const { PROPAGATION_PRIVATE, PROPAGATION_HOST_TO_CONTAINER, PROPAGATION_BIDIRECTIONAL } =
        runtime.v1.MountPropagation;
      const ids: Record<string, string> = {};
      for (const [name, propagation] of [
        ["private", PROPAGATION_PRIVATE],
        ["slave", PROPAGATION_HOST_TO_CONTAINER],
        ["shared", PROPAGATION_BIDIRECTIONAL],
      ] as const) {
        ids[name] = await env.runContainer(privPod, `prop-${name}`, ["sleep", "1000"], {
          mounts: [{ containerPath: "/vol", hostPath: host, propagation }],
          linux: { securityContext: { privileged: true } },
        });
        await env.waitState(ids[name] as string, RUNNING);
      }
      sh(`mkdir ${host}/from-host && mount -t tmpfs tmpfs ${host}/from-host && touch ${host}/from-host/f`);
      const seen = async (name: string, path: string) =>
        (await env.exec(ids[name] as string, ["ls", "-A", path])).out.trim();
      expect(await seen("private", "/vol/from-host")).toBe("");
      expect(await seen("slave", "/vol/from-host")).toBe("f");
      expect(await seen("shared", "/vol/from-host")).toBe("f");
      for (const name of ["private", "slave", "shared"]) {
        const r = await env.exec(ids[name] as string, [
          "sh",
          "-c",
          `mkdir -p /vol/from-${name} && mount -t tmpfs tmpfs /vol/from-${name} && touch /vol/from-${name}/f`,
        ]);
        expect(r.code, r.err).toBe(0);
      }
      const onHost = async (name: string) => (await readdir(join(host, `from-${name}`))).join(",");
      expect(await onHost("shared")).toBe("f");
      expect(await onHost("slave")).toBe("");
      expect(await onHost("private")).toBe("");
      // The containers' own mounts (/proc, /dev, ... in their rootfs) stay off the host.
      expect((await env.mountsLeft()).filter((m) => m.includes("/rootfs/"))).toEqual([]);
    } finally {
      spawnSync("sh", ["-c", `umount --recursive --lazy ${host}`]);
      await rm(host, { recursive: true, force: true });
    }
  });

  it("CPU quota lands in the container's cgroup, UpdateContainerResources changes it in place", async () => {
    const id = await env.runContainer(pod, "cpu", ["sleep", "1000"], {
      linux: {
        resources: { cpuPeriod: 100_000, cpuQuota: 20_000, cpuShares: 256, memoryLimitInBytes: 64 << 20 },
      },
    });
    await env.waitState(id, RUNNING);
    expect(await cgroupValue(id, "cpu", "cpu.cfs_quota_us", env)).toBe("20000");
    expect(await cgroupValue(id, "cpu", "cpu.shares", env)).toBe("256");
    expect(await cgroupValue(id, "memory", "memory.limit_in_bytes", env)).toBe(String(64 << 20));
    await env.client.runtime("UpdateContainerResources", {
      containerId: id,
      linux: { cpuPeriod: 100_000, cpuQuota: 50_000, cpuShares: 512, memoryLimitInBytes: 128 << 20 },
    });
    expect(await cgroupValue(id, "cpu", "cpu.cfs_quota_us", env)).toBe("50000");
    expect(await cgroupValue(id, "memory", "memory.limit_in_bytes", env)).toBe(String(128 << 20));
    const st = await env.client.runtime("ContainerStatus", { containerId: id });
    expect(Number(st.status?.resources?.linux?.cpuQuota)).toBe(50_000);
    expect((await env.exec(id, ["true"])).code).toBe(0); // still running, not restarted
  });

  it("a container over its memory limit is OOM-killed: exit 137, reason OOMKilled", async () => {
    const id = await env.runContainer(
      pod,
      "oom",
      ["sh", "-c", "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo survived"],
      { linux: { resources: { memoryLimitInBytes: 32 << 20, memorySwapLimitInBytes: 32 << 20 } } },
    );
    const st = await env.waitState(id, EXITED, 30_000);
    expect(st.exitCode).toBe(137);
    expect(st.reason).toBe("OOMKilled");
  });

  it("logs: both streams tagged, ReopenContainerLog after a rename writes to a new file", async () => {
    const id = await env.runContainer(pod, "logger", [
      "sh",
      "-c",
      "i=0; while true; do echo out-$i; echo err-$i >&2; i=$((i+1)); sleep 0.1; done",
    ]);
    const logPath = join(pod.config.logDirectory as string, "logger.log");
    await sleep(500);
    const before = await readFile(logPath, "utf8");
    expect(before).toMatch(/^\S+ stdout F out-0$/m);
    expect(before).toMatch(/^\S+ stderr F err-0$/m);
    await rename(logPath, `${logPath}.1`);
    await env.client.runtime("ReopenContainerLog", { containerId: id });
    await sleep(500);
    const after = await readFile(logPath, "utf8");
    expect(after).toMatch(/^\S+ stdout F out-\d+$/m);
    expect(after).not.toMatch(/ out-0$/m);
    await env.client.runtime("StopContainer", { containerId: id, timeout: 0 });
    expect(await codeOf(env.client.runtime("ReopenContainerLog", { containerId: id }))).toBe(
      grpcStatus.FAILED_PRECONDITION,
    );
  });

  it("ExecSync honours its timeout and caps huge output with a marker", async () => {
    const id = await env.runContainer(pod, "execs", ["sleep", "1000"]);
    await env.waitState(id, RUNNING);
    const t0 = Date.now();
    const slow = env.client.runtime("ExecSync", { containerId: id, cmd: ["sleep", "30"], timeout: 1 });
    expect(await codeOf(slow)).toBe(grpcStatus.DEADLINE_EXCEEDED);
    expect(Date.now() - t0).toBeLessThan(15_000);
    // The timed-out process does not linger in the container.
    expect((await env.exec(id, ["sh", "-c", "ps -o args | grep -c '^sleep 30'"])).out.trim()).toBe("0");
    const big = await env.exec(id, ["head", "-c", String(12 << 20), "/dev/zero"], 30);
    expect(big.out.length).toBeLessThan(8 << 20);
    expect(big.out).toContain("output truncated");
    const created = await env.createContainer(pod, "notyet", ["sleep", "1000"]);
    expect(await codeOf(env.client.runtime("ExecSync", { containerId: created, cmd: ["true"] }))).toBe(
      grpcStatus.FAILED_PRECONDITION,
    );
  });

  it("ExecSync kills and reaps a timed-out process before it answers DEADLINE_EXCEEDED", async () => {
    // critest's pods share one PID namespace (pid mode POD) under berth's init.
    const shared = await env.runPod("exec-timeout", {
      linux: { securityContext: { namespaceOptions: { network: 0, pid: 0, ipc: 0 } } },
    });
    const id = await env.runContainer(shared, "exec-timeout", ["tail", "-f", "/dev/null"]);
    await env.waitState(id, RUNNING);
    const slow = env.client.runtime("ExecSync", { containerId: id, cmd: ["sleep", "1000"], timeout: 1 });
    expect(await codeOf(slow)).toBe(grpcStatus.DEADLINE_EXCEEDED);
    // Every task of the container's PID namespace, zombies included: "pid (comm) state ...".
    const stat = (await env.exec(id, ["sh", "-c", "cat /proc/[0-9]*/stat"])).out;
    expect(stat.split("\n").filter((l) => l.includes("(sleep)"))).toEqual([]);
  });

  it("stats report CPU, memory and the writable layer for containers and the network for pods", async () => {
    const id = await env.runContainer(pod, "busy", ["sh", "-c", "while :; do :; done"], {
      linux: { resources: { cpuPeriod: 100_000, cpuQuota: 10_000 } },
    });
    await env.waitState(id, RUNNING);
    await env.exec(id, ["sh", "-c", "head -c 1000000 /dev/zero > /written"]);
    await sleep(300);
    const s = (await env.client.runtime("ContainerStats", { containerId: id })).stats;
    expect(Number(s?.cpu?.usageCoreNanoSeconds?.value)).toBeGreaterThan(0);
    expect(Number(s?.memory?.workingSetBytes?.value)).toBeGreaterThan(0);
    expect(Number(s?.writableLayer?.usedBytes?.value)).toBeGreaterThanOrEqual(1_000_000);
    const listed = await env.client.runtime("ListContainerStats", { filter: { podSandboxId: pod.id } });
    expect(listed.stats?.some((x) => x.attributes?.id === id)).toBe(true);
    const ps = await env.client.runtime("PodSandboxStats", { podSandboxId: pod.id });
    expect(ps.stats?.attributes?.id).toBe(pod.id);
    expect(ps.stats?.linux?.network?.defaultInterface?.name).toBe("eth0");
    expect(ps.stats?.linux?.containers?.some((x) => x.attributes?.id === id)).toBe(true);
    const all = await env.client.runtime("ListPodSandboxStats", {});
    expect(all.stats?.some((x) => x.attributes?.id === pod.id)).toBe(true);
    const md = await env.client.runtime("ListMetricDescriptors", {});
    expect(Array.isArray(md.descriptors ?? [])).toBe(true);
    await env.client.runtime("StopContainer", { containerId: id, timeout: 0 });
  });

  it("GetContainerEvents streams created, started, stopped and deleted events", async () => {
    const stream = env.client.runtimeStream("GetContainerEvents", {});
    const seen: { id: string; type: number; pod: string; containers: string[] }[] = [];
    stream.on("data", (e: runtime.v1.IContainerEventResponse) => {
      seen.push({
        id: e.containerId ?? "",
        type: e.containerEventType ?? -1,
        pod: e.podSandboxStatus?.id ?? "",
        containers: (e.containersStatuses ?? []).map((c) => c.id ?? ""),
      });
    });
    stream.on("error", () => {});
    await sleep(200);
    const id = await env.runContainer(pod, "evented", ["sh", "-c", "sleep 0.2"]);
    await env.waitState(id, EXITED);
    expect((await env.client.runtime("ContainerStatus", { containerId: id })).status?.state).not.toBe(
      CREATED,
    );
    await env.client.runtime("RemoveContainer", { containerId: id });
    const until = Date.now() + 5000;
    while (seen.filter((e) => e.id === id).length < 4 && Date.now() < until) await sleep(100);
    stream.cancel();
    // CONTAINER_CREATED_EVENT 0, STARTED 1, STOPPED 2, DELETED 3.
    const mine = seen.filter((e) => e.id === id);
    expect(mine.map((e) => e.type)).toEqual([0, 1, 2, 3]);
    // Each event carries the whole pod, as kubelet's evented PLEG needs: every container of it.
    const others = (await env.client.runtime("ListContainers", { filter: { podSandboxId: pod.id } }))
      .containers;
    expect(others?.length).toBeGreaterThan(0);
    for (const e of mine) {
      expect(e.pod).toBe(pod.id);
      expect(e.containers).toEqual(expect.arrayContaining((others ?? []).map((c) => c.id)));
      expect(e.containers.includes(id)).toBe(e.type !== 3);
    }
    const ps = await env.client.runtime("PodSandboxStatus", { podSandboxId: pod.id });
    expect(ps.containersStatuses?.map((c) => c.id).sort()).toEqual((others ?? []).map((c) => c.id).sort());
    expect(Number(ps.timestamp)).toBeGreaterThan(0);
  });

  it("verbose ContainerStatus carries containerd's info: the host pid, sandboxID, runtimeSpec; crictl prints the pid", async () => {
    const id = await env.runContainer(pod, "inspected", ["sleep", "1000"]);
    await env.waitState(id, RUNNING);
    const verbose = async () => {
      const st = await env.client.runtime("ContainerStatus", { containerId: id, verbose: true });
      return JSON.parse(st.info?.info ?? "{}") as {
        pid?: number;
        sandboxID?: string;
        snapshotKey?: string;
        runtimeSpec?: { process?: { args?: string[] }; root?: { path?: string } };
        config?: { metadata?: { name?: string } };
      };
    };
    const info = await verbose();
    expect(info.sandboxID).toBe(pod.id);
    expect(info.snapshotKey).toBe(id);
    expect(info.config?.metadata?.name).toBe("inspected");
    expect(info.runtimeSpec?.process?.args).toEqual(["sleep", "1000"]);
    const pid = info.pid ?? 0;
    expect(pid).toBeGreaterThan(0);
    // The pid is the container's process: its command line, and the mount namespace the
    // container's own processes see.
    expect((await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0").filter(Boolean)).toEqual([
      "sleep",
      "1000",
    ]);
    const inside = (await env.exec(id, ["readlink", "/proc/self/ns/mnt"])).out.trim();
    expect(inside).toBe(await readlink(`/proc/${pid}/ns/mnt`));

    const crictl = "/usr/local/bin/crictl";
    if (existsSync(crictl)) {
      const out = spawnSync(
        crictl,
        [
          "--runtime-endpoint",
          `unix://${env.d.socket}`,
          "inspect",
          "-o",
          "go-template",
          "--template",
          "{{.info.pid}}",
          id,
        ],
        { encoding: "utf8", timeout: 30_000 },
      );
      expect(out.stdout.trim(), out.stderr).toBe(String(pid));
    }

    await env.client.runtime("StopContainer", { containerId: id, timeout: 1 });
    await env.waitState(id, EXITED);
    expect((await verbose()).pid).toBe(0);
  });
});
