// Which nodes may run a replica, and pinning slots to nodes under placement.maxReplicasPerNode.
import type { V1Node, V1Taint, V1Toleration } from "@kubernetes/client-node";

/** Kubernetes toleration matching: empty key with Exists tolerates everything; empty effect any effect. */
export function tolerates(toleration: V1Toleration, taint: V1Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (!toleration.key) return toleration.operator === "Exists";
  if (toleration.key !== taint.key) return false;
  if (toleration.operator === "Exists") return true;
  return (toleration.value ?? "") === (taint.value ?? "");
}

export interface NodeEligibility {
  name: string;
  eligible: boolean;
  /** Why not, for messages. */
  reason?: string;
}

/** A node is eligible when Ready, schedulable, matching the selector, and every hard taint is tolerated. */
export function nodeEligibility(
  node: V1Node,
  nodeSelector: Record<string, string>,
  tolerations: V1Toleration[],
): NodeEligibility {
  const name = node.metadata?.name ?? "";
  if (node.metadata?.deletionTimestamp) return { name, eligible: false, reason: "being deleted" };
  if (node.spec?.unschedulable) return { name, eligible: false, reason: "unschedulable" };
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  if (ready?.status !== "True") return { name, eligible: false, reason: "not Ready" };
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(nodeSelector)) {
    if (labels[k] !== v) return { name, eligible: false, reason: `label ${k}=${v} missing` };
  }
  for (const taint of node.spec?.taints ?? []) {
    if (taint.effect !== "NoSchedule" && taint.effect !== "NoExecute") continue;
    if (!tolerations.some((t) => tolerates(t, taint))) {
      return { name, eligible: false, reason: `taint ${taint.key}:${taint.effect} not tolerated` };
    }
  }
  return { name, eligible: true };
}

/** Names of the eligible nodes, sorted. */
export function eligibleNodes(
  nodes: V1Node[],
  nodeSelector: Record<string, string>,
  tolerations: V1Toleration[],
): string[] {
  return nodes
    .map((n) => nodeEligibility(n, nodeSelector, tolerations))
    .filter((e) => e.eligible && e.name !== "")
    .map((e) => e.name)
    .sort();
}

/**
 * Pins slots to nodes with at most `max` per node: a slot keeps its node while that node is
 * eligible and under the cap (lower slots first); the others go to the least-loaded eligible node.
 * Returns slot → node; slots that fit nowhere are absent.
 */
export function assignSlots(
  slots: number[],
  current: Map<number, string | undefined>,
  eligible: string[],
  max: number,
): Map<number, string> {
  const load = new Map<string, number>(eligible.map((n) => [n, 0]));
  const result = new Map<number, string>();
  const sorted = [...slots].sort((a, b) => a - b);
  const unplaced: number[] = [];
  for (const slot of sorted) {
    const node = current.get(slot);
    const used = node === undefined ? undefined : load.get(node);
    if (node !== undefined && used !== undefined && used < max) {
      load.set(node, used + 1);
      result.set(slot, node);
    } else {
      unplaced.push(slot);
    }
  }
  for (const slot of unplaced) {
    let best: string | undefined;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (const n of eligible) {
      const used = load.get(n) as number;
      if (used < max && used < bestLoad) {
        best = n;
        bestLoad = used;
      }
    }
    if (best === undefined) continue;
    load.set(best, bestLoad + 1);
    result.set(slot, best);
  }
  return result;
}
