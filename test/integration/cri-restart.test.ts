// Crash safety: berthd killed with -9 at awkward moments loses nothing and leaks nothing.
import { spawnSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { type Berthd, removeTree, startBerthd } from "../helpers/berthd.js";
import { type CriClient, criClient } from "../helpers/cri-client.js";
import { ensureBusyboxImage } from "../helpers/images.js";
import { mountsUnder } from "../helpers/mounts.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("berthd restarts", () => {
  let d: Berthd;
  let client: CriClient;
  let image: string;

  async function restart(): Promise<void> {
    client.close();
    await d.stop("SIGKILL");
    d = await startBerthd({ dir: d.dir });
    client = criClient(d.socket);
  }

  const hostPod = (name: string): runtime.v1.IPodSandboxConfig => ({
    metadata: { name, namespace: "restart", uid: `uid-${name}` },
    linux: { securityContext: { namespaceOptions: { network: 2 } } }, // NODE: no CNI needed
  });

  beforeAll(async () => {
    ({ ref: image } = await ensureBusyboxImage({ repo: "berth-test/cri-restart", tag: "v1" }));
    d = await startBerthd();
    client = criClient(d.socket);
    await client.image("PullImage", { image: { image } });
  });
  afterAll(async () => {
    if (client) {
      for (const p of (await client.runtime("ListPodSandbox", {}).catch(() => ({ items: [] }))).items ?? []) {
        await client.runtime("RemovePodSandbox", { podSandboxId: p.id ?? "" }).catch(() => {});
      }
      client.close();
    }
    await d?.cleanup();
    // A restarted berthd was given the first one's folder, which its cleanup leaves to its owner.
    if (d) await removeTree(d.dir);
  });

  it("100 pods are all listed again after kill -9, and all can be removed without leftovers", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          client.runtime("RunPodSandbox", { config: hostPod(`many-${i + j}`) }),
        ),
      );
      ids.push(...batch.map((b) => b.podSandboxId as string));
    }
    await restart();
    const listed = (await client.runtime("ListPodSandbox", { filter: { state: { state: 0 } } })).items ?? [];
    expect(listed.map((p) => p.id).sort()).toEqual([...ids].sort());
    for (const id of ids) await client.runtime("RemovePodSandbox", { podSandboxId: id });
    expect((await client.runtime("ListPodSandbox", {})).items ?? []).toHaveLength(0);
    expect(await readdir(join(d.state, "podns")).catch(() => [])).toEqual([]);
  }, 300_000);

  it("a stop interrupted by kill -9 is finished by the next berthd", async () => {
    const { podSandboxId } = await client.runtime("RunPodSandbox", { config: hostPod("stopper") });
    const { containerId } = await client.runtime("CreateContainer", {
      podSandboxId,
      config: {
        metadata: { name: "stubborn" },
        image: { image },
        command: ["sh", "-c", "trap '' TERM; while :; do sleep 1; done"],
      },
    });
    await client.runtime("StartContainer", { containerId: containerId as string });
    const stopping = client
      .runtime("StopContainer", { containerId: containerId as string, timeout: 60 })
      .catch((e: Error) => e);
    await sleep(1500);
    await restart();
    await stopping;
    const until = Date.now() + 15_000;
    let state: number | null | undefined;
    do {
      state = (await client.runtime("ContainerStatus", { containerId: containerId as string })).status?.state;
      if (state === 2) break;
      await sleep(200);
    } while (Date.now() < until);
    expect(state).toBe(2); // EXITED
    await client.runtime("RemovePodSandbox", { podSandboxId: podSandboxId as string });
  });

  it("a running container whose runtime record a power loss took is reported exited by the next berthd", async () => {
    const { podSandboxId } = await client.runtime("RunPodSandbox", { config: hostPod("vanished") });
    const { containerId } = await client.runtime("CreateContainer", {
      podSandboxId,
      config: { metadata: { name: "gone" }, image: { image }, command: ["sleep", "300"] },
    });
    const id = containerId as string;
    await client.runtime("StartContainer", { containerId: id });
    client.close();
    await d.stop("SIGKILL");
    // A power loss: every process ends (the monitor first, so no exit is recorded) and the runtime
    // record, which is not fsynced, is gone.
    const dir = join(d.root, "rt", "c", id);
    for (const file of ["ctl.pid", "pid"]) {
      const pid = Number((await readFile(join(dir, file), "utf8")).trim());
      expect(pid).toBeGreaterThan(0);
      process.kill(pid, "SIGKILL");
    }
    await writeFile(join(dir, "record.json"), "");
    d = await startBerthd({ dir: d.dir });
    client = criClient(d.socket);
    const st = (await client.runtime("ContainerStatus", { containerId: id })).status;
    expect(st?.state).toBe(2); // EXITED
    expect(st?.message).toMatch(/vanished/);
    await client.runtime("RemovePodSandbox", { podSandboxId: podSandboxId as string });
    expect(await mountsUnder(d.dir)).toEqual([]);
  });

  it("a pod left half-made by a crash is removed on start, with what it had made", async () => {
    const { podSandboxId } = await client.runtime("RunPodSandbox", { config: hostPod("half") });
    client.close();
    await d.stop("SIGKILL");
    // Make the record look like RunPodSandbox never finished, killed before it recorded the
    // namespaces it pinned, the pod's init (shared PID namespace) and its /dev/shm mount.
    const file = join(d.root, "cri", "pods", `${podSandboxId}.json`);
    const rec = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    expect(rec.pidns).toBeTruthy();
    rec.phase = "creating";
    for (const k of ["ipcns", "utsns", "pidns", "shm"]) delete rec[k];
    await writeFile(file, JSON.stringify(rec));
    d = await startBerthd({ dir: d.dir });
    client = criClient(d.socket);
    expect((await client.runtime("ListPodSandbox", {})).items ?? []).toHaveLength(0);
    expect(await readdir(join(d.state, "podns")).catch(() => [])).toEqual([]);
    expect(await mountsUnder(join(d.state, "podns"))).toEqual([]);
    await sleep(100);
    expect(
      spawnSync("pgrep", ["-f", `init --detach ${join(d.state, "podns", podSandboxId as string)}`]).status,
    ).toBe(1);
  });
});
