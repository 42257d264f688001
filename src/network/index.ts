// The network module's public surface for src/cri.
export {
  bandwidthFromAnnotations,
  EGRESS_BANDWIDTH_ANNOTATION,
  INGRESS_BANDWIDTH_ANNOTATION,
} from "./bandwidth.js";
export { CniPluginError } from "./cni-invoke.js";
export {
  type NetworkDescription,
  NetworkManager,
  type NetworkManagerOptions,
  type SetUpParams,
} from "./manager.js";
export type { RunOptions, RunResult } from "./run.js";
export type {
  Bandwidth,
  CniDns,
  CniInterface,
  CniIpConfig,
  InterfaceStats,
  NetworkStatus,
  PodNetwork,
  PortMapping,
  PortProtocol,
} from "./types.js";
