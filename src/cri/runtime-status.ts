import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { configToYaml } from "../config.js";
import type { CriDeps } from "./deps.js";

/** Status: RuntimeReady and NetworkReady as they are, and the configuration in effect when verbose. */
export function status(deps: CriDeps) {
  return async (req: runtime.v1.IStatusRequest): Promise<runtime.v1.IStatusResponse> => {
    const [rt, net, userNamespaces] = await Promise.all([
      deps.runtimeStatus(),
      deps.networkStatus(),
      deps.userNamespaces?.() ?? false,
    ]);
    const condition = (type: string, s: typeof rt): runtime.v1.IRuntimeCondition => ({
      type,
      status: s.ready,
      reason: s.ready ? "" : (s.reason ?? `${type.replace("Ready", "")}NotReady`),
      message: s.ready ? "" : (s.message ?? ""),
    });
    const res: runtime.v1.IStatusResponse = {
      status: { conditions: [condition("RuntimeReady", rt), condition("NetworkReady", net)] },
      info: {},
      // Only what berth implements: supplemental groups policy Merge/Strict is resolved from the
      // image's /etc/group; recursive read-only mounts are the helper's `rro` (mount_setattr);
      // user namespaces when the node's probe says they work (kernel, id-mapped mounts).
      // A user namespace with the node's network is not offered (userNamespacesHostNetwork).
      runtimeHandlers: [
        {
          name: "",
          features: { recursiveReadOnlyMounts: true, userNamespaces },
        },
      ],
      features: { supplementalGroupsPolicy: true, userNamespacesHostNetwork: false },
    };
    if (req.verbose) res.info = { config: configToYaml(deps.config) };
    return res;
  };
}
