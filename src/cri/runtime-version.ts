import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { BERTH_VERSION, CRI_API_VERSION, RUNTIME_NAME } from "../version.js";
import { requireMaxLength } from "./validate.js";

/** Version: kubelet checks runtime_api_version before anything else. */
export async function version(req: runtime.v1.IVersionRequest): Promise<runtime.v1.IVersionResponse> {
  // The kubelet's own API version ("v1", "0.1.0"): unused, but bounded like every field.
  requireMaxLength(req.version, "version", 256);
  return {
    version: "0.1.0",
    runtimeName: RUNTIME_NAME,
    runtimeVersion: BERTH_VERSION,
    runtimeApiVersion: CRI_API_VERSION,
  };
}
