// The ClusterIP core Service publishing `ports`: named like the berth Service so the compose service
// name resolves in DNS, selecting its Pods by label; only ready Pods become endpoints.
import type { V1Service, V1ServicePort } from "@kubernetes/client-node";
import type { BerthService, DefaultedServiceSpec } from "../types.js";
import { LABEL_PROJECT, LABEL_SERVICE } from "../types.js";
import type { PlanAction, PlannedEvent } from "./actions.js";
import { isControlledBy, refOf, serviceOwnerRef, stableStringify } from "./names.js";

export function desiredCorePorts(spec: DefaultedServiceSpec): V1ServicePort[] {
  const many = spec.ports.length > 1;
  return spec.ports.map((p) => {
    const port: V1ServicePort = {
      port: p.port,
      targetPort: p.targetPort ?? p.port,
      protocol: p.protocol,
    };
    // The API requires names once there are several ports.
    const name = p.name ?? (many ? `${p.protocol.toLowerCase()}-${p.port}` : undefined);
    if (name) port.name = name;
    return port;
  });
}

function comparablePorts(ports: V1ServicePort[] | undefined): string {
  return stableStringify(
    (ports ?? []).map((p) => ({
      name: p.name ?? "",
      port: p.port,
      targetPort: p.targetPort ?? p.port,
      protocol: p.protocol ?? "TCP",
    })),
  );
}

export interface CoreServicePlan {
  actions: PlanAction[];
  events: PlannedEvent[];
  /** Set when a core Service of that name exists but belongs to someone else. */
  conflict?: string;
}

export function planCoreService(
  service: BerthService,
  spec: DefaultedServiceSpec,
  existing: V1Service | undefined,
): CoreServicePlan {
  const name = service.metadata.name ?? "";
  const namespace = service.metadata.namespace ?? "";
  const ports = desiredCorePorts(spec);
  const selector = { [LABEL_SERVICE]: name };
  const owned = existing ? isControlledBy(existing, service, "Service") : false;
  if (existing && !owned) {
    if (ports.length === 0) return { actions: [], events: [] };
    const conflict = `core Service "${name}" exists and is not owned by this berth Service; ports are not published`;
    return {
      actions: [],
      events: [
        {
          type: "Warning",
          reason: "ServiceConflict",
          message: conflict,
          regarding: refOf(service, "berth.dev/v1alpha1", "Service"),
        },
      ],
      conflict,
    };
  }
  if (ports.length === 0) {
    if (!existing) return { actions: [], events: [] };
    return {
      actions: [{ type: "delete", target: refOf(existing, "v1", "Service"), reason: "no ports published" }],
      events: [],
    };
  }
  if (!existing) {
    const labels: Record<string, string> = { [LABEL_SERVICE]: name };
    const project = service.metadata.labels?.[LABEL_PROJECT];
    if (project) labels[LABEL_PROJECT] = project;
    return {
      actions: [
        {
          type: "create",
          object: {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name, namespace, labels, ownerReferences: [serviceOwnerRef(service)] },
            spec: { type: "ClusterIP", selector, ports },
          },
          reason: "publish ports",
        },
      ],
      events: [],
    };
  }
  const samePorts = comparablePorts(existing.spec?.ports) === comparablePorts(ports);
  const sameSelector = stableStringify(existing.spec?.selector ?? {}) === stableStringify(selector);
  if (samePorts && sameSelector) return { actions: [], events: [] };
  // Merge patches merge maps: keys someone else added to the selector are removed with null.
  const selectorPatch: Record<string, string | null> = { ...selector };
  for (const key of Object.keys(existing.spec?.selector ?? {}))
    if (!(key in selector)) selectorPatch[key] = null;
  return {
    actions: [
      {
        type: "patch",
        target: refOf(existing, "v1", "Service"),
        // A merge patch replaces lists whole, which is what a changed port list needs.
        patch: { spec: { ports, selector: selectorPatch } },
        reason: "ports changed",
      },
    ],
    events: [],
  };
}
