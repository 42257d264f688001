import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { status as grpcStatus } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "../helpers/cri-client.js";
import { type CriEnv, criEnv } from "../helpers/cri-env.js";

describe("CRI RuntimeService: pods and containers over the socket", () => {
  let env: CriEnv;

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/cri-runtime" });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it("runs a pod with its own network and a container in it, through the whole lifecycle", async () => {
    const pod = await env.runPod("web");
    const ps = await env.client.runtime("PodSandboxStatus", { podSandboxId: pod.id, verbose: true });
    expect(ps.status?.state).toBe(0); // SANDBOX_READY
    expect(ps.status?.network?.ip).toMatch(
      new RegExp(`^${env.subnet.split(".").slice(0, 3).join("\\.")}\\.`),
    );
    const id = await env.runContainer(pod, "main", [
      "sh",
      "-c",
      "echo hello; echo oops >&2; exec sleep 1000",
    ]);
    const st = await env.waitState(id, 1); // RUNNING
    expect(st?.imageId).toMatch(/^sha256:/);
    expect(Number(st?.startedAt)).toBeGreaterThan(0);

    const hn = await env.client.runtime("ExecSync", { containerId: id, cmd: ["hostname"], timeout: 10 });
    expect(hn.exitCode).toBe(0);
    expect(
      Buffer.from(hn.stdout ?? [])
        .toString()
        .trim(),
    ).toBe("web");
    const pid1 = await env.client.runtime("ExecSync", {
      containerId: id,
      cmd: ["cat", "/proc/1/cmdline"],
      timeout: 10,
    });
    expect(Buffer.from(pid1.stdout ?? []).toString()).toContain("sleep");
    const fail = await env.client.runtime("ExecSync", {
      containerId: id,
      cmd: ["sh", "-c", "exit 7"],
      timeout: 10,
    });
    expect(fail.exitCode).toBe(7);

    const log = await readFile(join(pod.config.logDirectory as string, "main.log"), "utf8");
    expect(log).toMatch(/^\S+ stdout F hello$/m);
    expect(log).toMatch(/^\S+ stderr F oops$/m);

    const list = await env.client.runtime("ListContainers", { filter: { podSandboxId: pod.id } });
    expect(list.containers?.map((c) => c.id)).toEqual([id]);
    const byLabel = await env.client.runtime("ListContainers", { filter: { labelSelector: { c: "nope" } } });
    expect(byLabel.containers).toHaveLength(0);

    await env.client.runtime("StopContainer", { containerId: id, timeout: 2 });
    const stopped = await env.waitState(id, 2); // EXITED
    expect([137, 143]).toContain(stopped?.exitCode);
    expect(stopped?.reason).toBe("Error");
    // Stopping a stopped container succeeds.
    await env.client.runtime("StopContainer", { containerId: id, timeout: 2 });

    await env.client.runtime("RemoveContainer", { containerId: id });
    await env.client.runtime("RemoveContainer", { containerId: id });
    expect(await codeOf(env.client.runtime("ContainerStatus", { containerId: id }))).toBe(
      grpcStatus.NOT_FOUND,
    );

    await env.client.runtime("StopPodSandbox", { podSandboxId: pod.id });
    const after = await env.client.runtime("PodSandboxStatus", { podSandboxId: pod.id });
    expect(after.status?.state).toBe(1); // NOTREADY
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
    await env.client.runtime("StopPodSandbox", { podSandboxId: pod.id });
    expect((await env.client.runtime("ListPodSandbox", {})).items ?? []).toHaveLength(0);
    expect(await env.mountsLeft()).toEqual([]);
  });

  it("a container that exits on its own is reported exited with its code", async () => {
    const pod = await env.runPod("job");
    const id = await env.runContainer(pod, "once", ["sh", "-c", "exit 3"]);
    const st = await env.waitState(id, 2);
    expect(st?.exitCode).toBe(3);
    expect(st?.reason).toBe("Error");
    expect(Number(st?.finishedAt)).toBeGreaterThanOrEqual(Number(st?.startedAt));
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
  });

  it("a kubelet retry of RunPodSandbox with the same name gets the same sandbox", async () => {
    const a = await env.runPod("retry");
    const { podSandboxId } = await env.client.runtime("RunPodSandbox", { config: env.podConfig("retry") });
    expect(podSandboxId).toBe(a.id);
    await env.client.runtime("RemovePodSandbox", { podSandboxId: a.id });
  });

  it("bad requests answer INVALID_ARGUMENT or NOT_FOUND naming the field, and change nothing", async () => {
    expect(await codeOf(env.client.runtime("RunPodSandbox", {}))).toBe(grpcStatus.INVALID_ARGUMENT);
    const err = await env.client
      .runtime("RunPodSandbox", { config: { metadata: { name: "../etc" } } })
      .catch((e: Error) => e);
    expect((err as Error).message).toContain("config.metadata.name");
    const pod = await env.runPod("bad");
    const badLog = await env.client
      .runtime("CreateContainer", {
        podSandboxId: pod.id,
        config: { metadata: { name: "x" }, image: { image: env.image }, logPath: "../../escape.log" },
      })
      .catch((e: Error) => e);
    expect((badLog as { code?: number }).code).toBe(grpcStatus.INVALID_ARGUMENT);
    expect((badLog as Error).message).toContain("config.log_path");
    expect(
      await codeOf(
        env.client.runtime("CreateContainer", {
          podSandboxId: "0".repeat(64),
          config: { metadata: { name: "x" }, image: { image: env.image } },
        }),
      ),
    ).toBe(grpcStatus.NOT_FOUND);
    expect(await codeOf(env.client.runtime("StartContainer", { containerId: "f".repeat(64) }))).toBe(
      grpcStatus.NOT_FOUND,
    );
    expect(
      (await env.client.runtime("ListContainers", { filter: { podSandboxId: pod.id } })).containers,
    ).toHaveLength(0);
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
  });

  it("kill -9 of berthd keeps containers running; a restart finds them and their exits", async () => {
    const pod = await env.runPod("survivor");
    const long = await env.runContainer(pod, "long", ["sleep", "1000"]);
    const short = await env.runContainer(pod, "short", ["sh", "-c", "sleep 2; exit 5"]);
    await env.waitState(long, 1);
    await env.restart(true);
    expect((await env.client.runtime("ContainerStatus", { containerId: long })).status?.state).toBe(1);
    const s = await env.waitState(short, 2);
    expect(s?.exitCode).toBe(5);
    const ps = await env.client.runtime("PodSandboxStatus", { podSandboxId: pod.id });
    expect(ps.status?.state).toBe(0);
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
    expect(await env.mountsLeft()).toEqual([]);
    expect(spawnSync("pgrep", ["-f", `monitor --id ${long}`]).status).toBe(1);
  });
});
