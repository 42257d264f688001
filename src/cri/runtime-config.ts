import { runtime } from "../../cri-api/runtime/v1/api.js";
import type { CriDeps } from "./deps.js";

/** RuntimeConfig: kubelet (1.28+) matches its cgroup driver to the runtime's. */
export function runtimeConfig(deps: CriDeps) {
  return async (): Promise<runtime.v1.IRuntimeConfigResponse> => ({
    linux: {
      cgroupDriver:
        deps.config.cgroup.driver === "cgroupfs"
          ? runtime.v1.CgroupDriver.CGROUPFS
          : runtime.v1.CgroupDriver.SYSTEMD,
    },
  });
}
