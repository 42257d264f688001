import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { FailedPreconditionError } from "../errors.js";
import { failpoint } from "../failpoint.js";
import { nowNs } from "./convert.js";
import type { CallContext } from "./instrument.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { requireId } from "./validate.js";

/** StartContainer: releases the process the runtime holds before exec. */
export function startContainer(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IStartContainerRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IStartContainerResponse> => {
    const { state, driver } = deps;
    const found = state.requireContainer(requireId(req.containerId, "container_id"));
    await state.locks.run(found.id, async () => {
      const c = state.requireContainer(found.id);
      if (c.phase !== "created")
        throw new FailedPreconditionError(`container "${c.id}" is ${c.phase}, not created`);
      const pod = state.findPod(c.podId);
      if (pod?.phase !== "ready")
        throw new FailedPreconditionError(`pod sandbox "${c.podId}" of container "${c.id}" is not ready`);
      const startedAt = String(nowNs());
      await driver.start(c.id);
      failpoint("container-start:runtime");
      await state.containers.put({ ...c, phase: "running", startedAt });
      failpoint("container-start:record");
      state.emit(c, "STARTED", BigInt(startedAt));
      ctx.log.info({ containerId: c.id, podSandboxId: c.podId }, "container started");
    });
    return {};
  };
}
