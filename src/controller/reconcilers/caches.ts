// The informers the reconcilers read from, with the indexes they look objects up by.
import type { V1ControllerRevision, V1Node, V1Pod, V1Service } from "@kubernetes/client-node";
import type { Logger } from "pino";
import type { KubeClient } from "../kube/client.js";
import { Informer } from "../kube/informer.js";
import type { AnyObject, OwnerReference } from "../kube/object.js";
import {
  BERTH_REPLICAS,
  BERTH_SERVICES,
  CONTROLLER_REVISIONS,
  CORE_SERVICES,
  NODES,
  PODS,
} from "../kube/resources.js";
import { type BerthService, LABEL_SERVICE, type Replica } from "../types.js";

/** Index: `namespace/service` of the berth Service an object belongs to. */
export const BY_SERVICE = "service";
/** Index: uid of the controlling owner. */
export const BY_OWNER = "owner";
/** Index (Services): `namespace/dependency` for every spec.dependsOn entry. */
export const BY_DEPENDENCY = "dependency";
/** Index (Services): namespace. */
export const BY_NAMESPACE = "namespace";

export interface Caches {
  services: Informer<BerthService>;
  replicas: Informer<Replica>;
  pods: Informer<V1Pod>;
  coreServices: Informer<V1Service>;
  revisions: Informer<V1ControllerRevision>;
  nodes: Informer<V1Node>;
  all: Informer<AnyObject>[];
}

export interface CacheOptions {
  /** Watch one namespace (nodes are cluster-scoped and always watched whole). */
  namespace?: string;
  log?: Logger;
}

interface Meta {
  metadata?: { namespace?: string; labels?: Record<string, string>; ownerReferences?: OwnerReference[] };
}

const byServiceLabel = (o: Meta): string[] => {
  const svc = o.metadata?.labels?.[LABEL_SERVICE];
  return svc ? [`${o.metadata?.namespace ?? ""}/${svc}`] : [];
};

const byControllerUid = (o: Meta): string[] => {
  const ref = o.metadata?.ownerReferences?.find((r) => r.controller === true);
  return ref ? [ref.uid] : [];
};

export function createCaches(client: KubeClient, opts: CacheOptions = {}): Caches {
  const base = { namespace: opts.namespace, log: opts.log };
  const services = new Informer<BerthService>(client, BERTH_SERVICES, base);
  const replicas = new Informer<Replica>(client, BERTH_REPLICAS, base);
  // Only berth's own Pods and revisions: the cluster's other Pods are none of the controller's business.
  const pods = new Informer<V1Pod>(client, PODS, { ...base, labelSelector: LABEL_SERVICE });
  const coreServices = new Informer<V1Service>(client, CORE_SERVICES, base);
  const revisions = new Informer<V1ControllerRevision>(client, CONTROLLER_REVISIONS, {
    ...base,
    labelSelector: LABEL_SERVICE,
  });
  const nodes = new Informer<V1Node>(client, NODES, { log: opts.log });

  services.addIndex(BY_NAMESPACE, (s) => [s.metadata.namespace ?? ""]);
  services.addIndex(BY_DEPENDENCY, (s) =>
    (s.spec?.dependsOn ?? []).map((d) => `${s.metadata.namespace ?? ""}/${d.service}`),
  );
  replicas.addIndex(BY_SERVICE, (r) => [`${r.metadata.namespace ?? ""}/${r.spec?.service ?? ""}`]);
  pods.addIndex(BY_OWNER, (p) => byControllerUid(p as Meta));
  revisions.addIndex(BY_SERVICE, (r) => byServiceLabel(r as Meta));

  const all = [services, replicas, pods, coreServices, revisions, nodes] as unknown as Informer<AnyObject>[];
  return { services, replicas, pods, coreServices, revisions, nodes, all };
}
