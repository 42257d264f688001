// Reading a berth Service's status the way `up` and `ps` report it.
import type { BerthService, Condition } from "../types.js";

export interface ServiceProgress {
  name: string;
  ready: number;
  /** Unknown until the controller has reported it (Global services depend on the nodes). */
  desired: number | undefined;
  available: boolean;
  /** Why it is not available yet, from the conditions; "" when available. */
  reason: string;
}

function condition(svc: BerthService, type: string): Condition | undefined {
  return svc.status?.conditions?.find((c) => c.type === type);
}

function explain(c: Condition): string {
  return c.message !== "" ? `${c.reason}: ${c.message}` : c.reason;
}

export function serviceProgress(svc: BerthService): ServiceProgress {
  const name = svc.metadata.name ?? "";
  const status = svc.status;
  const generation = svc.metadata.generation;
  const observed = status?.observedGeneration;
  const desired =
    status?.desiredReplicas ?? (svc.spec.mode === "Global" ? undefined : (svc.spec.replicas ?? 1));
  const ready = status?.readyReplicas ?? 0;
  if (generation !== undefined && (observed === undefined || observed < generation)) {
    return {
      name,
      ready,
      desired,
      available: false,
      reason: "waiting for the controller to observe the change",
    };
  }
  const available = condition(svc, "Available");
  if (available?.status === "True") return { name, ready, desired, available: true, reason: "" };
  const degraded = condition(svc, "Degraded");
  const deps = condition(svc, "DependenciesReady");
  const progressing = condition(svc, "Progressing");
  const update = status?.updateStatus;
  let reason = "no status reported yet";
  if (degraded?.status === "True") reason = explain(degraded);
  else if (deps?.status === "False") reason = explain(deps);
  else if (update && (update.state === "Paused" || update.state === "RollbackPaused")) {
    reason = `update ${update.state}${update.message ? `: ${update.message}` : ""}`;
  } else if (available) reason = explain(available);
  else if (progressing) reason = explain(progressing);
  return { name, ready, desired, available: false, reason };
}

export function readyText(p: ServiceProgress): string {
  return `${p.ready}/${p.desired ?? "?"}`;
}
