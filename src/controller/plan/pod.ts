// The Pod of a Replica: built from the revision's stored template, and read back into status facts.
import type { V1Affinity, V1Pod, V1PodTemplateSpec } from "@kubernetes/client-node";
import type { Replica } from "../types.js";
import {
  ANNOTATION_NODE_PIN,
  ANNOTATION_RESTART_ATTEMPT,
  API_VERSION,
  LABEL_NODE,
  LABEL_REPLICA,
  LABEL_REVISION,
  LABEL_SERVICE,
  LABEL_SLOT,
  REPLICA_KIND,
} from "../types.js";
import type { PlannedObject } from "./actions.js";
import { controllerRef, isLabelValue, podName } from "./names.js";

/** Pin a Pod to one node through required node affinity, as the DaemonSet controller does. */
function pinToNode(affinity: V1Affinity | undefined, node: string): V1Affinity {
  const field = { key: "metadata.name", operator: "In", values: [node] };
  const required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required?.nodeSelectorTerms?.length ? required.nodeSelectorTerms : [{}];
  // Terms are ORed: the pin must be in each of them to hold.
  const pinned = terms.map((t) => ({ ...t, matchFields: [...(t.matchFields ?? []), field] }));
  return {
    ...(affinity ?? {}),
    nodeAffinity: {
      ...(affinity?.nodeAffinity ?? {}),
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: pinned },
    },
  };
}

/**
 * The Pod for `replica` at restart `attempt`. restartPolicy is Never: the Replica, not kubelet,
 * restarts per Service.spec.restart, so an ended Pod is replaced by a new one.
 */
export function buildPod(replica: Replica, template: V1PodTemplateSpec, attempt: number): PlannedObject {
  const name = replica.metadata.name ?? "";
  const labels: Record<string, string> = {
    ...(template.metadata?.labels ?? {}),
    [LABEL_SERVICE]: replica.spec.service,
    [LABEL_REVISION]: replica.spec.revision,
  };
  if (replica.spec.slot !== undefined) labels[LABEL_SLOT] = String(replica.spec.slot);
  else if (replica.spec.nodeName && isLabelValue(replica.spec.nodeName))
    labels[LABEL_NODE] = replica.spec.nodeName;
  if (isLabelValue(name)) labels[LABEL_REPLICA] = name;
  const annotations: Record<string, string> = {
    ...(template.metadata?.annotations ?? {}),
    [ANNOTATION_RESTART_ATTEMPT]: String(attempt),
  };
  if (replica.spec.nodeName) annotations[ANNOTATION_NODE_PIN] = replica.spec.nodeName;
  const spec = structuredClone(template.spec ?? { containers: [] });
  spec.restartPolicy = "Never";
  if (replica.spec.nodeName) spec.affinity = pinToNode(spec.affinity, replica.spec.nodeName);
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: podName(name, replica.spec.revision, attempt),
      namespace: replica.metadata.namespace ?? "",
      labels,
      annotations,
      ownerReferences: [controllerRef(replica, API_VERSION, REPLICA_KIND)],
    },
    spec,
  };
}

/** Whether `pod` runs what `replica` asks for now (revision and node pin). */
export function podMatches(pod: V1Pod, replica: Replica): boolean {
  return (
    pod.metadata?.labels?.[LABEL_REVISION] === replica.spec.revision &&
    (pod.metadata?.annotations?.[ANNOTATION_NODE_PIN] ?? "") === (replica.spec.nodeName ?? "")
  );
}

export function isTerminating(pod: V1Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
}

export function hasEnded(pod: V1Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

export function isPodReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;
}

export function readySince(pod: V1Pod): Date | string | undefined {
  return pod.status?.conditions?.find((c) => c.type === "Ready" && c.status === "True")?.lastTransitionTime;
}

export function restartAttempt(pod: V1Pod): number {
  const n = Number(pod.metadata?.annotations?.[ANNOTATION_RESTART_ATTEMPT]);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export interface PodOutcome {
  failed: boolean;
  exitCode?: number;
  reason: string;
  message?: string;
  finishedAt?: Date | string;
}

/** How an ended Pod ended: the first failing container decides exit code and reason. */
export function podOutcome(pod: V1Pod): PodOutcome {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const terminated = statuses.map((s) => s.state?.terminated).filter((t) => t !== undefined && t !== null);
  const failing = terminated.find((t) => t.exitCode !== 0);
  const chosen = failing ?? terminated[terminated.length - 1];
  const failed = pod.status?.phase === "Failed" || failing !== undefined;
  let finishedAt: Date | string | undefined;
  for (const t of terminated) {
    if (t.finishedAt && (finishedAt === undefined || new Date(t.finishedAt) > new Date(finishedAt))) {
      finishedAt = t.finishedAt;
    }
  }
  const outcome: PodOutcome = {
    failed,
    reason: pod.status?.reason ?? chosen?.reason ?? (failed ? "Error" : "Completed"),
  };
  if (chosen) outcome.exitCode = chosen.exitCode;
  const message = pod.status?.message ?? chosen?.message;
  if (message) outcome.message = message;
  if (finishedAt) outcome.finishedAt = finishedAt;
  return outcome;
}

/** A short reason why a live Pod is not ready (a waiting container's reason), for status.message. */
export function podWaitingMessage(pod: V1Pod): string | undefined {
  for (const s of pod.status?.containerStatuses ?? []) {
    const w = s.state?.waiting;
    if (w?.reason) return w.message ? `${s.name}: ${w.reason}: ${w.message}` : `${s.name}: ${w.reason}`;
  }
  const unschedulable = pod.status?.conditions?.find(
    (c) => c.type === "PodScheduled" && c.status === "False",
  );
  if (unschedulable) return unschedulable.message ?? unschedulable.reason ?? "not scheduled";
  return undefined;
}
