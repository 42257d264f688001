// A berthd with a test CNI network of its own (unique bridge and subnet) and the busybox image
// pulled, plus the few CRI steps every runtime suite repeats: run a pod, run a container in it,
// wait for a state, exec. Shaped after the CRI validation suite's framework helpers.
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { type Berthd, removeTree, startBerthd } from "./berthd.js";
import { type CriClient, criClient } from "./cri-client.js";
import { ensureBusyboxImage } from "./images.js";
import { mountsUnder } from "./mounts.js";

import { sleep } from "./wait.js";

export { sleep };

/** ContainerState values of the CRI API. */
export const CREATED = 0;
export const RUNNING = 1;
export const EXITED = 2;

export interface Pod {
  id: string;
  config: runtime.v1.IPodSandboxConfig;
}

export interface CriEnv {
  d: Berthd;
  client: CriClient;
  image: string;
  bridge: string;
  /** The pods' subnet, e.g. 10.214.7.0/24. */
  subnet: string;
  podConfig(name: string, extra?: Partial<runtime.v1.IPodSandboxConfig>): runtime.v1.IPodSandboxConfig;
  runPod(name: string, extra?: Partial<runtime.v1.IPodSandboxConfig>): Promise<Pod>;
  createContainer(
    pod: Pod,
    name: string,
    command: string[],
    extra?: Partial<runtime.v1.IContainerConfig>,
  ): Promise<string>;
  /** Create and start. */
  runContainer(
    pod: Pod,
    name: string,
    command: string[],
    extra?: Partial<runtime.v1.IContainerConfig>,
  ): Promise<string>;
  waitState(id: string, state: number, ms?: number): Promise<runtime.v1.IContainerStatus>;
  /** ExecSync; stdout as text, with the exit code. */
  exec(id: string, cmd: string[], timeoutS?: number): Promise<{ code: number; out: string; err: string }>;
  /**
   * Stops berthd (SIGKILL when `kill`) and starts a new one on the same roots, with `extraEnv`
   * (a BERTH_FAILPOINT, say) added to its environment.
   */
  restart(kill?: boolean, extraEnv?: NodeJS.ProcessEnv): Promise<void>;
  /** Mount points under the test's folder (none should be left once pods are removed). */
  mountsLeft(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function criEnv(opts: { repo: string; extraArgs?: string[] }): Promise<CriEnv> {
  const { ref: image } = await ensureBusyboxImage({ repo: opts.repo, tag: "v1" });
  const dir = await mkdtemp(join(tmpdir(), "berthd-cri-"));
  const bridge = `bt${randomInt(1000, 9999)}`;
  const subnet = `10.${randomInt(200, 250)}.${randomInt(1, 250)}.0/24`;
  const cniDir = join(dir, "cni");
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
          hairpinMode: true,
          ipam: { type: "host-local", ranges: [[{ subnet }]], dataDir: join(dir, "ipam") },
        },
        { type: "portmap", capabilities: { portMappings: true } },
      ],
    }),
  );
  const args = ["--set", `cni.confDir=${cniDir}`, ...(opts.extraArgs ?? [])];
  const env: CriEnv = {
    d: await startBerthd({ dir, extraArgs: args }),
    client: undefined as unknown as CriClient,
    image,
    bridge,
    subnet,
    podConfig(name, extra = {}) {
      return {
        metadata: { name, namespace: "default", uid: `uid-${name}`, attempt: 0 },
        hostname: name,
        logDirectory: join(dir, "logs", name),
        labels: { app: name },
        // kubelet's choice for a pod without hostNetwork/hostPID/hostIPC/shareProcessNamespace.
        linux: { securityContext: { namespaceOptions: { network: 0, pid: 1, ipc: 0 } } },
        ...extra,
      };
    },
    async runPod(name, extra = {}) {
      const config = env.podConfig(name, extra);
      const { podSandboxId } = await env.client.runtime("RunPodSandbox", { config });
      return { id: podSandboxId as string, config };
    },
    async createContainer(pod, name, command, extra = {}) {
      const { containerId } = await env.client.runtime("CreateContainer", {
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
      return containerId as string;
    },
    async runContainer(pod, name, command, extra = {}) {
      const id = await env.createContainer(pod, name, command, extra);
      await env.client.runtime("StartContainer", { containerId: id });
      return id;
    },
    async waitState(id, state, ms = 10_000) {
      const until = Date.now() + ms;
      for (;;) {
        const s = await env.client.runtime("ContainerStatus", { containerId: id });
        if (s.status?.state === state) return s.status;
        if (Date.now() > until)
          throw new Error(`container ${id} is in state ${s.status?.state}, not ${state}`);
        await sleep(100);
      }
    },
    async exec(id, cmd, timeoutS = 10) {
      const r = await env.client.runtime("ExecSync", { containerId: id, cmd, timeout: timeoutS });
      return {
        code: r.exitCode ?? 0,
        out: Buffer.from(r.stdout ?? []).toString(),
        err: Buffer.from(r.stderr ?? []).toString(),
      };
    },
    async restart(kill = false, extraEnv) {
      env.client.close();
      await env.d.stop(kill ? "SIGKILL" : "SIGTERM");
      env.d = await startBerthd({ dir, extraArgs: args, ...(extraEnv ? { env: extraEnv } : {}) });
      env.client = criClient(env.d.socket);
    },
    async mountsLeft() {
      return (await mountsUnder(dir)).filter((p) => !p.endsWith("/run/netns"));
    },
    async cleanup() {
      const pods = await env.client.runtime("ListPodSandbox", {}).catch(() => ({ items: [] }));
      for (const p of pods.items ?? [])
        await env.client.runtime("RemovePodSandbox", { podSandboxId: p.id ?? "" }).catch(() => {});
      env.client.close();
      await env.d.cleanup();
      spawnSync("ip", ["link", "del", bridge]);
      await removeTree(dir);
    },
  };
  env.client = criClient(env.d.socket);
  await env.client.image("PullImage", { image: { image } });
  return env;
}
