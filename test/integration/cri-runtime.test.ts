import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { status as grpcStatus } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { type Berthd, removeTree, startBerthd } from "../helpers/berthd.js";
import { type CriClient, codeOf, criClient } from "../helpers/cri-client.js";
import { ensureBusyboxImage } from "../helpers/images.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function mountsUnder(dir: string): string[] {
  const text = spawnSync("cat", ["/proc/self/mountinfo"], { encoding: "utf8" }).stdout;
  return text
    .split("\n")
    .map((l) => l.split(" ")[4] ?? "")
    .filter((p) => p.startsWith(dir) && !p.endsWith("/run/netns"));
}

describe("CRI RuntimeService: pods and containers over the socket", () => {
  let d: Berthd;
  let client: CriClient;
  let image: string;
  const bridge = `bt${randomInt(1000, 9999)}`;
  const subnet = `10.214.${randomInt(1, 250)}.0/24`;
  let cniDir: string;

  async function restart(kill = false): Promise<void> {
    client.close();
    await d.stop(kill ? "SIGKILL" : "SIGTERM");
    d = await startBerthd({ dir: d.dir, extraArgs: ["--set", `cni.confDir=${cniDir}`] });
    client = criClient(d.socket);
  }

  beforeAll(async () => {
    ({ ref: image } = await ensureBusyboxImage({ repo: "berth-test/cri-runtime", tag: "v1" }));
    const { mkdtemp } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(join(tmpdir(), "berthd-rt-"));
    cniDir = join(dir, "cni");
    await mkdir(cniDir, { recursive: true });
    await writeFile(
      join(cniDir, "10-test.conflist"),
      JSON.stringify({
        cniVersion: "1.0.0",
        name: "berth-test",
        plugins: [
          {
            type: "bridge",
            bridge,
            isGateway: true,
            ipMasq: false,
            ipam: { type: "host-local", ranges: [[{ subnet }]], dataDir: join(dir, "ipam") },
          },
          { type: "portmap", capabilities: { portMappings: true } },
        ],
      }),
    );
    d = await startBerthd({ dir, extraArgs: ["--set", `cni.confDir=${cniDir}`] });
    client = criClient(d.socket);
    await client.image("PullImage", { image: { image } });
  });

  afterAll(async () => {
    if (client) {
      const pods = await client.runtime("ListPodSandbox", {}).catch(() => ({ items: [] }));
      for (const p of pods.items ?? [])
        await client.runtime("RemovePodSandbox", { podSandboxId: p.id ?? "" }).catch(() => {});
      client.close();
    }
    await d?.cleanup();
    spawnSync("ip", ["link", "del", bridge]);
    if (d) await removeTree(d.dir);
  });

  function podConfig(
    name: string,
    extra: Partial<runtime.v1.IPodSandboxConfig> = {},
  ): runtime.v1.IPodSandboxConfig {
    return {
      metadata: { name, namespace: "default", uid: `uid-${name}`, attempt: 0 },
      hostname: name,
      logDirectory: join(d.dir, "logs", name),
      labels: { app: name },
      ...extra,
    };
  }

  async function runPod(name: string, extra: Partial<runtime.v1.IPodSandboxConfig> = {}) {
    const config = podConfig(name, extra);
    const { podSandboxId } = await client.runtime("RunPodSandbox", { config });
    return { id: podSandboxId as string, config };
  }

  async function runContainer(
    pod: { id: string; config: runtime.v1.IPodSandboxConfig },
    name: string,
    command: string[],
    extra: Partial<runtime.v1.IContainerConfig> = {},
  ) {
    const { containerId } = await client.runtime("CreateContainer", {
      podSandboxId: pod.id,
      config: {
        metadata: { name },
        image: { image },
        command,
        logPath: `${name}.log`,
        labels: { c: name },
        ...extra,
      },
      sandboxConfig: pod.config,
    });
    await client.runtime("StartContainer", { containerId: containerId as string });
    return containerId as string;
  }

  async function waitState(id: string, state: number, ms = 10_000) {
    const until = Date.now() + ms;
    for (;;) {
      const s = await client.runtime("ContainerStatus", { containerId: id });
      if (s.status?.state === state) return s.status;
      if (Date.now() > until) throw new Error(`container ${id} is in state ${s.status?.state}, not ${state}`);
      await sleep(100);
    }
  }

  it("runs a pod with its own network and a container in it, through the whole lifecycle", async () => {
    const pod = await runPod("web");
    const ps = await client.runtime("PodSandboxStatus", { podSandboxId: pod.id, verbose: true });
    expect(ps.status?.state).toBe(0); // SANDBOX_READY
    expect(ps.status?.network?.ip).toMatch(new RegExp(`^${subnet.split(".").slice(0, 3).join("\\.")}\\.`));
    const id = await runContainer(pod, "main", ["sh", "-c", "echo hello; echo oops >&2; exec sleep 1000"]);
    const st = await waitState(id, 1); // RUNNING
    expect(st?.imageId).toMatch(/^sha256:/);
    expect(Number(st?.startedAt)).toBeGreaterThan(0);

    const hn = await client.runtime("ExecSync", { containerId: id, cmd: ["hostname"], timeout: 10 });
    expect(hn.exitCode).toBe(0);
    expect(
      Buffer.from(hn.stdout ?? [])
        .toString()
        .trim(),
    ).toBe("web");
    const pid1 = await client.runtime("ExecSync", {
      containerId: id,
      cmd: ["cat", "/proc/1/cmdline"],
      timeout: 10,
    });
    expect(Buffer.from(pid1.stdout ?? []).toString()).toContain("sleep");
    const fail = await client.runtime("ExecSync", {
      containerId: id,
      cmd: ["sh", "-c", "exit 7"],
      timeout: 10,
    });
    expect(fail.exitCode).toBe(7);

    const log = await readFile(join(pod.config.logDirectory as string, "main.log"), "utf8");
    expect(log).toMatch(/^\S+ stdout F hello$/m);
    expect(log).toMatch(/^\S+ stderr F oops$/m);

    const list = await client.runtime("ListContainers", { filter: { podSandboxId: pod.id } });
    expect(list.containers?.map((c) => c.id)).toEqual([id]);
    const byLabel = await client.runtime("ListContainers", { filter: { labelSelector: { c: "nope" } } });
    expect(byLabel.containers).toHaveLength(0);

    await client.runtime("StopContainer", { containerId: id, timeout: 2 });
    const stopped = await waitState(id, 2); // EXITED
    expect([137, 143]).toContain(stopped?.exitCode);
    expect(stopped?.reason).toBe("Error");
    // Stopping a stopped container succeeds.
    await client.runtime("StopContainer", { containerId: id, timeout: 2 });

    await client.runtime("RemoveContainer", { containerId: id });
    await client.runtime("RemoveContainer", { containerId: id });
    expect(await codeOf(client.runtime("ContainerStatus", { containerId: id }))).toBe(grpcStatus.NOT_FOUND);

    await client.runtime("StopPodSandbox", { podSandboxId: pod.id });
    const after = await client.runtime("PodSandboxStatus", { podSandboxId: pod.id });
    expect(after.status?.state).toBe(1); // NOTREADY
    await client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
    await client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
    await client.runtime("StopPodSandbox", { podSandboxId: pod.id });
    expect((await client.runtime("ListPodSandbox", {})).items ?? []).toHaveLength(0);
    expect(mountsUnder(d.dir)).toEqual([]);
  });

  it("a container that exits on its own is reported exited with its code", async () => {
    const pod = await runPod("job");
    const id = await runContainer(pod, "once", ["sh", "-c", "exit 3"]);
    const st = await waitState(id, 2);
    expect(st?.exitCode).toBe(3);
    expect(st?.reason).toBe("Error");
    expect(Number(st?.finishedAt)).toBeGreaterThanOrEqual(Number(st?.startedAt));
    await client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
  });

  it("a kubelet retry of RunPodSandbox with the same name gets the same sandbox", async () => {
    const a = await runPod("retry");
    const { podSandboxId } = await client.runtime("RunPodSandbox", { config: podConfig("retry") });
    expect(podSandboxId).toBe(a.id);
    await client.runtime("RemovePodSandbox", { podSandboxId: a.id });
  });

  it("bad requests answer INVALID_ARGUMENT or NOT_FOUND naming the field, and change nothing", async () => {
    expect(await codeOf(client.runtime("RunPodSandbox", {}))).toBe(grpcStatus.INVALID_ARGUMENT);
    const err = await client
      .runtime("RunPodSandbox", { config: { metadata: { name: "../etc" } } })
      .catch((e: Error) => e);
    expect((err as Error).message).toContain("config.metadata.name");
    const pod = await runPod("bad");
    const badLog = await client
      .runtime("CreateContainer", {
        podSandboxId: pod.id,
        config: { metadata: { name: "x" }, image: { image }, logPath: "../../escape.log" },
      })
      .catch((e: Error) => e);
    expect((badLog as { code?: number }).code).toBe(grpcStatus.INVALID_ARGUMENT);
    expect((badLog as Error).message).toContain("config.log_path");
    expect(
      await codeOf(
        client.runtime("CreateContainer", {
          podSandboxId: "0".repeat(64),
          config: { metadata: { name: "x" }, image: { image } },
        }),
      ),
    ).toBe(grpcStatus.NOT_FOUND);
    expect(await codeOf(client.runtime("StartContainer", { containerId: "f".repeat(64) }))).toBe(
      grpcStatus.NOT_FOUND,
    );
    expect(
      (await client.runtime("ListContainers", { filter: { podSandboxId: pod.id } })).containers,
    ).toHaveLength(0);
    await client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
  });

  it("kill -9 of berthd keeps containers running; a restart finds them and their exits", async () => {
    const pod = await runPod("survivor");
    const long = await runContainer(pod, "long", ["sleep", "1000"]);
    const short = await runContainer(pod, "short", ["sh", "-c", "sleep 2; exit 5"]);
    await waitState(long, 1);
    await restart(true);
    expect((await client.runtime("ContainerStatus", { containerId: long })).status?.state).toBe(1);
    const s = await waitState(short, 2);
    expect(s?.exitCode).toBe(5);
    const ps = await client.runtime("PodSandboxStatus", { podSandboxId: pod.id });
    expect(ps.status?.state).toBe(0);
    await client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
    expect(mountsUnder(d.dir)).toEqual([]);
    expect(spawnSync("pgrep", ["-f", `monitor --id ${long}`]).status).toBe(1);
  });
});
