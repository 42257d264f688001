import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { cpuMemory, statsOf } from "./container-stats.js";
import { nowNs } from "./convert.js";
import type { PodRecord } from "./model.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { matchesLabels } from "./sandbox-list.js";
import { podMetadata } from "./sandbox-status.js";
import { checkFilter, requireId } from "./validate.js";

async function podStats(deps: RuntimeDeps, pod: PodRecord): Promise<runtime.v1.IPodSandboxStats> {
  const at = nowNs();
  const containers = deps.state
    .containersOf(pod.id)
    .filter((c) => c.phase === "running" || c.phase === "created");
  const cstats = await Promise.all(containers.map((c) => statsOf(deps, c)));
  // The pod's figures are the sum of its containers' (kubelet reads the pod cgroup itself too).
  const sum = {
    cpuUsageNs: 0,
    memoryUsageBytes: 0,
    workingSetBytes: 0,
    rssBytes: 0,
    pidsCurrent: 0,
    oomKills: 0,
  };
  for (const s of cstats) {
    sum.cpuUsageNs += Number(s.cpu?.usageCoreNanoSeconds?.value ?? 0);
    sum.memoryUsageBytes += Number(s.memory?.usageBytes?.value ?? 0);
    sum.workingSetBytes += Number(s.memory?.workingSetBytes?.value ?? 0);
    sum.rssBytes += Number(s.memory?.rssBytes?.value ?? 0);
  }
  const { cpu, memory } = cpuMemory(`pod:${pod.id}`, sum, at);
  let network: runtime.v1.INetworkUsage | undefined;
  if (pod.netns && pod.phase === "ready") {
    const ifaces = await deps.network.stats(pod.netns).catch(() => []);
    const usage = ifaces.map((i) => ({
      name: i.name,
      rxBytes: { value: i.rxBytes },
      rxErrors: { value: i.rxErrors },
      txBytes: { value: i.txBytes },
      txErrors: { value: i.txErrors },
    }));
    network = {
      timestamp: Number(at),
      defaultInterface: usage.find((u) => u.name === "eth0") ?? usage[0] ?? null,
      interfaces: usage,
    };
  }
  return {
    attributes: { id: pod.id, metadata: podMetadata(pod), labels: pod.labels, annotations: pod.annotations },
    linux: {
      cpu: { ...cpu, timestamp: Number(at) },
      memory: { ...memory, timestamp: Number(at) },
      ...(network ? { network } : {}),
      process: { timestamp: Number(at), processCount: { value: 0 } },
      containers: cstats,
    },
  };
}

export function podSandboxStats(deps: RuntimeDeps) {
  return async (req: runtime.v1.IPodSandboxStatsRequest): Promise<runtime.v1.IPodSandboxStatsResponse> => {
    const pod = deps.state.requirePod(requireId(req.podSandboxId, "pod_sandbox_id"));
    return { stats: await podStats(deps, pod) };
  };
}

export function listPodSandboxStats(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IListPodSandboxStatsRequest,
  ): Promise<runtime.v1.IListPodSandboxStatsResponse> => {
    const f = checkFilter(req.filter, "filter");
    const pods = deps.state.pods
      .list()
      .filter((p) => p.phase === "ready")
      .filter((p) => !f?.id || p.id === f.id)
      .filter((p) => matchesLabels(p.labels, f?.labelSelector));
    return { stats: await Promise.all(pods.map((p) => podStats(deps, p))) };
  };
}
