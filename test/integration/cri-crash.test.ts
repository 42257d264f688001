// Crash injection: berthd SIGKILLs itself (BERTH_FAILPOINT) at each step of RunPodSandbox,
// CreateContainer, StartContainer, StopContainer, RemoveContainer, StopPodSandbox and
// RemovePodSandbox; the next berthd must list
// nothing twice, keep every object a client was told about, and leave no mount, cgroup, runtime
// directory or monitor that no listed object owns.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAILPOINTS } from "../../src/failpoint.js";
import { CREATED, type CriEnv, criEnv, EXITED, type Pod, RUNNING, sleep } from "../helpers/cri-env.js";

/** Container ids with a cgroup under the pod's own cgroup, in any hierarchy. */
function containerCgroups(podId: string): Set<string> {
  const root = "/sys/fs/cgroup";
  const out = new Set<string>();
  for (const h of ["", ...readdirSync(root)]) {
    const dir = join(root, h, "berth", podId);
    if (existsSync(dir))
      for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) out.add(e.name);
  }
  return out;
}

/** The pods host-local IPAM holds addresses for (files named by address, holding the owner's id). */
function ipOwners(dir: string): string[] {
  const ipam = join(dir, "ipam");
  if (!existsSync(ipam)) return [];
  const out: string[] = [];
  for (const net of readdirSync(ipam)) {
    for (const f of readdirSync(join(ipam, net))) {
      if (!/^[0-9a-f.:]+$/.test(f)) continue;
      out.push(readFileSync(join(ipam, net, f), "utf8").split(/\s/)[0] ?? "");
    }
  }
  return out;
}

/** Container directories of the runtime. */
function runtimeDirs(root: string): string[] {
  const dir = join(root, "rt", "c");
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Container ids of running monitors under this berthd's runtime root. */
function monitors(root: string): Set<string> {
  const out = new Set<string>();
  for (const pid of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    const bundle = argv[argv.indexOf("--bundle") + 1] ?? "";
    const id = argv[argv.indexOf("--id") + 1];
    if (argv.includes("monitor") && id && bundle.startsWith(`${root}/`)) out.add(id);
  }
  return out;
}

describe("kill -9 of berthd at each step of a call", () => {
  let env: CriEnv;
  let n = 0;

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/cri-crash" });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  /** Runs `call` under a berthd armed with `fp`, expects it to die, and restarts a clean one. */
  async function crashAt(fp: string, call: () => Promise<unknown>): Promise<void> {
    await env.restart(false, { BERTH_FAILPOINT: fp });
    const died = new Promise((r) => env.d.proc.once("exit", r));
    await expect(call()).rejects.toThrow();
    await died;
    expect(env.d.proc.signalCode).toBe("SIGKILL");
    await env.restart();
  }

  /** Nothing listed twice; told-about objects present in their state; no leftover of anything else. */
  async function checkConsistent(pod: Pod, told: Map<string, number>): Promise<Set<string>> {
    const pods = (await env.client.runtime("ListPodSandbox", {})).items ?? [];
    const podIds = pods.map((p) => p.id as string);
    expect(new Set(podIds).size).toBe(podIds.length);
    expect(podIds).toContain(pod.id);
    // Network namespaces and addresses belong to listed pods only.
    const netnsDir = join(env.d.state, "netns");
    const netns = existsSync(netnsDir) ? readdirSync(netnsDir) : [];
    expect(netns.filter((p) => !podIds.includes(p))).toEqual([]);
    expect(ipOwners(env.d.dir).filter((p) => !podIds.includes(p))).toEqual([]);
    const containers = (await env.client.runtime("ListContainers", {})).containers ?? [];
    const ids = containers.map((c) => c.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    const names = containers
      .filter((c) => c.podSandboxId === pod.id)
      .map((c) => `${c.metadata?.name}/${c.metadata?.attempt}`);
    expect(new Set(names).size).toBe(names.length);
    for (const [id, state] of told) {
      expect(containers.find((c) => c.id === id)?.state, `container ${id}`).toBe(state);
    }
    const listed = new Set(ids);
    expect(runtimeDirs(env.d.root).filter((d) => !listed.has(d))).toEqual([]);
    const mounts = (await env.mountsLeft()).filter((m) => m.includes("/rt/c/"));
    expect(mounts.filter((m) => !listed.has(m.split("/rt/c/")[1]?.split("/")[0] ?? ""))).toEqual([]);
    expect([...containerCgroups(pod.id)].filter((c) => !listed.has(c))).toEqual([]);
    expect([...monitors(env.d.root)].filter((c) => !listed.has(c))).toEqual([]);
    return listed;
  }

  /** The pod goes, and with it everything it had. */
  async function removeAll(pod: Pod): Promise<void> {
    await env.client.runtime("RemovePodSandbox", { podSandboxId: pod.id });
    expect(runtimeDirs(env.d.root)).toEqual([]);
    expect((await env.mountsLeft()).filter((m) => m.includes("/rt/c/"))).toEqual([]);
    expect(containerCgroups(pod.id).size).toBe(0);
    expect(monitors(env.d.root).size).toBe(0);
    expect(ipOwners(env.d.dir)).not.toContain(pod.id);
  }

  for (const fp of FAILPOINTS.createContainer) {
    it(`CreateContainer killed at ${fp}`, async () => {
      const pod = await env.runPod(`crash-${++n}`);
      const keep = await env.runContainer(pod, "keep", ["sleep", "1000"]);
      await env.waitState(keep, RUNNING);
      await crashAt(fp, () => env.createContainer(pod, "victim", ["sleep", "1000"]));
      await checkConsistent(pod, new Map([[keep, RUNNING]]));
      // A retry (kubelet's) gets a working container: the one made, or a new one.
      const again = await env.runContainer(pod, "victim", ["sleep", "1000"]);
      await env.waitState(again, RUNNING);
      await removeAll(pod);
    });
  }

  for (const fp of FAILPOINTS.runPodSandbox) {
    it(`RunPodSandbox killed at ${fp}`, async () => {
      const pod = await env.runPod(`crash-${++n}`);
      const name = `crash-${++n}`;
      await crashAt(fp, () => env.runPod(name));
      await checkConsistent(pod, new Map());
      const again = await env.runPod(name);
      const c = await env.runContainer(again, "c", ["sleep", "1000"]);
      await env.waitState(c, RUNNING);
      await removeAll(again);
      await removeAll(pod);
    });
  }

  for (const fp of FAILPOINTS.startContainer) {
    it(`StartContainer killed at ${fp}`, async () => {
      const pod = await env.runPod(`crash-${++n}`);
      const id = await env.createContainer(pod, "c", ["sleep", "1000"]);
      await crashAt(fp, () => env.client.runtime("StartContainer", { containerId: id }));
      const listed = await checkConsistent(pod, new Map());
      expect(listed.has(id)).toBe(true);
      const st = await env.client.runtime("ContainerStatus", { containerId: id });
      expect([CREATED, RUNNING]).toContain(st.status?.state);
      if (st.status?.state === CREATED) await env.client.runtime("StartContainer", { containerId: id });
      await env.waitState(id, RUNNING);
      await removeAll(pod);
    });
  }

  for (const fp of FAILPOINTS.stopContainer) {
    it(`StopContainer killed at ${fp}`, async () => {
      const pod = await env.runPod(`crash-${++n}`);
      const id = await env.runContainer(pod, "c", ["sleep", "1000"]);
      await env.waitState(id, RUNNING);
      await crashAt(fp, () => env.client.runtime("StopContainer", { containerId: id, timeout: 2 }));
      // The interrupted stop is finished by the next berthd.
      await checkConsistent(pod, new Map());
      await env.waitState(id, EXITED, 5_000);
      await removeAll(pod);
    });
  }

  /** Nothing of a removed pod is left: cgroups, namespace, address, folders. */
  function podGone(podId: string): void {
    expect(containerCgroups(podId).size).toBe(0);
    expect(existsSync(join(env.d.state, "netns", podId))).toBe(false);
    expect(existsSync(join(env.d.state, "podns", podId))).toBe(false);
    expect(existsSync(join(env.d.root, "pod-data", podId))).toBe(false);
    expect(ipOwners(env.d.dir)).not.toContain(podId);
  }

  for (const fp of FAILPOINTS.stopPodSandbox) {
    it(`StopPodSandbox killed at ${fp}`, async () => {
      const pod = await env.runPod(`crash-${++n}`);
      const id = await env.runContainer(pod, "c", ["sleep", "1000"]);
      await env.waitState(id, RUNNING);
      await crashAt(fp, () => env.client.runtime("StopPodSandbox", { podSandboxId: pod.id }));
      const listed = await checkConsistent(pod, new Map());
      expect(listed.has(id)).toBe(true);
      // kubelet retries the stop: it succeeds, the pod is NOTREADY and its container has exited.
      await env.client.runtime("StopPodSandbox", { podSandboxId: pod.id });
      const st = await env.client.runtime("PodSandboxStatus", { podSandboxId: pod.id });
      expect(st.status?.state).toBe(1);
      await env.waitState(id, EXITED, 5_000);
      expect(ipOwners(env.d.dir)).not.toContain(pod.id);
      await removeAll(pod);
      podGone(pod.id);
    });
  }

  for (const fp of FAILPOINTS.removePodSandbox) {
    it(`RemovePodSandbox killed at ${fp}`, async () => {
      const keep = await env.runPod(`crash-${++n}`);
      const kept = await env.runContainer(keep, "keep", ["sleep", "1000"]);
      const victim = await env.runPod(`crash-${++n}`);
      const c = await env.runContainer(victim, "c", ["sleep", "1000"]);
      await env.waitState(c, RUNNING);
      await env.waitState(kept, RUNNING);
      await crashAt(fp, () => env.client.runtime("RemovePodSandbox", { podSandboxId: victim.id }));
      await checkConsistent(keep, new Map([[kept, RUNNING]]));
      // Either still listed and removable by kubelet's retry, or gone; then nothing of it is left.
      await env.client.runtime("RemovePodSandbox", { podSandboxId: victim.id });
      const pods = (await env.client.runtime("ListPodSandbox", {})).items ?? [];
      expect(pods.map((p) => p.id)).not.toContain(victim.id);
      podGone(victim.id);
      expect(monitors(env.d.root).has(c)).toBe(false);
      await removeAll(keep);
    });
  }

  for (const fp of FAILPOINTS.removeContainer) {
    it(`RemoveContainer killed at ${fp}`, async () => {
      const pod = await env.runPod(`crash-${++n}`);
      const id = await env.runContainer(pod, "c", ["sleep", "1000"]);
      await env.waitState(id, RUNNING);
      await crashAt(fp, () => env.client.runtime("RemoveContainer", { containerId: id }));
      const listed = await checkConsistent(pod, new Map());
      // Either gone, or still listed and removable.
      if (listed.has(id)) await env.client.runtime("RemoveContainer", { containerId: id });
      await sleep(10);
      await removeAll(pod);
    });
  }
});
