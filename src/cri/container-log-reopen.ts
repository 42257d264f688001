import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { FailedPreconditionError } from "../errors.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { requireId } from "./validate.js";

/** ReopenContainerLog: kubelet rotated the log file; the monitor opens the path again. */
export function reopenContainerLog(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IReopenContainerLogRequest,
  ): Promise<runtime.v1.IReopenContainerLogResponse> => {
    const c = deps.state.requireContainer(requireId(req.containerId, "container_id"));
    if (c.phase !== "running") throw new FailedPreconditionError(`container "${c.id}" is not running`);
    await deps.driver.reopenLog(c.id);
    return {};
  };
}
