// Assembles the berth.dev/v1alpha1 Service object for one converted compose service.
import type { V1ObjectMeta } from "@kubernetes/client-node";
import { API_VERSION, LABEL_PROJECT, SERVICE_KIND, type ServiceSpec } from "../types.js";
import type { ConvertedService } from "./service.js";

/** A berth Service as compose writes it: kind, name and project label always set. */
export interface ComposeResource {
  apiVersion: typeof API_VERSION;
  kind: typeof SERVICE_KIND;
  metadata: V1ObjectMeta & { name: string; labels: Record<string, string> };
  spec: ServiceSpec;
}

export interface ResourceMeta {
  project: string;
  namespace: string | undefined;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function toResource(s: ConvertedService, meta: ResourceMeta): ComposeResource {
  const metadata: ComposeResource["metadata"] = {
    name: s.name,
    labels: { ...meta.labels, [LABEL_PROJECT]: meta.project },
  };
  if (meta.namespace !== undefined) metadata.namespace = meta.namespace;
  if (Object.keys(meta.annotations).length > 0) metadata.annotations = meta.annotations;
  const template = structuredClone(s.template);
  template.metadata = {
    ...template.metadata,
    labels: { ...template.metadata?.labels, [LABEL_PROJECT]: meta.project },
  };
  const spec: ServiceSpec = { mode: s.deploy.mode, template };
  if (s.deploy.replicas !== undefined) spec.replicas = s.deploy.replicas;
  if (s.ports.length > 0) spec.ports = s.ports;
  if (s.dependsOn.length > 0) spec.dependsOn = s.dependsOn;
  if (s.deploy.update) spec.update = s.deploy.update;
  if (s.deploy.rollback) spec.rollback = s.deploy.rollback;
  if (s.deploy.restart) spec.restart = s.deploy.restart;
  if (s.deploy.placement && Object.keys(s.deploy.placement).length > 0) spec.placement = s.deploy.placement;
  return { apiVersion: API_VERSION, kind: SERVICE_KIND, metadata, spec };
}
