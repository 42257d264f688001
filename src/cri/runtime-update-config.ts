import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { InvalidArgumentError } from "../errors.js";
import type { CallContext } from "./instrument.js";
import type { RuntimeDeps } from "./runtime-deps.js";

/** UpdateRuntimeConfig: kubelet hands the node's pod CIDR, which the CNI IPAM then allocates from. */
export function updateRuntimeConfig(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IUpdateRuntimeConfigRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IUpdateRuntimeConfigResponse> => {
    const cidr = req.runtimeConfig?.networkConfig?.podCidr ?? "";
    if (cidr === "") return {};
    for (const c of cidr.split(",")) {
      if (!/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(c.trim()))
        throw new InvalidArgumentError(`runtime_config.network_config.pod_cidr "${c}" is not a CIDR`);
    }
    await deps.network.setPodCidr(cidr.split(",")[0]?.trim() ?? cidr);
    ctx.log.info({ podCidr: cidr }, "pod CIDR updated");
    return {};
  };
}
