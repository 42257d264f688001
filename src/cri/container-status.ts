import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runtime } from "../../cri-api/runtime/v1/api.js";
import { syncContainer } from "./container-exit.js";
import { nsToLong } from "./convert.js";
import type { CallContext } from "./instrument.js";
import type { ContainerRecord, MountRecord, ResourceRecord } from "./model.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { requireId } from "./validate.js";

const STATES: Record<ContainerRecord["phase"], runtime.v1.ContainerState> = {
  creating: runtime.v1.ContainerState.CONTAINER_UNKNOWN,
  created: runtime.v1.ContainerState.CONTAINER_CREATED,
  running: runtime.v1.ContainerState.CONTAINER_RUNNING,
  exited: runtime.v1.ContainerState.CONTAINER_EXITED,
};

const PROPAGATION: Record<MountRecord["propagation"], runtime.v1.MountPropagation> = {
  private: runtime.v1.MountPropagation.PROPAGATION_PRIVATE,
  rslave: runtime.v1.MountPropagation.PROPAGATION_HOST_TO_CONTAINER,
  rshared: runtime.v1.MountPropagation.PROPAGATION_BIDIRECTIONAL,
};

export function containerState(c: ContainerRecord): runtime.v1.ContainerState {
  return STATES[c.phase];
}

export function criResources(r: ResourceRecord): runtime.v1.ILinuxContainerResources {
  return {
    cpuPeriod: r.cpuPeriod,
    cpuQuota: r.cpuQuota,
    cpuShares: r.cpuShares,
    memoryLimitInBytes: r.memoryLimitInBytes,
    oomScoreAdj: r.oomScoreAdj,
    cpusetCpus: r.cpusetCpus,
    cpusetMems: r.cpusetMems,
    hugepageLimits: r.hugepageLimits,
    unified: r.unified,
    memorySwapLimitInBytes: r.memorySwapLimitInBytes,
  };
}

export function containerStatusOf(c: ContainerRecord): runtime.v1.IContainerStatus {
  return {
    id: c.id,
    metadata: { name: c.name, attempt: c.attempt },
    state: containerState(c),
    createdAt: nsToLong(c.createdAt),
    startedAt: nsToLong(c.startedAt ?? "0"),
    finishedAt: nsToLong(c.finishedAt ?? "0"),
    exitCode: c.exitCode ?? 0,
    image: { image: c.image, annotations: {} },
    imageRef: c.imageRef,
    imageId: c.imageId,
    reason: c.reason ?? "",
    message: c.message ?? "",
    labels: c.labels,
    annotations: c.annotations,
    mounts: c.mounts.map((m) => ({
      containerPath: m.containerPath,
      hostPath: m.hostPath,
      readonly: m.readonly,
      selinuxRelabel: m.selinuxRelabel,
      propagation: PROPAGATION[m.propagation],
      recursiveReadOnly: m.recursiveReadOnly,
      ...(m.idmap
        ? {
            uidMappings: m.idmap.uids.map((x) => ({
              containerId: x.containerID,
              hostId: x.hostID,
              length: x.size,
            })),
            gidMappings: m.idmap.gids.map((x) => ({
              containerId: x.containerID,
              hostId: x.hostID,
              length: x.size,
            })),
          }
        : {}),
    })),
    logPath: c.logPath,
    resources: { linux: criResources(c.resources) },
    user: { linux: { uid: c.user.uid, gid: c.user.gid, supplementalGroups: c.user.groups } },
  };
}

/** ContainerStatus: the record, brought up to date with the runtime first. */
export function containerStatus(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IContainerStatusRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IContainerStatusResponse> => {
    const found = deps.state.requireContainer(requireId(req.containerId, "container_id"));
    const c = (await deps.state.locks.run(found.id, () => syncContainer(deps, found.id, ctx.log))) ?? found;
    const res: runtime.v1.IContainerStatusResponse = { status: containerStatusOf(c), info: {} };
    if (req.verbose) res.info = { info: JSON.stringify(await verboseInfo(deps, c)) };
    return res;
  };
}

/**
 * The verbose `info` key, shaped like containerd's ContainerInfo (internal/cri/server/
 * container_status.go) so that tools written against it work: `crictl inspect -o go-template
 * --template '{{.info.pid}}'` gives the pid scripts hand to nsenter, `runtimeSpec` is the OCI
 * config.json the container was created with. berth's own keys follow.
 */
async function verboseInfo(deps: RuntimeDeps, c: ContainerRecord): Promise<Record<string, unknown>> {
  const pid = c.phase === "running" ? await hostPid(deps, c.id) : 0;
  const spec = runtimeSpec(deps, c.id);
  return {
    sandboxID: c.podId,
    pid,
    removing: false,
    // The writable layer is the container's own overlay upper dir, keyed by the container id.
    snapshotKey: c.id,
    snapshotter: "overlayfs",
    runtimeType: deps.driver.runtimeBinary,
    config: {
      metadata: { name: c.name, attempt: c.attempt },
      image: { image: c.image },
      labels: c.labels,
      annotations: c.annotations,
      log_path: c.logPath,
      tty: c.tty,
      stdin: c.stdin,
      stdin_once: c.stdinOnce,
    },
    runtimeSpec: spec,
    image: c.image,
    imageId: c.imageId,
    podSandboxId: c.podId,
    cgroupsPath: c.cgroupsPath,
    tty: c.tty,
    stdin: c.stdin,
    stopSignal: c.stopSignal,
  };
}

/** The pid of the container's process on the host, 0 when the runtime no longer has it. */
async function hostPid(deps: RuntimeDeps, id: string): Promise<number> {
  try {
    const st = await deps.driver.state(id);
    return st.status === "running" ? st.pid : 0;
  } catch {
    return 0;
  }
}

/**
 * The bundle's config.json; null if it cannot be read (a container half removed): status must not
 * fail. Read synchronously: ~8 KiB from the page cache, where a trip through libuv's thread pool
 * took ~0.5 ms of the call.
 */
function runtimeSpec(deps: RuntimeDeps, id: string): unknown {
  try {
    return JSON.parse(readFileSync(join(deps.driver.paths(id).bundle, "config.json"), "utf8")) as unknown;
  } catch {
    return null;
  }
}
