// Everything the RuntimeService handlers stand on.
import { join } from "node:path";
import type { Config } from "../config.js";
import type { ImageManager } from "../image/index.js";
import type { Logger } from "../log.js";
import type { NetworkManager } from "../network/index.js";
import type { RuntimeDriver } from "../runtime/driver.js";
import type { PodRecord } from "./model.js";
import type { CriState } from "./state.js";

export interface RuntimeDeps {
  config: Config;
  log: Logger;
  state: CriState;
  images: ImageManager;
  network: NetworkManager;
  driver: RuntimeDriver;
}

/** Per-pod files (hostname, hosts, resolv.conf) live under the persistent root. */
export function podDataDir(config: Config, podId: string): string {
  return join(config.root, "pod-data", podId);
}

/** Per-pod namespace pins (ipc, uts) live under the volatile root, beside the netns pins. */
export function podNsDir(config: Config, podId: string): string {
  return join(config.state, "podns", podId);
}

/** The cgroup a pod's containers go under: kubelet's cgroup_parent, or berth's own per pod. */
export function podCgroupParent(config: Config, pod: Pick<PodRecord, "id" | "cgroupParent">): string {
  return pod.cgroupParent || `/${config.cgroup.parent}/${pod.id}`;
}
