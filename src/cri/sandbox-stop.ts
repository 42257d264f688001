import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { failpoint } from "../failpoint.js";
import type { Logger } from "../log.js";
import { stopPodInit } from "../runtime/pod-namespaces.js";
import { stopContainerRecord } from "./container-stop.js";
import type { CallContext } from "./instrument.js";
import type { PodRecord } from "./model.js";
import { podNsDir, type RuntimeDeps } from "./runtime-deps.js";
import { requireId } from "./validate.js";

/** Stops every container of the pod, tears its network down and releases the network namespace. */
export async function stopPod(deps: RuntimeDeps, pod: PodRecord, log: Logger): Promise<void> {
  // Joins (and cuts short) any StopContainer still waiting out a grace period.
  await Promise.all(deps.state.containersOf(pod.id).map((c) => stopContainerRecord(deps, c.id, 0, log)));
  failpoint("pod-stop:containers");
  // With a shared PID namespace, ending its init also ends whatever the containers left behind.
  if (pod.pidns) await stopPodInit(podNsDir(deps.config, pod.id));
  if (pod.netns) {
    // CNI DEL before the namespace goes: plugins look inside it for what to delete.
    await deps.network.tearDown(pod.id);
    await deps.network.removeNetns(pod.id);
  }
  failpoint("pod-stop:network");
  if (pod.phase !== "notready") {
    await deps.state.pods.put({ ...pod, phase: "notready" });
    failpoint("pod-stop:record");
    log.info({ podSandboxId: pod.id }, "pod sandbox stopped");
  }
}

/** StopPodSandbox: idempotent; an absent sandbox is success (kubelet may retry after a remove). */
export function stopPodSandbox(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IStopPodSandboxRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IStopPodSandboxResponse> => {
    const id = requireId(req.podSandboxId, "pod_sandbox_id");
    const found = deps.state.findPod(id);
    if (!found) return {};
    await deps.state.locks.run(found.id, async () => {
      const pod = deps.state.findPod(found.id);
      if (pod) await stopPod(deps, pod, ctx.log);
    });
    return {};
  };
}
