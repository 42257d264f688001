// The network module's own small types (no CRI types): CNI configuration, runtime inputs, results.

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

/** One plugin of a network configuration list, kept as written so DEL can replay it exactly. */
export interface PluginConf {
  type: string;
  /** The capabilities the plugin declares (`portMappings`, `bandwidth`, `ipRanges`, ...). */
  capabilities: Record<string, boolean>;
  /** The plugin object as written in the configuration (including `capabilities`). */
  raw: JsonObject;
}

/** A validated network configuration list (a `.conf` is wrapped into one). */
export interface NetworkConfList {
  name: string;
  /** The version sent to every plugin: the highest of `versions` that all its plugins support. */
  cniVersion: string;
  /** The supported versions the configuration offers (`cniVersion` plus CNI 1.1 `cniVersions`), ascending. */
  versions: string[];
  disableCheck: boolean;
  plugins: PluginConf[];
  /** Where it came from: a file path, or `embedded default`. */
  source: string;
}

export type PortProtocol = "tcp" | "udp" | "sctp";

/** A hostPort mapping, in the shape of the CNI `portMappings` capability. */
export interface PortMapping {
  hostPort: number;
  containerPort: number;
  protocol: PortProtocol;
  /** Host address to bind; empty or absent means every address. */
  hostIP?: string;
}

/** Traffic shaping, in the shape of the CNI `bandwidth` capability: rates in bit/s, bursts in bits. */
export interface Bandwidth {
  ingressRate?: number;
  ingressBurst?: number;
  egressRate?: number;
  egressBurst?: number;
}

/** One range of the CNI `ipRanges` capability. */
export interface IpRange {
  subnet: string;
  rangeStart?: string;
  rangeEnd?: string;
  gateway?: string;
}

/** Per-attachment inputs injected as `runtimeConfig` into plugins that declare the capability. */
export interface RuntimeInputs {
  portMappings?: PortMapping[];
  bandwidth?: Bandwidth;
  ipRanges?: IpRange[][];
}

export interface CniInterface {
  name: string;
  mac?: string;
  /** The netns path for interfaces inside the pod; absent for host-side interfaces. */
  sandbox?: string;
}

export interface CniIpConfig {
  /** Address with prefix length, e.g. `10.88.0.5/16`. */
  address: string;
  gateway?: string;
  /** Index into `interfaces`. */
  interface?: number;
}

export interface CniDns {
  nameservers?: string[];
  domain?: string;
  search?: string[];
  options?: string[];
}

/** A pod's network as set up: its IPs (IPv4 first), interfaces and the raw CNI result. */
export interface PodNetwork {
  /** Addresses without prefix length; the first is the pod's primary IP. */
  ips: string[];
  interfaces: CniInterface[];
  ipConfigs: CniIpConfig[];
  dns?: CniDns;
  /** The final CNI result as the last plugin returned it. */
  result: JsonObject;
}

/** Counters of one interface inside a pod's network namespace. */
export interface InterfaceStats {
  name: string;
  rxBytes: number;
  rxErrors: number;
  txBytes: number;
  txErrors: number;
}

export interface NetworkStatus {
  ready: boolean;
  reason?: string;
  message?: string;
}
