// Where each resource the controller touches lives in the API: the REST path pieces and its kind.

export interface ResourceType {
  /** "" for the core group. */
  group: string;
  version: string;
  /** The plural resource name used in paths, e.g. "pods". */
  plural: string;
  kind: string;
  namespaced: boolean;
}

export const PODS: ResourceType = { group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true };
export const CORE_SERVICES: ResourceType = {
  group: "",
  version: "v1",
  plural: "services",
  kind: "Service",
  namespaced: true,
};
export const NODES: ResourceType = {
  group: "",
  version: "v1",
  plural: "nodes",
  kind: "Node",
  namespaced: false,
};
export const EVENTS: ResourceType = {
  group: "",
  version: "v1",
  plural: "events",
  kind: "Event",
  namespaced: true,
};
export const CONTROLLER_REVISIONS: ResourceType = {
  group: "apps",
  version: "v1",
  plural: "controllerrevisions",
  kind: "ControllerRevision",
  namespaced: true,
};
export const LEASES: ResourceType = {
  group: "coordination.k8s.io",
  version: "v1",
  plural: "leases",
  kind: "Lease",
  namespaced: true,
};
export const BERTH_SERVICES: ResourceType = {
  group: "berth.dev",
  version: "v1alpha1",
  plural: "services",
  kind: "Service",
  namespaced: true,
};
export const BERTH_REPLICAS: ResourceType = {
  group: "berth.dev",
  version: "v1alpha1",
  plural: "replicas",
  kind: "Replica",
  namespaced: true,
};

export function apiVersionOf(r: ResourceType): string {
  return r.group === "" ? r.version : `${r.group}/${r.version}`;
}

/** The collection path; without a namespace a namespaced resource is listed across all namespaces. */
export function collectionPath(r: ResourceType, namespace?: string): string {
  const base = r.group === "" ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${base}${ns}/${r.plural}`;
}

export function objectPath(r: ResourceType, namespace: string | undefined, name: string): string {
  return `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;
}

export function describeResource(r: ResourceType): string {
  return r.group === "" ? r.plural : `${r.plural}.${r.group}`;
}
