// CRI conformance, pod level: namespace modes (shared PID namespace, TARGET), the pod's shared
// /dev/shm, pod-to-pod networking and hostPort from the host, over berthd's real socket.
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { readdir, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { status as grpcStatus } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runtime } from "../../cri-api/runtime/v1/api.js";
import { codeOf } from "../helpers/cri-client.js";
import { type CriEnv, criEnv, EXITED, RUNNING } from "../helpers/cri-env.js";
import { eventually } from "../helpers/wait.js";

const { POD, CONTAINER, TARGET } = runtime.v1.NamespaceMode;

const withPid = (pid: runtime.v1.NamespaceMode) => ({
  linux: { securityContext: { namespaceOptions: { network: POD, pid, ipc: POD } } },
});

function httpGet(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: "/index.html", timeout: 5000 }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => {
        body += d.toString();
      });
      res.on("end", () => resolve(body));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

describe("CRI pods: namespaces, shared /dev/shm, networking", () => {
  let env: CriEnv;

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/cri-pod" });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it("containers of a pod that shares its PID namespace see each other; the pod's init is PID 1 and stopping the pod ends every process", async () => {
    const pod = await env.runPod("shared-pid", withPid(POD));
    const a = await env.runContainer(pod, "a", ["sleep", "1001"], withPid(POD));
    const b = await env.runContainer(pod, "b", ["sleep", "1002"], withPid(POD));
    await env.waitState(b, RUNNING);
    const ps = await env.exec(b, ["ps", "-o", "pid,args"]);
    expect(ps.out).toContain("sleep 1001");
    expect(ps.out).toContain("sleep 1002");
    expect((await env.exec(a, ["cat", "/proc/1/cmdline"])).out).toContain("init");
    // A process a container leaves behind in the pod's namespace is reaped by nobody but the pod.
    await env.exec(a, ["sh", "-c", "sleep 1003 >/dev/null 2>&1 &"]);
    expect(spawnSync("pgrep", ["-f", "sleep 1003"]).status).toBe(0);
    // The pod's init, like the monitors, outlives a berthd killed with -9.
    await env.restart(true);
    expect((await env.exec(b, ["ps", "-o", "pid,args"])).out).toContain("sleep 1001");

    await env.client.runtime("StopPodSandbox", { podSandboxId: pod.id });
    expect((await env.client.runtime("ContainerStatus", { containerId: a })).status?.state).toBe(EXITED);
    for (const pattern of ["sleep 100[123]", `init --detach ${env.d.dir}`]) {
      await eventually(
        async () => (spawnSync("pgrep", ["-f", pattern]).status === 1 ? true : undefined),
        10_000,
        `${pattern} to end`,
      );
    }
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
    expect(await env.mountsLeft()).toEqual([]);
  });

  it("in a shared PID namespace, a container's other processes end with its main process", async () => {
    const pod = await env.runPod("shared-exit", withPid(POD));
    const keep = await env.runContainer(pod, "keep", ["sleep", "1006"], withPid(POD));
    const id = await env.runContainer(
      pod,
      "parent",
      ["sh", "-c", "trap 'exit 0' TERM; sleep 3601 & wait"],
      withPid(POD),
    );
    await env.waitState(id, RUNNING);
    await eventually(
      async () => (spawnSync("pgrep", ["-f", "sleep 3601"]).status === 0 ? true : undefined),
      10_000,
      "the child",
    );
    await env.client.runtime("StopContainer", { containerId: id, timeout: 10 });
    expect((await env.client.runtime("ContainerStatus", { containerId: id })).status?.exitCode).toBe(0);
    // Killed through the container's cgroup as its main process exited, not left to the pod's init.
    expect(spawnSync("pgrep", ["-f", "sleep 3601"]).status).toBe(1);
    // The other container of the pod is untouched.
    expect((await env.client.runtime("ContainerStatus", { containerId: keep })).status?.state).toBe(RUNNING);
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
  });

  it("a RunPodSandbox whose CNI ADD fails undoes every step: no pod, mount, init or namespace left", async () => {
    const before = (await readdir("/run/netns").catch(() => [])).length;
    // Picked first (sorted by name): bridge and host-local do their part, then a plugin is missing.
    const broken = join(env.d.dir, "cni", "00-broken.conflist");
    await writeFile(
      broken,
      JSON.stringify({
        cniVersion: "1.0.0",
        name: "broken",
        plugins: [
          {
            type: "bridge",
            bridge: env.bridge,
            ipam: { type: "host-local", ranges: [[{ subnet: env.subnet }]] },
          },
          { type: "berth-no-such-plugin" },
        ],
      }),
    );
    try {
      const err = await env.runPod("cni-fails", withPid(POD)).catch((e: Error) => e);
      expect((err as Error).message).toContain("berth-no-such-plugin");
    } finally {
      await rm(broken, { force: true });
    }
    expect((await env.client.runtime("ListPodSandbox", {})).items ?? []).toHaveLength(0);
    expect(await env.mountsLeft()).toEqual([]);
    expect(spawnSync("pgrep", ["-f", `init --detach ${env.d.dir}`]).status).toBe(1);
    expect((await readdir("/run/netns").catch(() => [])).length).toBe(before);
    // The name is free again, and a bad host_ip is refused before anything is made.
    const ok = await env.runPod("cni-fails");
    await env.client.runtime("RemovePodSandbox", { podSandboxId: ok.id });
    const badIp = env.runPod("bad-ip", {
      portMappings: [
        { protocol: runtime.v1.Protocol.TCP, containerPort: 80, hostPort: 30999, hostIp: "999.1.1.1" },
      ],
    });
    expect(await codeOf(badIp)).toBe(grpcStatus.INVALID_ARGUMENT);
    const userns = env.runPod("userns", {
      linux: {
        securityContext: {
          namespaceOptions: { network: POD, pid: CONTAINER, ipc: POD, usernsOptions: { mode: POD } },
        },
      },
    });
    // A pod user namespace without the maps kubelet always sends.
    expect(await codeOf(userns)).toBe(grpcStatus.INVALID_ARGUMENT);
    expect((await env.client.runtime("ListPodSandbox", {})).items ?? []).toHaveLength(0);
  });

  it("a container with its own PID namespace is PID 1; TARGET joins another container's", async () => {
    const pod = await env.runPod("target-pid", withPid(CONTAINER));
    const a = await env.runContainer(pod, "a", ["sleep", "1004"], withPid(CONTAINER));
    await env.waitState(a, RUNNING);
    expect((await env.exec(a, ["cat", "/proc/1/cmdline"])).out).toContain("sleep");
    const debug = {
      linux: {
        securityContext: { namespaceOptions: { network: POD, pid: TARGET, ipc: POD, targetId: a } },
      },
    };
    const b = await env.runContainer(pod, "debug", ["sleep", "1005"], debug);
    await env.waitState(b, RUNNING);
    const ps = await env.exec(b, ["ps", "-o", "pid,args"]);
    expect(ps.out).toMatch(/^\s*1 sleep 1004$/m);
    expect(ps.out).toContain("sleep 1005");

    const unknown = {
      linux: {
        securityContext: {
          namespaceOptions: { network: POD, pid: TARGET, ipc: POD, targetId: "0".repeat(64) },
        },
      },
    };
    expect(await codeOf(env.createContainer(pod, "lost", ["true"], unknown))).toBe(grpcStatus.NOT_FOUND);
    // A container asking for the pod's PID namespace in a pod that has none is refused, and nothing is left.
    const err = await env.createContainer(pod, "wrong", ["true"], withPid(POD)).catch((e: Error) => e);
    expect((err as { code?: number }).code).toBe(grpcStatus.INVALID_ARGUMENT);
    expect((err as Error).message).toContain("namespace_options.pid");
    const list = await env.client.runtime("ListContainers", { filter: { podSandboxId: pod.id } });
    expect(list.containers?.map((c) => c.id).sort()).toEqual([a, b].sort());
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
  });

  it("the containers of a pod share one /dev/shm that other pods do not see", async () => {
    const pod = await env.runPod("shm");
    const a = await env.runContainer(pod, "a", ["sleep", "1000"]);
    const b = await env.runContainer(pod, "b", ["sleep", "1000"]);
    const other = await env.runPod("shm-other");
    const c = await env.runContainer(other, "c", ["sleep", "1000"]);
    await env.waitState(c, RUNNING);
    expect((await env.exec(a, ["sh", "-c", "echo shared > /dev/shm/note"])).code).toBe(0);
    expect((await env.exec(b, ["cat", "/dev/shm/note"])).out).toBe("shared\n");
    expect((await env.exec(c, ["cat", "/dev/shm/note"])).code).not.toBe(0);
    const df = await env.exec(b, ["sh", "-c", "grep ' /dev/shm ' /proc/mounts"]);
    expect(df.out).toMatch(/tmpfs .*nosuid,nodev,noexec/);
    for (const p of [pod, other]) await env.client.runtime("RemovePodSandbox", { podSandboxId: p.id });
    expect(await env.mountsLeft()).toEqual([]);
  });

  it("pods reach each other by IP, and the host reaches a pod through its hostPort", async () => {
    const hostPort = randomInt(30000, 40000);
    const server = await env.runPod("server", {
      portMappings: [{ protocol: runtime.v1.Protocol.TCP, containerPort: 8080, hostPort }],
    });
    const web = await env.runContainer(server, "httpd", [
      "sh",
      "-c",
      "mkdir -p /www && echo hello-from-pod > /www/index.html && exec httpd -f -p 8080 -h /www",
    ]);
    await env.waitState(web, RUNNING);
    const ip = (await env.client.runtime("PodSandboxStatus", { podSandboxId: server.id })).status?.network
      ?.ip as string;
    const client = await env.runPod("client");
    const curl = await env.runContainer(client, "curl", ["sleep", "1000"]);
    await env.waitState(curl, RUNNING);
    const fetched = await eventually(
      async () => {
        const r = await env.exec(curl, ["wget", "-qO-", `http://${ip}:8080/index.html`]);
        return r.code === 0 ? r.out : undefined;
      },
      10_000,
      "the pod's web server from the other pod",
    );
    expect(fetched).toBe("hello-from-pod\n");
    const viaHostPort = await eventually(
      () => httpGet("127.0.0.1", hostPort).catch(() => undefined),
      10_000,
      "the hostPort",
    );
    expect(viaHostPort).toBe("hello-from-pod\n");

    await env.client.runtime("StopPodSandbox", { podSandboxId: server.id });
    // The port mapping went with the pod's network.
    await expect(httpGet("127.0.0.1", hostPort)).rejects.toThrow();
    for (const p of [server, client]) await env.client.runtime("RemovePodSandbox", { podSandboxId: p.id });
  });
});
