// Pods with their own user namespace (kubelet's hostUsers: false, userns_options mode POD) over
// berthd's real socket: the mapped root inside, id-mapped image layers and pod files, plain binds
// that keep the node's ownership, a berthd killed with -9 in the middle, and the refusals critest
// checks.
import { chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { status as grpcStatus } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runtime } from "../../cri-api/runtime/v1/api.js";
import { codeOf } from "../helpers/cri-client.js";
import { type CriEnv, criEnv, EXITED, RUNNING } from "../helpers/cri-env.js";

const { POD, CONTAINER, NODE, TARGET } = runtime.v1.NamespaceMode;
// A range of host ids no other test hands out.
const HOST = 2_000_000 + Math.floor(Math.random() * 500) * 65536;
const MAP = [{ containerId: 0, hostId: HOST, length: 65536 }];

const usernsPod = (uids: runtime.v1.IIDMapping[] = MAP, gids: runtime.v1.IIDMapping[] = MAP, extra = {}) => ({
  linux: {
    securityContext: {
      namespaceOptions: {
        network: POD,
        pid: CONTAINER,
        ipc: POD,
        usernsOptions: { mode: POD, uids, gids },
        ...extra,
      },
    },
  },
});

describe("CRI pods with their own user namespace", () => {
  let env: CriEnv;
  let host: string;

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/cri-userns" });
    // mkdtemp's 0700 would keep the pod's root from the roots below it (berthd makes its own 0711).
    await chmod(env.d.dir, 0o711);
    host = join(env.d.dir, "host-files");
    await mkdir(join(host, "out"), { recursive: true });
    await mkdir(join(host, "idm"), { recursive: true });
    await chmod(join(host, "out"), 0o777);
    await writeFile(join(host, "secret"), "node only\n", { mode: 0o600 });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it("Status offers user namespaces: the node's probe passes here", async () => {
    const s = await env.client.runtime("Status", {});
    expect(s.runtimeHandlers?.[0]?.features?.userNamespaces).toBe(true);
    expect(s.features?.userNamespacesHostNetwork ?? false).toBe(false);
  });

  it("root inside is the mapped id: layers and pod files are its own, node files behind a plain bind are not, its writes land with the mapped id; all of it survives kill -9 of berthd", async () => {
    const pod = await env.runPod("userns", usernsPod());
    const mounts = [
      { containerPath: "/secret", hostPath: join(host, "secret"), readonly: true },
      { containerPath: "/out", hostPath: join(host, "out") },
      // CRI's id-mapped mount: the node's root-owned folder is the pod root's.
      { containerPath: "/idm", hostPath: join(host, "idm"), uidMappings: MAP, gidMappings: MAP },
    ];
    const probe =
      "cat /proc/self/uid_map /proc/self/gid_map; id -u; id -g; cat /secret 2>&1 | sed 's/.*: //'; " +
      "stat -c '%u:%g' /bin/busybox /etc/hosts /etc/resolv.conf /dev/shm / /idm; touch /out/w /rootfs-w /dev/shm/w /etc/hosts /idm/w && echo wrote; cat /proc/self/oom_score_adj";
    const c = await env.runContainer(pod, "probe", ["sh", "-c", `${probe}; sleep 1000`], {
      mounts,
      // kubelet sets one on every container (1000 for BestEffort): the node's root writes it.
      linux: { resources: { oomScoreAdj: 700 } },
    });
    await env.waitState(c, RUNNING);
    const logs = async () => readFile(join(env.d.dir, "logs", "userns", "probe.log"), "utf8");
    let text = "";
    for (let i = 0; i < 100 && !text.includes("wrote\n7"); i++) {
      text = (await logs().catch(() => ""))
        .split("\n")
        .map((l) => l.replace(/^\S+ std\w+ [FP] /, ""))
        .join("\n");
      if (!text.includes("wrote\n7")) await new Promise((r) => setTimeout(r, 100));
    }
    const want = new RegExp(
      `^\\s+0\\s+${HOST}\\s+65536\\n\\s+0\\s+${HOST}\\s+65536\\n0\\n0\\nPermission denied\\n`,
    );
    expect(text).toMatch(want);
    // Id-mapped: the image's and the pod's root-owned files are the pod's root's.
    expect(text).toContain("\n0:0\n0:0\n0:0\n0:0\n0:0\n0:0\nwrote\n700\n");
    // Through the id-mapped mount the pod's root writes as the node's root sees it: 0.
    expect((await stat(join(host, "idm", "w"))).uid).toBe(0);
    // The node's files through the plain bind: the write has the mapped host id.
    expect((await stat(join(host, "out", "w"))).uid).toBe(HOST);
    expect(await readFile(join(host, "secret"), "utf8")).toBe("node only\n");
    // The write to the root went to the container's upper directory with the host id; the layers
    // (shared, never chowned) keep 0.
    const upper = await stat(join(env.d.root, "rt", "c", c, "upper", "rootfs-w"));
    expect(upper.uid).toBe(HOST);

    await env.restart(true);
    expect((await env.exec(c, ["cat", "/proc/self/uid_map"])).out).toMatch(
      new RegExp(`^\\s+0\\s+${HOST}\\s+65536`),
    );
    const ps = await env.client.runtime("PodSandboxStatus", { podSandboxId: pod.id });
    expect(ps.status?.state).toBe(runtime.v1.PodSandboxState.SANDBOX_READY);
    // A new container after the restart joins the same user namespace.
    const d = await env.runContainer(pod, "after", [
      "sh",
      "-c",
      "cat /proc/self/uid_map; readlink /proc/self/ns/user",
    ]);
    await env.waitState(d, EXITED);
    const userNs = (await env.exec(c, ["readlink", "/proc/self/ns/user"])).out.trim();
    const after = await readFile(join(env.d.dir, "logs", "userns", "after.log"), "utf8");
    expect(after).toContain(userNs);
    expect(after).toMatch(new RegExp(`\\s+0\\s+${HOST}\\s+65536`));

    await env.client.runtime("StopPodSandbox", { podSandboxId: pod.id });
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
    expect(await env.mountsLeft()).toEqual([]);
    await rm(join(host, "out", "w"), { force: true });
  });

  it("kill -9 of berthd at each step of RunPodSandbox of a user namespace pod leaves nothing once the pods it lists are removed", async () => {
    for (const fp of ["pod-run:record", "pod-run:namespaces", "pod-run:network", "pod-run:ready"]) {
      await env.restart(false, { BERTH_FAILPOINT: fp });
      const died = new Promise((r) => env.d.proc.once("exit", r));
      await expect(env.runPod(`crash-${fp.replace(":", "-")}`, usernsPod())).rejects.toThrow();
      await died;
      expect(env.d.proc.signalCode, fp).toBe("SIGKILL");
      await env.restart();
      const pods = (await env.client.runtime("ListPodSandbox", {})).items ?? [];
      // Only a pod persisted ready survives, and it is whole: a container runs in its namespace.
      expect(pods.length, fp).toBe(fp === "pod-run:ready" ? 1 : 0);
      for (const p of pods) {
        const pod = { id: p.id ?? "", config: env.podConfig(p.metadata?.name ?? "", usernsPod()) };
        const c = await env.runContainer(pod, "c", ["cat", "/proc/self/uid_map"]);
        await env.waitState(c, EXITED);
        const log = await readFile(join(env.d.dir, "logs", p.metadata?.name ?? "", "c.log"), "utf8");
        expect(log).toMatch(new RegExp(`\\s+0\\s+${HOST}\\s+65536`));
        await env.client.runtime("StopPodSandbox", { podSandboxId: p.id });
        await env.client.runtime("RemovePodSandbox", { podSandboxId: p.id });
      }
      expect(await env.mountsLeft(), fp).toEqual([]);
    }
  });

  it("refuses what critest checks as INVALID_ARGUMENT naming the field, and makes nothing", async () => {
    const two = [...MAP, { containerId: 0, hostId: HOST + 70000, length: 65536 }];
    const cases: [string, Partial<runtime.v1.IPodSandboxConfig>][] = [
      ["two mappings", usernsPod(two, two)],
      ["root not mapped", usernsPod([{ containerId: 1, hostId: HOST, length: 65536 }])],
      ["zero length", usernsPod([{ containerId: 0, hostId: HOST, length: 0 }])],
      ["overflow", usernsPod([{ containerId: 0, hostId: 4294967000, length: 65536 }])],
      ["no mapping", usernsPod([], [])],
      ["host network", usernsPod(MAP, MAP, { network: NODE })],
    ];
    for (const mode of [CONTAINER, TARGET])
      cases.push([
        `mode ${mode}`,
        { linux: { securityContext: { namespaceOptions: { usernsOptions: { mode } } } } },
      ]);
    for (const [what, extra] of cases) {
      const err = await env.runPod(`bad-${what.replace(/ /g, "-")}`, extra).catch((e: Error) => e);
      expect(await codeOf(Promise.reject(err)), what).toBe(grpcStatus.INVALID_ARGUMENT);
      expect((err as Error).message, what).toContain("userns_options");
    }
    // NODE is the node's user namespace: an ordinary pod.
    const node = await env.runPod("node-userns", {
      linux: { securityContext: { namespaceOptions: { usernsOptions: { mode: NODE } } } },
    });
    const idmapped = env.createContainer(node, "idm", ["true"], {
      mounts: [{ containerPath: "/idm", hostPath: join(host, "idm"), uidMappings: MAP, gidMappings: MAP }],
    });
    expect(await codeOf(idmapped)).toBe(grpcStatus.INVALID_ARGUMENT);
    const c = await env.runContainer(node, "c", ["cat", "/proc/self/uid_map"]);
    await env.waitState(c, EXITED);
    expect(await readFile(join(env.d.dir, "logs", "node-userns", "c.log"), "utf8")).toMatch(
      /\s+0\s+0\s+4294967295/,
    );
    await env.client.runtime("RemovePodSandbox", { podSandboxId: node.id });
    expect((await env.client.runtime("ListPodSandbox", {})).items ?? []).toHaveLength(0);
  });
});
