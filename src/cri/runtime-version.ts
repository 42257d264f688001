import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { BERTH_VERSION, CRI_API_VERSION, RUNTIME_NAME } from "../version.js";

/** Version: kubelet checks runtime_api_version before anything else. */
export async function version(): Promise<runtime.v1.IVersionResponse> {
  return {
    version: "0.1.0",
    runtimeName: RUNTIME_NAME,
    runtimeVersion: BERTH_VERSION,
    runtimeApiVersion: CRI_API_VERSION,
  };
}
