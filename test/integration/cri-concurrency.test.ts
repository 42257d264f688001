// Calls arrive concurrently, as kubelet sends them: many at once, the same names twice, stop and
// remove of the same objects racing each other. No deadlock, no lost update, no leftover.
import { status as grpcStatus } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "../helpers/cri-client.js";
import { type CriEnv, criEnv, EXITED, RUNNING } from "../helpers/cri-env.js";

describe("CRI under concurrent calls", () => {
  let env: CriEnv;

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/cri-concurrency" });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it("50 concurrent pod+container starts all succeed with distinct ids and addresses", async () => {
    const started = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const pod = await env.runPod(`many-${i}`);
        const c = await env.runContainer(pod, "main", ["sleep", "1000"]);
        return { pod, c };
      }),
    );
    expect(new Set(started.map((s) => s.pod.id)).size).toBe(50);
    expect(new Set(started.map((s) => s.c)).size).toBe(50);
    const statuses = await Promise.all(
      started.map((s) => env.client.runtime("PodSandboxStatus", { podSandboxId: s.pod.id })),
    );
    const ips = statuses.map((s) => s.status?.network?.ip);
    expect(new Set(ips).size).toBe(50);
    const list = await env.client.runtime("ListContainers", { filter: { state: { state: RUNNING } } });
    expect(list.containers?.length).toBe(50);
    // Stop and remove race each other for every pod; all answer OK and everything is gone.
    const results = await Promise.allSettled(
      started.flatMap((s) => [
        env.client.runtime("StopPodSandbox", { podSandboxId: s.pod.id }),
        env.client.runtime("RemovePodSandbox", { podSandboxId: s.pod.id }),
        env.client.runtime("StopContainer", { containerId: s.c, timeout: 0 }),
      ]),
    );
    const failed = results.filter((r) => r.status === "rejected");
    // A StopContainer that arrives after its pod was removed is NOT_FOUND; nothing else may fail.
    for (const f of failed) expect(await codeOf(Promise.reject(f.reason))).toBe(grpcStatus.NOT_FOUND);
    expect((await env.client.runtime("ListPodSandbox", {})).items ?? []).toHaveLength(0);
    expect((await env.client.runtime("ListContainers", {})).containers ?? []).toHaveLength(0);
    expect(await env.mountsLeft()).toEqual([]);
  }, 180_000);

  it("a second create with the same name while the first is in flight names the holder; a retry afterwards gets the first", async () => {
    const pod = await env.runPod("names");
    const first = env.createContainer(pod, "dup", ["sleep", "1000"]);
    const second = env.createContainer(pod, "dup", ["sleep", "1000"]).catch((e: Error) => e);
    const [a, b] = await Promise.all([first, second]);
    if (b instanceof Error) {
      expect((b as { code?: number }).code).toBe(grpcStatus.ALREADY_EXISTS);
      expect(b.message).toMatch(/reserved by container "[0-9a-f]{64}"/);
      expect(b.message).toContain(a);
    } else {
      // The first had finished already: the retry is handed the same container.
      expect(b).toBe(a);
    }
    expect(await env.createContainer(pod, "dup", ["sleep", "1000"])).toBe(a);
    const list = await env.client.runtime("ListContainers", { filter: { podSandboxId: pod.id } });
    expect(list.containers?.map((c) => c.id)).toEqual([a]);
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
  });

  it("concurrent Start, Stop and Status on one container leave it in one consistent state", async () => {
    const pod = await env.runPod("race");
    const id = await env.createContainer(pod, "c", ["sleep", "1000"]);
    await env.client.runtime("StartContainer", { containerId: id });
    const calls = await Promise.allSettled([
      ...Array.from({ length: 10 }, () => env.client.runtime("ContainerStatus", { containerId: id })),
      env.client.runtime("StopContainer", { containerId: id, timeout: 1 }),
      env.client.runtime("StopContainer", { containerId: id, timeout: 0 }),
      env.client.runtime("UpdateContainerResources", {
        containerId: id,
        linux: { cpuShares: 512 },
      }),
    ]);
    // Status and Stop always succeed; an update racing a stop may find the container exited.
    for (const [i, r] of calls.entries()) {
      if (i < 12) expect(r.status).toBe("fulfilled");
      else if (r.status === "rejected")
        expect(await codeOf(Promise.reject(r.reason))).toBe(grpcStatus.FAILED_PRECONDITION);
    }
    const st = await env.waitState(id, EXITED);
    expect(st.exitCode).toBe(137);
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
  });
});
