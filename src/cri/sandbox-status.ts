import { runtime } from "../../cri-api/runtime/v1/api.js";
import { containerStatusOf } from "./container-status.js";
import { nowNs, nsToLong } from "./convert.js";
import type { NamespaceMode, PodRecord } from "./model.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { requireId } from "./validate.js";

export const MODE_VALUES: Record<NamespaceMode, runtime.v1.NamespaceMode> = {
  POD: runtime.v1.NamespaceMode.POD,
  CONTAINER: runtime.v1.NamespaceMode.CONTAINER,
  NODE: runtime.v1.NamespaceMode.NODE,
  TARGET: runtime.v1.NamespaceMode.TARGET,
};

export function podState(p: PodRecord): runtime.v1.PodSandboxState {
  return p.phase === "ready"
    ? runtime.v1.PodSandboxState.SANDBOX_READY
    : runtime.v1.PodSandboxState.SANDBOX_NOTREADY;
}

export function podMetadata(p: PodRecord): runtime.v1.IPodSandboxMetadata {
  return { name: p.name, uid: p.uid, namespace: p.namespace, attempt: p.attempt };
}

export function podSandboxStatusOf(p: PodRecord): runtime.v1.IPodSandboxStatus {
  const [ip, ...more] = p.ips;
  return {
    id: p.id,
    metadata: podMetadata(p),
    state: podState(p),
    createdAt: nsToLong(p.createdAt),
    network:
      p.phase === "ready" || p.ips.length
        ? { ip: ip ?? "", additionalIps: more.map((a) => ({ ip: a })) }
        : { ip: "" },
    linux: {
      namespaces: {
        options: {
          network: MODE_VALUES[p.namespaceOptions.network],
          pid: MODE_VALUES[p.namespaceOptions.pid],
          ipc: MODE_VALUES[p.namespaceOptions.ipc],
          targetId: p.namespaceOptions.targetId,
        },
      },
    },
    labels: p.labels,
    annotations: p.annotations,
    runtimeHandler: p.runtimeHandler,
  };
}

/** PodSandboxStatus: the pod as recorded; verbose adds the record and the namespace pins. */
export function podSandboxStatus(deps: RuntimeDeps) {
  return async (req: runtime.v1.IPodSandboxStatusRequest): Promise<runtime.v1.IPodSandboxStatusResponse> => {
    const pod = deps.state.requirePod(requireId(req.podSandboxId, "pod_sandbox_id"));
    const containers = deps.state.containersOf(pod.id);
    // The containers' statuses and a timestamp, as kubelet's evented PLEG reads them from here.
    const res: runtime.v1.IPodSandboxStatusResponse = {
      status: podSandboxStatusOf(pod),
      info: {},
      containersStatuses: containers.map(containerStatusOf),
      timestamp: nsToLong(nowNs()),
    };
    if (req.verbose) {
      res.info = {
        info: JSON.stringify({
          netns: pod.netns ?? "",
          ipcns: pod.ipcns ?? "",
          utsns: pod.utsns ?? "",
          pidns: pod.pidns ?? "",
          shm: pod.shm ?? "",
          cgroupParent: pod.cgroupParent,
          hostname: pod.hostname,
          portMappings: pod.portMappings,
          containers: containers.map((c) => c.id),
        }),
      };
    }
    return res;
  };
}
