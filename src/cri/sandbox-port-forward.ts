import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { FailedPreconditionError, NotFoundError } from "../errors.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import type { StreamingServer } from "./streaming/server.js";
import { requireId } from "./validate.js";

/** PortForward: a single-use streaming URL into a ready pod's network namespace. */
export function portForward(deps: RuntimeDeps, server: StreamingServer) {
  return async (req: runtime.v1.IPortForwardRequest): Promise<runtime.v1.IPortForwardResponse> => {
    const id = requireId(req.podSandboxId, "pod_sandbox_id");
    const pod = deps.state.findPod(id);
    if (!pod) throw new NotFoundError(`pod sandbox "${id}" not found`);
    if (pod.phase !== "ready") throw new FailedPreconditionError(`pod sandbox "${pod.id}" is not ready`);
    return { url: server.url({ kind: "portforward", podSandboxId: pod.id }) };
  };
}
