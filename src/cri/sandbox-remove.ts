import { rm } from "node:fs/promises";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { failpoint } from "../failpoint.js";
import type { Logger } from "../log.js";
import { removePodNamespaces } from "../runtime/pod-namespaces.js";
import { removeContainerRecord } from "./container-remove.js";
import type { CallContext } from "./instrument.js";
import type { PodRecord } from "./model.js";
import { podCgroupParent, podDataDir, podNsDir, type RuntimeDeps } from "./runtime-deps.js";
import { stopPod } from "./sandbox-stop.js";
import { requireId } from "./validate.js";

/** Removes a pod and all it holds; safe to repeat after a crash at any point. */
export async function removePod(deps: RuntimeDeps, pod: PodRecord, log: Logger): Promise<void> {
  await stopPod(deps, pod, log);
  failpoint("pod-remove:stopped");
  for (const c of deps.state.containersOf(pod.id)) {
    await removeContainerRecord(deps, c.id, log);
  }
  failpoint("pod-remove:containers");
  // A pod without a kubelet-given parent has its own cgroup under berth's, which the runtime made
  // (in every v1 hierarchy) for its first container; a kubelet-given parent is kubelet's to remove.
  if (!pod.cgroupParent) await deps.driver.removeGroupCgroup(podCgroupParent(deps.config, pod));
  await removePodNamespaces(podNsDir(deps.config, pod.id));
  await rm(podDataDir(deps.config, pod.id), { recursive: true, force: true });
  failpoint("pod-remove:files");
  await deps.state.pods.delete(pod.id);
  failpoint("pod-remove:record");
  log.info({ podSandboxId: pod.id }, "pod sandbox removed");
}

/** RemovePodSandbox: stops what still runs, removes containers and the pod; absent is success. */
export function removePodSandbox(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IRemovePodSandboxRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IRemovePodSandboxResponse> => {
    const id = requireId(req.podSandboxId, "pod_sandbox_id");
    const found = deps.state.findPod(id);
    if (!found) return {};
    await deps.state.locks.run(found.id, async () => {
      const pod = deps.state.findPod(found.id);
      if (pod) await removePod(deps, pod, ctx.log);
    });
    return {};
  };
}
