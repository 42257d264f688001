import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { FailedPreconditionError } from "../errors.js";
import { syncContainer } from "./container-exit.js";
import { resourcesOf, runtimeResources } from "./container-spec.js";
import type { CallContext } from "./instrument.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { requireId } from "./validate.js";

/** UpdateContainerResources: CPU, memory, cpuset limits changed in place, then recorded. */
export function updateContainerResources(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IUpdateContainerResourcesRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IUpdateContainerResourcesResponse> => {
    const found = deps.state.requireContainer(requireId(req.containerId, "container_id"));
    const resources = resourcesOf(req.linux);
    await deps.state.locks.run(found.id, async () => {
      // The record may not have caught up with an exit yet: an exited container is a precondition.
      const c = (await syncContainer(deps, found.id, ctx.log)) ?? deps.state.requireContainer(found.id);
      if (c.phase !== "running" && c.phase !== "created") {
        throw new FailedPreconditionError(
          `container "${c.id}" is ${c.phase}; only created or running containers can be updated`,
        );
      }
      await deps.driver.update(c.id, runtimeResources(resources));
      await deps.state.containers.put({ ...c, resources });
      ctx.log.info({ containerId: c.id }, "container resources updated");
    });
    return {};
  };
}
