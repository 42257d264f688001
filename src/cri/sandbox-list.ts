import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { nsToLong } from "./convert.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { podMetadata, podState } from "./sandbox-status.js";
import { checkFilter } from "./validate.js";

export function matchesLabels(
  labels: Record<string, string>,
  selector: Record<string, string> | null | undefined,
): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}

/** ListPodSandbox: filters by id (or unique prefix), state and labels; half-made pods are not listed. */
export function listPodSandbox(deps: RuntimeDeps) {
  return async (req: runtime.v1.IListPodSandboxRequest): Promise<runtime.v1.IListPodSandboxResponse> => {
    const f = checkFilter(req.filter, "filter");
    const items = deps.state.pods
      .list()
      .filter((p) => p.phase !== "creating")
      .filter((p) => !f?.id || p.id === f.id || (f.id.length >= 6 && p.id.startsWith(f.id)))
      .filter((p) => !f?.state || podState(p) === f.state.state)
      .filter((p) => matchesLabels(p.labels, f?.labelSelector))
      .map((p) => ({
        id: p.id,
        metadata: podMetadata(p),
        state: podState(p),
        createdAt: nsToLong(p.createdAt),
        labels: p.labels,
        annotations: p.annotations,
        runtimeHandler: p.runtimeHandler,
      }));
    return { items };
  };
}
