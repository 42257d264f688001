// What the reconcilers give the planners: the observed objects, straight from the informer caches.
import type { V1ControllerRevision, V1Node, V1Pod, V1Service } from "@kubernetes/client-node";
import type { BerthService, Replica } from "../types.js";

/** One entry of spec.dependsOn as observed: the dependency Service (absent if it does not exist). */
export interface DependencyView {
  name: string;
  service?: BerthService;
  /** The dependency's Replicas (label berth.dev/service=<name>). */
  replicas: Replica[];
}

export interface ServicePlanInput {
  service: BerthService;
  /** Replicas labelled berth.dev/service=<name> in the namespace (owned by this Service). */
  replicas: Replica[];
  /** ControllerRevisions labelled berth.dev/service=<name> (owned by this Service). */
  revisions: V1ControllerRevision[];
  /** The core Service named like the berth Service, if it exists. */
  coreService?: V1Service;
  /** Every Node of the cluster (Global mode and maxReplicasPerNode need them). */
  nodes: V1Node[];
  /** One per spec.dependsOn entry, in the same order. */
  dependencies: DependencyView[];
  /** name → dependsOn service names, for every berth Service of the namespace (cycle detection). */
  serviceGraph: Record<string, string[]>;
  now: Date;
}

export interface ReplicaPlanInput {
  replica: Replica;
  /** Pods owned by this Replica (ownerReference uid), terminating ones included. */
  pods: V1Pod[];
  /** The owning berth Service; absent while it is being deleted (then nothing is created). */
  service?: BerthService;
  /** The ControllerRevision `<service>-<replica.spec.revision>`, if it exists. */
  revision?: V1ControllerRevision;
  now: Date;
}
