import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import type { CgroupStats } from "../runtime/cgroups.js";
import { rootfsLayout } from "../runtime/rootfs.js";
import { nowNs } from "./convert.js";
import type { ContainerRecord } from "./model.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { matchesLabels } from "./sandbox-list.js";
import { checkFilter, requireId } from "./validate.js";

/** Previous CPU samples, for usage_nano_cores over the interval between two stats calls. */
const cpuSamples = new Map<string, { at: bigint; usage: number }>();

export function nanoCores(key: string, at: bigint, usageNs: number): number {
  const prev = cpuSamples.get(key);
  cpuSamples.set(key, { at, usage: usageNs });
  if (!prev || at <= prev.at || usageNs < prev.usage) return 0;
  return Math.round(((usageNs - prev.usage) * 1e9) / Number(at - prev.at));
}

/** Bytes and inodes of a writable layer (a walk; layers are small in the common case). */
export async function dirUsage(dir: string): Promise<{ bytes: number; inodes: number }> {
  let bytes = 0;
  let inodes = 0;
  const walk = async (d: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      const st = await lstat(p).catch(() => undefined);
      if (!st) continue;
      inodes++;
      bytes += st.isFile() ? st.size : 0;
      if (st.isDirectory()) await walk(p);
    }
  };
  await walk(dir);
  return { bytes, inodes };
}

export function cpuMemory(key: string, s: CgroupStats | undefined, at: bigint) {
  return {
    cpu: {
      timestamp: at,
      usageCoreNanoSeconds: { value: s?.cpuUsageNs ?? 0 },
      usageNanoCores: { value: s ? nanoCores(key, at, s.cpuUsageNs) : 0 },
    },
    memory: {
      timestamp: at,
      workingSetBytes: { value: s?.workingSetBytes ?? 0 },
      usageBytes: { value: s?.memoryUsageBytes ?? 0 },
      rssBytes: { value: s?.rssBytes ?? 0 },
      availableBytes: { value: 0 },
      pageFaults: { value: 0 },
      majorPageFaults: { value: 0 },
    },
  };
}

export async function statsOf(deps: RuntimeDeps, c: ContainerRecord): Promise<runtime.v1.IContainerStats> {
  const at = nowNs();
  const s =
    c.phase === "running" || c.phase === "created"
      ? await deps.driver.stats(c.id).catch(() => undefined)
      : undefined;
  const { upper } = rootfsLayout(deps.driver.paths(c.id).dir);
  const layer = await dirUsage(upper);
  const { cpu, memory } = cpuMemory(c.id, s, at);
  return {
    attributes: {
      id: c.id,
      metadata: { name: c.name, attempt: c.attempt },
      labels: c.labels,
      annotations: c.annotations,
    },
    cpu: { ...cpu, timestamp: Number(at) },
    memory: { ...memory, timestamp: Number(at) },
    writableLayer: {
      timestamp: Number(at),
      fsId: { mountpoint: upper },
      usedBytes: { value: layer.bytes },
      inodesUsed: { value: layer.inodes },
    },
  };
}

export function containerStats(deps: RuntimeDeps) {
  return async (req: runtime.v1.IContainerStatsRequest): Promise<runtime.v1.IContainerStatsResponse> => {
    const c = deps.state.requireContainer(requireId(req.containerId, "container_id"));
    return { stats: await statsOf(deps, c) };
  };
}

export function listContainerStats(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IListContainerStatsRequest,
  ): Promise<runtime.v1.IListContainerStatsResponse> => {
    const f = checkFilter(req.filter, "filter");
    const list = deps.state.containers
      .list()
      .filter((c) => c.phase === "running" || c.phase === "created")
      .filter((c) => !f?.id || c.id === f.id)
      .filter((c) => !f?.podSandboxId || c.podId === f.podSandboxId)
      .filter((c) => matchesLabels(c.labels, f?.labelSelector));
    return { stats: await Promise.all(list.map((c) => statsOf(deps, c))) };
  };
}
