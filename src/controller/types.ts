// The berth.dev/v1alpha1 API: Service and Replica, the names and labels the controller and compose
// agree on, defaulting that mirrors the CRD defaults, and the duration strings used in the API.
import type { V1ObjectMeta, V1PodTemplateSpec } from "@kubernetes/client-node";
import { InvalidArgumentError } from "../errors.js";

export const GROUP = "berth.dev";
export const VERSION = "v1alpha1";
export const API_VERSION = `${GROUP}/${VERSION}`;
export const SERVICE_KIND = "Service";
export const SERVICE_PLURAL = "services";
export const SERVICE_SHORT_NAME = "bsvc";
export const REPLICA_KIND = "Replica";
export const REPLICA_PLURAL = "replicas";
export const REPLICA_SHORT_NAME = "brep";

/** On Replicas, Pods, ControllerRevisions and the core Service: the owning berth Service's name. */
export const LABEL_SERVICE = "berth.dev/service";
/** On Replicas and Pods of Replicated services: the slot number (decimal). */
export const LABEL_SLOT = "berth.dev/slot";
/** On Replicas and Pods of Global services: the node name (only when it is a valid label value). */
export const LABEL_NODE = "berth.dev/node";
/** On Pods and ControllerRevisions: the template hash of the revision. */
export const LABEL_REVISION = "berth.dev/revision";
/** On every object berth compose creates: the compose project. */
export const LABEL_PROJECT = "berth.dev/project";
/** On Pods: the Replica that owns it (names can exceed 63 characters, so only when valid). */
export const LABEL_REPLICA = "berth.dev/replica";

/** On Pods: the node the Replica pinned it to (spec.nodeName), so a changed pin replaces the Pod. */
export const ANNOTATION_NODE_PIN = "berth.dev/node-pin";
/** On Pods: the restart attempt (Replica status.restarts when the Pod was created). */
export const ANNOTATION_RESTART_ATTEMPT = "berth.dev/restart-attempt";
/** On ControllerRevisions: the JSON-stable hash input version, so the hash scheme can evolve. */
export const ANNOTATION_HASH_SCHEME = "berth.dev/hash-scheme";

export type ServiceMode = "Replicated" | "Global";
export type DependencyCondition = "Started" | "Healthy" | "Completed";
export type UpdateOrder = "StopFirst" | "StartFirst";
export type FailureAction = "Pause" | "Rollback" | "Continue";
export type RestartCondition = "None" | "OnFailure" | "Any";
export type PortProtocol = "TCP" | "UDP" | "SCTP";

/** A Go-style duration as used in the API: "0", "500ms", "10s", "1m30s", "2h". */
export type Duration = string;

export interface ServicePort {
  /** Required when there is more than one port (core Service rule). */
  name?: string;
  port: number;
  /** Container port number or name; defaults to `port`. */
  targetPort?: number | string;
  protocol?: PortProtocol;
}

export interface ServiceDependency {
  /** Name of another berth Service in the same namespace. */
  service: string;
  condition?: DependencyCondition;
}

export interface UpdateConfig {
  /** Replicas updated at once; 0 means all at once. */
  parallelism?: number;
  /** Wait between two batches. */
  delay?: Duration;
  order?: UpdateOrder;
  failureAction?: FailureAction;
  /** How long after the last batch failures still count against the update. */
  monitor?: Duration;
  /** Fraction (0..1) of replicas that may fail during the update before failureAction applies. */
  maxFailureRatio?: number;
}

export interface RestartPolicy {
  condition?: RestartCondition;
  delay?: Duration;
  /** Restarts allowed within `window`; 0 means unlimited. */
  maxAttempts?: number;
  /** Window over which maxAttempts is counted; "0" means since the Replica's revision started. */
  window?: Duration;
}

export interface Placement {
  nodeSelector?: Record<string, string>;
  /** At most this many replicas per node; 0 means no limit. */
  maxReplicasPerNode?: number;
}

export interface ServiceSpec {
  mode?: ServiceMode;
  /** Replicated mode only. */
  replicas?: number;
  template: V1PodTemplateSpec;
  ports?: ServicePort[];
  dependsOn?: ServiceDependency[];
  update?: UpdateConfig;
  rollback?: UpdateConfig;
  restart?: RestartPolicy;
  placement?: Placement;
}

export type UpdateState =
  | "Updating"
  | "Paused"
  | "Completed"
  | "RollbackStarted"
  | "RollbackPaused"
  | "RollbackCompleted";

export interface UpdateStatus {
  state: UpdateState;
  message?: string;
  startedAt?: string;
  completedAt?: string;
  /** metadata.generation of the Service when this update (or its pause) began; a newer one resumes. */
  generation?: number;
  /** During and after a rollback: the revision that failed; the spec still names it until changed. */
  failedRevision?: string;
  /** Start time of the batch in flight (unset between batches). */
  batchStartedAt?: string;
  /** No new batch before this time (update.delay after the previous batch became ready). */
  nextBatchAt?: string;
  /** When the last replica of the update became ready; the monitor window runs from here. */
  lastBatchReadyAt?: string;
}

export type ServiceConditionType = "Available" | "Progressing" | "DependenciesReady" | "Degraded";
export type ConditionStatus = "True" | "False" | "Unknown";

export interface Condition<T extends string = string> {
  type: T;
  status: ConditionStatus;
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}

export interface ServiceStatus {
  observedGeneration?: number;
  /** Replica objects that exist. */
  replicas?: number;
  readyReplicas?: number;
  /** Replicas whose Pod runs updateRevision. */
  updatedReplicas?: number;
  /** Desired replica count (Replicated: spec.replicas; Global: eligible nodes). */
  desiredReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  updateStatus?: UpdateStatus;
  conditions?: Condition<ServiceConditionType>[];
  /** Label selector of the Pods in string form, for the scale subresource (HPA). */
  selector?: string;
}

export interface BerthService {
  apiVersion?: string;
  kind?: string;
  metadata: V1ObjectMeta;
  spec: ServiceSpec;
  status?: ServiceStatus;
}

export interface ReplicaSpec {
  /** Name of the owning berth Service. */
  service: string;
  /** Replicated mode: 1-based slot. */
  slot?: number;
  /** Global mode: the node; Replicated mode with maxReplicasPerNode: the node the slot is pinned to. */
  nodeName?: string;
  /** Revision (template hash) the Pod must run; names a ControllerRevision `<service>-<revision>`. */
  revision: string;
}

export type ReplicaPhase = "Pending" | "Starting" | "Running" | "Succeeded" | "Failed" | "Restarting";

/**
 * One end of a Pod of this Replica (success, failure or disappearance), newest last and bounded:
 * restart.maxAttempts counts them within restart.window, rolling updates count the failed ones.
 */
export interface ReplicaTermination {
  time: string;
  podName: string;
  revision: string;
  /** False only for a clean exit (every container exited 0). */
  failed: boolean;
  exitCode?: number;
  /** Completed | Error | PodVanished | Evicted | ... (the Pod's or its container's reason). */
  reason: string;
  /** Whether a replacement Pod was started for it. */
  restarted?: boolean;
}

/** At most this many terminations are kept in ReplicaStatus.terminations (CRD maxItems agrees). */
export const MAX_TERMINATIONS = 20;

export interface ReplicaStatus {
  observedGeneration?: number;
  phase?: ReplicaPhase;
  podName?: string;
  podIP?: string;
  nodeName?: string;
  ready?: boolean;
  /** Pods replaced after they ended or vanished, over the Replica's life. */
  restarts?: number;
  /** Revision of the Pod this status describes. */
  revision?: string;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  /** When `ready` last became true. */
  readySince?: string;
  /** A replacement Pod is not created before this time (restart.delay). */
  nextRestartAt?: string;
  exitCode?: number;
  message?: string;
  terminations?: ReplicaTermination[];
}

export interface Replica {
  apiVersion?: string;
  kind?: string;
  metadata: V1ObjectMeta;
  spec: ReplicaSpec;
  status?: ReplicaStatus;
}

/** Every field of ServiceSpec with its default applied (template is left as given). */
export interface DefaultedServiceSpec {
  mode: ServiceMode;
  replicas: number;
  template: V1PodTemplateSpec;
  ports: (ServicePort & { protocol: PortProtocol })[];
  dependsOn: Required<ServiceDependency>[];
  update: Required<UpdateConfig>;
  rollback: Required<UpdateConfig>;
  restart: Required<RestartPolicy>;
  placement: Required<Placement>;
}

/** The defaults, the same as the CRD's (a unit test keeps them in step). Swarm's defaults, mostly. */
export const UPDATE_DEFAULTS: Readonly<Required<UpdateConfig>> = Object.freeze({
  parallelism: 1,
  delay: "0s",
  order: "StopFirst",
  failureAction: "Pause",
  monitor: "5s",
  maxFailureRatio: 0,
});
export const ROLLBACK_DEFAULTS: Readonly<Required<UpdateConfig>> = UPDATE_DEFAULTS;
export const RESTART_DEFAULTS: Readonly<Required<RestartPolicy>> = Object.freeze({
  condition: "Any",
  delay: "5s",
  maxAttempts: 0,
  window: "0s",
});
export const SERVICE_DEFAULTS = Object.freeze({
  mode: "Replicated" as ServiceMode,
  replicas: 1,
  dependencyCondition: "Started" as DependencyCondition,
  portProtocol: "TCP" as PortProtocol,
  maxReplicasPerNode: 0,
});

/** Applies every default; the input is not modified. */
export function withServiceDefaults(spec: ServiceSpec): DefaultedServiceSpec {
  return {
    mode: spec.mode ?? SERVICE_DEFAULTS.mode,
    replicas: spec.replicas ?? SERVICE_DEFAULTS.replicas,
    template: spec.template,
    ports: (spec.ports ?? []).map((p) => ({ ...p, protocol: p.protocol ?? SERVICE_DEFAULTS.portProtocol })),
    dependsOn: (spec.dependsOn ?? []).map((d) => ({
      service: d.service,
      condition: d.condition ?? SERVICE_DEFAULTS.dependencyCondition,
    })),
    update: { ...UPDATE_DEFAULTS, ...stripUndefined(spec.update ?? {}) },
    rollback: { ...ROLLBACK_DEFAULTS, ...stripUndefined(spec.rollback ?? {}) },
    restart: { ...RESTART_DEFAULTS, ...stripUndefined(spec.restart ?? {}) },
    placement: {
      nodeSelector: spec.placement?.nodeSelector ?? {},
      maxReplicasPerNode: spec.placement?.maxReplicasPerNode ?? SERVICE_DEFAULTS.maxReplicasPerNode,
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The pattern the CRD validates durations with (kept beside the parser so they agree). */
export const DURATION_PATTERN = "^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$";
const DURATION_RE = new RegExp(DURATION_PATTERN);
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses an API duration to milliseconds; throws InvalidArgumentError naming the field. */
export function parseDuration(value: Duration, field = "duration"): number {
  if (!DURATION_RE.test(value)) {
    throw new InvalidArgumentError(`${field} "${value}" is not a duration like "10s", "1m30s" or "500ms"`);
  }
  if (value === "0") return 0;
  let total = 0;
  for (const m of value.matchAll(/([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g)) {
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
  }
  return Math.round(total);
}

/** Formats milliseconds as an API duration ("1m30s", "250ms", "0s"). */
export function formatDuration(ms: number): Duration {
  if (ms <= 0) return "0s";
  let rest = Math.round(ms);
  let out = "";
  for (const [unit, size] of [
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
