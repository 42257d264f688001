// Revisions: the pod template a Service runs, hashed and stored as an apps/v1 ControllerRevision,
// so a Replica's Pod is always built from the stored copy and a rollback restores it exactly.
import type { V1ControllerRevision, V1PodTemplateSpec } from "@kubernetes/client-node";
import type { BerthService, DefaultedServiceSpec } from "../types.js";
import { ANNOTATION_HASH_SCHEME, LABEL_PROJECT, LABEL_REVISION, LABEL_SERVICE } from "../types.js";
import type { PlannedObject } from "./actions.js";
import { revisionName, serviceOwnerRef, shortHash } from "./names.js";

const HASH_SCHEME = "v1";

/** The template replicas of this spec run: spec.template with placement.nodeSelector merged in. */
export function revisionTemplate(spec: DefaultedServiceSpec): V1PodTemplateSpec {
  const template = structuredClone(spec.template);
  const selector = spec.placement.nodeSelector;
  if (Object.keys(selector).length > 0) {
    template.spec = {
      ...(template.spec ?? { containers: [] }),
      nodeSelector: { ...(template.spec?.nodeSelector ?? {}), ...selector },
    };
  }
  return template;
}

/** The revision name of a template: a stable 10-character hash of its JSON. */
export function templateHash(template: V1PodTemplateSpec): string {
  return shortHash(template, 10);
}

export function revisionHashOf(rev: V1ControllerRevision): string | undefined {
  return rev.metadata?.labels?.[LABEL_REVISION];
}

/** The stored template of a ControllerRevision written by buildRevision. */
export function revisionTemplateOf(rev: V1ControllerRevision | undefined): V1PodTemplateSpec | undefined {
  const data: unknown = rev?.data;
  if (typeof data !== "object" || data === null) return undefined;
  const template = (data as { template?: unknown }).template;
  return typeof template === "object" && template !== null ? (template as V1PodTemplateSpec) : undefined;
}

export function buildRevision(
  service: BerthService,
  template: V1PodTemplateSpec,
  hash: string,
  number: number,
): PlannedObject {
  const name = service.metadata.name ?? "";
  const labels: Record<string, string> = { [LABEL_SERVICE]: name, [LABEL_REVISION]: hash };
  const project = service.metadata.labels?.[LABEL_PROJECT];
  if (project) labels[LABEL_PROJECT] = project;
  return {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name: revisionName(name, hash),
      namespace: service.metadata.namespace ?? "",
      labels,
      annotations: { [ANNOTATION_HASH_SCHEME]: HASH_SCHEME },
      ownerReferences: [serviceOwnerRef(service)],
    },
    data: { template },
    revision: number,
  };
}
