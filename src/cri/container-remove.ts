import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { errorMessage } from "../errors.js";
import { failpoint } from "../failpoint.js";
import type { Logger } from "../log.js";
import { stopContainerRecord } from "./container-stop.js";
import type { CallContext } from "./instrument.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { requireId } from "./validate.js";

/**
 * Removes a container: kills it if it still runs (joining a stop in progress), then, holding its
 * lock, deletes it and its writable layer; the image stays. The caller must not hold the lock.
 */
export async function removeContainerRecord(deps: RuntimeDeps, id: string, log: Logger): Promise<void> {
  if (!deps.state.findContainer(id)) return;
  await stopContainerRecord(deps, id, 0, log);
  await deps.state.locks.run(id, async () => {
    const c = deps.state.findContainer(id);
    if (!c) return;
    await deps.driver.delete(c.id, { force: true });
    failpoint("container-remove:runtime");
    // Not waited for: the hold file is rewritten (and anything only this container kept collected)
    // behind the answer. A release a kill -9 cuts short is redone at the next start, which drops
    // the holds of containers that are gone (recovery).
    void deps.images
      .release(c.id)
      .catch((err: unknown) =>
        log.warn({ containerId: c.id, err: errorMessage(err) }, "releasing the container's image failed"),
      );
    await deps.state.containers.delete(c.id);
    failpoint("container-remove:record");
    deps.state.emit(c, "DELETED", BigInt(Date.now()) * 1_000_000n);
    log.info({ containerId: c.id }, "container removed");
  });
}

/** RemoveContainer: idempotent; an absent container is success. */
export function removeContainer(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IRemoveContainerRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IRemoveContainerResponse> => {
    const id = requireId(req.containerId, "container_id");
    const found = deps.state.findContainer(id);
    if (!found) return {};
    await removeContainerRecord(deps, found.id, ctx.log);
    return {};
  };
}
