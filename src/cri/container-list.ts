import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { containerState } from "./container-status.js";
import { nsToLong } from "./convert.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { matchesLabels } from "./sandbox-list.js";
import { checkFilter } from "./validate.js";

function idMatches(id: string, want: string | null | undefined): boolean {
  return !want || id === want || (want.length >= 6 && id.startsWith(want));
}

/** ListContainers: filters by id, pod, state and labels; half-made containers are not listed. */
export function listContainers(deps: RuntimeDeps) {
  return async (req: runtime.v1.IListContainersRequest): Promise<runtime.v1.IListContainersResponse> => {
    const f = checkFilter(req.filter, "filter");
    const containers = deps.state.containers
      .list()
      .filter((c) => c.phase !== "creating")
      .filter((c) => idMatches(c.id, f?.id) && idMatches(c.podId, f?.podSandboxId))
      .filter((c) => !f?.state || containerState(c) === f.state.state)
      .filter((c) => matchesLabels(c.labels, f?.labelSelector))
      .map((c) => ({
        id: c.id,
        podSandboxId: c.podId,
        metadata: { name: c.name, attempt: c.attempt },
        image: { image: c.image, annotations: {} },
        imageRef: c.imageRef,
        imageId: c.imageId,
        state: containerState(c),
        createdAt: nsToLong(c.createdAt),
        labels: c.labels,
        annotations: c.annotations,
      }));
    return { containers };
  };
}
