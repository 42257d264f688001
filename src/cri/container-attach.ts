import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { FailedPreconditionError } from "../errors.js";
import { validateStdio } from "./container-exec.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import type { StreamingServer } from "./streaming/server.js";
import { requireId } from "./validate.js";

/** Attach: a single-use streaming URL to a running container's stdio held by its monitor. */
export function attach(deps: RuntimeDeps, server: StreamingServer) {
  return async (req: runtime.v1.IAttachRequest): Promise<runtime.v1.IAttachResponse> => {
    const c = deps.state.requireContainer(requireId(req.containerId, "container_id"));
    const stdio = {
      tty: req.tty === true,
      // stdin only if the container keeps one open.
      stdin: req.stdin === true && c.stdin,
      stdout: req.stdout === true,
      stderr: req.stderr === true,
    };
    validateStdio({ ...stdio, stdin: req.stdin === true });
    if (c.phase !== "running") throw new FailedPreconditionError(`container "${c.id}" is not running`);
    return { url: server.url({ kind: "attach", containerId: c.id, ...stdio }) };
  };
}
