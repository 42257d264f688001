// What berthd persists about pods and containers: one JSON record each, rewritten atomically on
// every transition. Times are nanoseconds since the epoch as decimal strings (JSON has no int64).

export interface PortMappingRecord {
  protocol: "TCP" | "UDP" | "SCTP";
  containerPort: number;
  hostPort: number;
  hostIp: string;
}

export type NamespaceMode = "POD" | "CONTAINER" | "NODE" | "TARGET";

export interface PodRecord {
  id: string;
  /** creating: RunPodSandbox has not finished (recovery removes such pods); ready; notready: stopped. */
  phase: "creating" | "ready" | "notready";
  name: string;
  uid: string;
  namespace: string;
  attempt: number;
  createdAt: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  hostname: string;
  logDirectory: string;
  runtimeHandler: string;
  cgroupParent: string;
  portMappings: PortMappingRecord[];
  namespaceOptions: { network: NamespaceMode; pid: NamespaceMode; ipc: NamespaceMode; targetId: string };
  /** Pinned namespace files (absent when the pod uses the node's). */
  netns?: string;
  ipcns?: string;
  utsns?: string;
  /** The pinned PID namespace of a pod whose containers share one (its init runs while the pod does). */
  pidns?: string;
  /** The pod's /dev/shm, a tmpfs shared by its containers (absent for hostIPC pods). */
  shm?: string;
  /**
   * The pod's own user namespace (userns_options mode POD, kubelet's hostUsers: false): its pin and
   * the maps kubelet sent (one range each). Its other namespaces were made inside it. Absent: the
   * node's user namespace.
   */
  userns?: { path: string; uids: IdMapRecord[]; gids: IdMapRecord[] };
  ips: string[];
  /** Files bind-mounted into every container: /etc/hostname, /etc/hosts, /etc/resolv.conf. */
  files: { hostname: string; hosts: string; resolvConf?: string };
  sysctls: Record<string, string>;
  /** Pod-level security settings containers inherit. */
  security: {
    runAsUser?: number;
    runAsGroup?: number;
    supplementalGroups: number[];
    privileged: boolean;
    seccomp?: SeccompChoice;
  };
}

/** One uid_map/gid_map line, in the runtime spec's names. */
export interface IdMapRecord {
  containerID: number;
  hostID: number;
  size: number;
}

export type SeccompChoice =
  | { kind: "RuntimeDefault" }
  | { kind: "Unconfined" }
  | { kind: "Localhost"; path: string };

export interface MountRecord {
  containerPath: string;
  hostPath: string;
  readonly: boolean;
  recursiveReadOnly: boolean;
  propagation: "private" | "rslave" | "rshared";
  selinuxRelabel: boolean;
  /** An id-mapped bind (CRI Mount uidMappings/gidMappings; a pod with its own user namespace only). */
  idmap?: { uids: IdMapRecord[]; gids: IdMapRecord[] };
}

export type ContainerPhase = "creating" | "created" | "running" | "exited";

export interface ContainerRecord {
  id: string;
  podId: string;
  phase: ContainerPhase;
  name: string;
  attempt: number;
  /** The image as the request named it, and the resolved image id (config digest). */
  image: string;
  imageId: string;
  /** A repo digest of the image when known (ContainerStatus.image_ref). */
  imageRef: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  reason?: string;
  message?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  logPath: string;
  mounts: MountRecord[];
  tty: boolean;
  stdin: boolean;
  stdinOnce: boolean;
  stopSignal: string;
  /** The cgroup of the container, for stats and updates. */
  cgroupsPath: string;
  resources: ResourceRecord;
  /** Effective uid/gid/groups, reported back in ContainerStatus. */
  user: { uid: number; gid: number; groups: number[] };
  /** Set once StopContainer or a kill is in progress (a restart resumes it). */
  stopRequestedAt?: string;
}

export interface ResourceRecord {
  cpuPeriod: number;
  cpuQuota: number;
  cpuShares: number;
  memoryLimitInBytes: number;
  oomScoreAdj: number;
  cpusetCpus: string;
  cpusetMems: string;
  memorySwapLimitInBytes: number;
  unified: Record<string, string>;
  hugepageLimits: { pageSize: string; limit: number }[];
}
