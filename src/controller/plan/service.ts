// planService: from a berth Service and what exists, the writes that move it one step towards its
// spec (revisions, Replicas, the core Service) and the status that describes where it stands.
import type { V1ControllerRevision } from "@kubernetes/client-node";
import type {
  BerthService,
  DefaultedServiceSpec,
  Replica,
  ServiceConditionType,
  ServiceStatus,
  UpdateConfig,
  UpdateStatus,
} from "../types.js";
import {
  API_VERSION,
  LABEL_NODE,
  LABEL_PROJECT,
  LABEL_SERVICE,
  LABEL_SLOT,
  parseDuration,
  REPLICA_KIND,
  SERVICE_KIND,
  withServiceDefaults,
} from "../types.js";
import type { PlanAction, PlannedEvent, PlannedObject, ServicePlan } from "./actions.js";
import { type ConditionInput, mergeConditions } from "./conditions.js";
import { planCoreService } from "./core-service.js";
import { dependencyState, findCycleFrom } from "./dependencies.js";
import type { ServicePlanInput } from "./inputs.js";
import {
  isLabelValue,
  iso,
  nodeReplicaName,
  podSelector,
  refOf,
  serviceOwnerRef,
  slotReplicaName,
  stableStringify,
  timeMs,
} from "./names.js";
import { assignSlots, eligibleNodes } from "./nodes.js";
import { buildRevision, revisionHashOf, revisionTemplate, templateHash } from "./revisions.js";

/** ControllerRevisions kept beyond those still referenced. */
export const REVISION_HISTORY_LIMIT = 10;

interface DesiredReplica {
  key: string;
  name: string;
  slot?: number;
  nodeName?: string;
}

type Cfg = Required<UpdateConfig>;

const isRollbackState = (s: UpdateStatus | undefined) => s?.state.startsWith("Rollback") === true;
const isActive = (s: UpdateStatus | undefined) => s?.state === "Updating" || s?.state === "RollbackStarted";
const isPaused = (s: UpdateStatus | undefined) => s?.state === "Paused" || s?.state === "RollbackPaused";

function keyOf(r: Replica, mode: DefaultedServiceSpec["mode"]): string | undefined {
  if (mode === "Replicated") return r.spec.slot !== undefined ? `slot:${r.spec.slot}` : undefined;
  return r.spec.slot === undefined && r.spec.nodeName ? `node:${r.spec.nodeName}` : undefined;
}

function replicaOrder(a: Replica, b: Replica): number {
  const d = (a.spec.slot ?? 0) - (b.spec.slot ?? 0);
  return d !== 0 ? d : (a.metadata.name ?? "").localeCompare(b.metadata.name ?? "");
}

/** What the Service planner decides about updates, before turning it into writes. */
interface UpdateDecision {
  target: string;
  cfg: Cfg;
  us: UpdateStatus | undefined;
  current: string | undefined;
}

/** Which revision to converge on, with which config, given the spec and the previous update state. */
function decideUpdate(
  spec: DefaultedServiceSpec,
  prev: ServiceStatus,
  specHash: string,
  gen: number,
  now: string,
  events: (type: "Normal" | "Warning", reason: string, message: string) => void,
): UpdateDecision {
  const current = prev.currentRevision;
  const us = prev.updateStatus ? { ...prev.updateStatus } : undefined;
  // First sight: the spec's revision is the current one; later changes are rolling updates from it.
  if (!current) return { target: specHash, cfg: spec.update, us, current: specHash };
  if (isRollbackState(us) && us?.failedRevision === specHash) {
    // The spec still names the revision that failed: stay on the rollback target until it changes.
    const target = prev.updateRevision ?? current;
    if (us.state === "RollbackPaused" && gen > (us.generation ?? 0)) {
      events("Normal", "RollbackResumed", "rollback resumed after a spec change");
      return {
        target,
        cfg: spec.rollback,
        current,
        us: {
          state: "RollbackStarted",
          startedAt: now,
          generation: gen,
          failedRevision: specHash,
          message: "rollback resumed",
        },
      };
    }
    return { target, cfg: spec.rollback, us, current };
  }
  if (specHash !== (prev.updateRevision ?? current)) {
    events("Normal", "UpdateStarted", `updating to revision ${specHash}`);
    return {
      target: specHash,
      cfg: spec.update,
      current,
      us: { state: "Updating", startedAt: now, generation: gen, message: `updating to revision ${specHash}` },
    };
  }
  if (us?.state === "Paused" && gen > (us.generation ?? 0)) {
    events("Normal", "UpdateResumed", "update resumed after a spec change");
    return {
      target: specHash,
      cfg: spec.update,
      current,
      us: { state: "Updating", startedAt: now, generation: gen, message: `updating to revision ${specHash}` },
    };
  }
  return { target: specHash, cfg: isRollbackState(us) ? spec.rollback : spec.update, us, current };
}

export function planService(input: ServicePlanInput): ServicePlan {
  const { service, now } = input;
  const prev = service.status ?? {};
  if (service.metadata.deletionTimestamp)
    return { actions: [], status: prev, statusChanged: false, events: [] };

  const name = service.metadata.name ?? "";
  const gen = service.metadata.generation ?? 0;
  const nowIso = iso(now);
  const nowMs = now.getTime();
  const spec = withServiceDefaults(service.spec);
  const svcRef = refOf(service, API_VERSION, SERVICE_KIND);
  const actions: PlanAction[] = [];
  const events: PlannedEvent[] = [];
  const requeues: number[] = [];
  const event = (type: "Normal" | "Warning", reason: string, message: string) =>
    events.push({ type, reason, message, regarding: svcRef });
  const degraded: { reason: string; message: string }[] = [];

  // Revisions and the update state machine.
  const template = revisionTemplate(spec);
  const specHash = templateHash(template);
  const revByHash = new Map<string, V1ControllerRevision>();
  for (const r of input.revisions) {
    const h = revisionHashOf(r);
    if (h && !r.metadata?.deletionTimestamp) revByHash.set(h, r);
  }
  let nextRevisionNumber = Math.max(0, ...input.revisions.map((r) => r.revision)) + 1;
  const ensureRevision = (hash: string): boolean => {
    if (revByHash.has(hash)) return true;
    if (hash !== specHash) return false;
    const rev = buildRevision(service, template, hash, nextRevisionNumber++);
    actions.push({ type: "create", object: rev, reason: `store revision ${hash}` });
    revByHash.set(hash, rev as V1ControllerRevision);
    return true;
  };

  let { target, cfg, us, current } = decideUpdate(spec, prev, specHash, gen, nowIso, event);
  if (!ensureRevision(target)) {
    const message = `cannot roll back: ControllerRevision for revision ${target} is gone`;
    if (us?.state !== "RollbackPaused") event("Warning", "RollbackPaused", message);
    us = { ...(us ?? { state: "RollbackPaused" }), state: "RollbackPaused", generation: gen, message };
    degraded.push({ reason: "RevisionMissing", message });
  }

  // Desired replicas: slots 1..n, or one per eligible node.
  const tolerations = template.spec?.tolerations ?? [];
  const selector = template.spec?.nodeSelector ?? {};
  let desired: DesiredReplica[];
  const live = input.replicas.filter((r) => !r.metadata.deletionTimestamp);
  const pins = new Map<number, string>();
  const pinning = spec.mode === "Replicated" && spec.placement.maxReplicasPerNode > 0;
  if (spec.mode === "Replicated") {
    const slots = Array.from({ length: spec.replicas }, (_, i) => i + 1);
    desired = slots.map((slot) => ({ key: `slot:${slot}`, name: slotReplicaName(name, slot), slot }));
    if (pinning) {
      const currentPins = new Map<number, string | undefined>(
        live.filter((r) => r.spec.slot !== undefined).map((r) => [r.spec.slot as number, r.spec.nodeName]),
      );
      const eligible = eligibleNodes(input.nodes, selector, tolerations);
      for (const [slot, node] of assignSlots(
        slots,
        currentPins,
        eligible,
        spec.placement.maxReplicasPerNode,
      )) {
        pins.set(slot, node);
      }
      const unplaced = slots.length - pins.size;
      if (unplaced > 0) {
        degraded.push({
          reason: "InsufficientNodes",
          message: `${unplaced} of ${slots.length} replicas cannot be placed: ${eligible.length} eligible nodes, at most ${spec.placement.maxReplicasPerNode} per node`,
        });
      }
    }
  } else {
    desired = eligibleNodes(input.nodes, selector, tolerations).map((node) => ({
      key: `node:${node}`,
      name: nodeReplicaName(name, node),
      nodeName: node,
    }));
  }
  const desiredKeys = new Set(desired.map((d) => d.key));
  const desiredCount = desired.length;

  // Replicas that must go: not wanted any more (highest slots first), or twins of a kept one.
  const byKey = new Map<string, Replica>();
  const doomed: Replica[] = [];
  const preference = (r: Replica) =>
    (r.spec.revision === target ? 2 : 0) +
    (r.status?.ready ? 1 : 0) -
    (timeMs(r.metadata.creationTimestamp) ?? 0) / 1e15;
  for (const r of live) {
    const key = keyOf(r, spec.mode);
    if (key === undefined || !desiredKeys.has(key)) {
      doomed.push(r);
      continue;
    }
    const other = byKey.get(key);
    if (!other) byKey.set(key, r);
    else if (preference(r) > preference(other)) {
      doomed.push(other);
      byKey.set(key, r);
    } else doomed.push(r);
  }
  doomed.sort((a, b) => -replicaOrder(a, b));
  for (const r of doomed) {
    actions.push({
      type: "delete",
      target: refOf(r, API_VERSION, REPLICA_KIND),
      preconditions: r.metadata.uid ? { uid: r.metadata.uid } : {},
      reason: "scaled down",
    });
  }
  if (doomed.length > 0)
    event("Normal", "ScaledDown", `deleting replicas ${doomed.map((r) => r.metadata.name).join(", ")}`);
  const kept = [...byKey.values()].sort(replicaOrder);

  // dependsOn gates the creation of replicas; a cycle is reported, never waited on.
  const graph = { ...input.serviceGraph, [name]: spec.dependsOn.map((d) => d.service) };
  let deps: ConditionInput<ServiceConditionType>;
  if (spec.dependsOn.length === 0) {
    deps = {
      type: "DependenciesReady",
      status: "True",
      reason: "NoDependencies",
      message: "no dependencies",
    };
  } else {
    const cycle = findCycleFrom(graph, name);
    if (cycle) {
      deps = {
        type: "DependenciesReady",
        status: "False",
        reason: "DependencyCycle",
        message: `dependency cycle: ${cycle.join(" → ")}`,
      };
    } else {
      const unmet = spec.dependsOn
        .map((d) => {
          const view = input.dependencies.find((v) => v.name === d.service) ?? {
            name: d.service,
            replicas: [],
          };
          return dependencyState(view, d.condition);
        })
        .filter((s) => !s.met);
      deps =
        unmet.length === 0
          ? {
              type: "DependenciesReady",
              status: "True",
              reason: "AllDependenciesMet",
              message: "all dependencies met",
            }
          : {
              type: "DependenciesReady",
              status: "False",
              reason: (unmet[0] as { reason: string }).reason,
              message: unmet.map((s) => s.message).join("; "),
            };
    }
  }
  const depsReady = deps.status === "True";

  // Create missing replicas; re-pin kept ones whose node changed.
  const createRevision = isPaused(us) && current && revByHash.has(current) ? current : target;
  const takenNames = new Set(input.replicas.map((r) => r.metadata.name));
  for (const d of doomed) takenNames.add(d.metadata.name);
  const created: string[] = [];
  let waitingForDeps = 0;
  for (const d of desired) {
    if (byKey.has(d.key)) continue;
    const nodeName = pinning ? pins.get(d.slot as number) : d.nodeName;
    if (pinning && nodeName === undefined) continue;
    if (!depsReady) {
      waitingForDeps++;
      continue;
    }
    if (takenNames.has(d.name) || !revByHash.has(createRevision)) continue;
    actions.push({
      type: "create",
      object: buildReplica(service, d, nodeName, createRevision),
      reason: "scale up",
    });
    created.push(d.name);
  }
  if (created.length > 0) event("Normal", "ScaledUp", `created replicas ${created.join(", ")}`);
  if (pinning) {
    for (const r of kept) {
      const node = pins.get(r.spec.slot as number);
      if (node !== undefined && node !== r.spec.nodeName) {
        actions.push({
          type: "patch",
          target: refOf(r, API_VERSION, REPLICA_KIND),
          patch: { metadata: { resourceVersion: r.metadata.resourceVersion }, spec: { nodeName: node } },
          reason: `placed on node ${node}`,
        });
      }
    }
  }

  // Rolling update over the kept replicas.
  const settled = (r: Replica, rev: string) =>
    r.spec.revision === rev &&
    r.status?.revision === rev &&
    (r.status.ready === true || r.status.phase === "Succeeded" || r.status.phase === "Failed");
  const failedDuring = (r: Replica, rev: string, u: UpdateStatus): boolean => {
    const from = timeMs(u.startedAt) ?? 0;
    const until = u.lastBatchReadyAt
      ? (timeMs(u.lastBatchReadyAt) ?? 0) + parseDuration(cfg.monitor, "monitor")
      : Number.POSITIVE_INFINITY;
    if (r.spec.revision === rev && r.status?.revision === rev && r.status.phase === "Failed") return true;
    return (r.status?.terminations ?? []).some((t) => {
      const at = timeMs(t.time) ?? 0;
      return t.revision === rev && t.failed && at >= from && at <= until;
    });
  };
  if (us && isActive(us)) {
    const failed = kept.filter((r) => failedDuring(r, target, us as UpdateStatus)).length;
    if (
      failed > 0 &&
      failed / Math.max(1, desiredCount) > cfg.maxFailureRatio &&
      cfg.failureAction !== "Continue"
    ) {
      const message = `${failed} of ${desiredCount} replicas failed on revision ${target} (maxFailureRatio ${cfg.maxFailureRatio})`;
      if (
        us.state === "Updating" &&
        cfg.failureAction === "Rollback" &&
        current &&
        current !== target &&
        revByHash.has(current)
      ) {
        event("Warning", "UpdateRollbackStarted", `${message}; rolling back to revision ${current}`);
        us = {
          state: "RollbackStarted",
          startedAt: nowIso,
          generation: gen,
          failedRevision: target,
          message: `rolling back: ${message}`,
        };
        target = current;
        cfg = spec.rollback;
      } else {
        const state = us.state === "Updating" ? "Paused" : "RollbackPaused";
        event("Warning", state === "Paused" ? "UpdatePaused" : "RollbackPaused", message);
        us = {
          ...us,
          state,
          generation: gen,
          message: `${state === "Paused" ? "update" : "rollback"} paused: ${message}`,
        };
      }
    }
  }
  // Under Continue a failed replica does not hold the update back; start-first keeps waiting for it,
  // since its old Pod still runs beside the new one and another batch would exceed the surge.
  const countsAsFailed = (r: Replica) =>
    cfg.failureAction === "Continue" &&
    cfg.order === "StopFirst" &&
    us !== undefined &&
    failedDuring(r, target, us);
  const inProgress = kept.filter(
    (r) => r.spec.revision === target && !settled(r, target) && !countsAsFailed(r),
  );
  const old = kept.filter((r) => r.spec.revision !== target);
  const updating: string[] = [];
  if (old.length === 0 && inProgress.length === 0 && created.length === 0) {
    if (us && isActive(us)) {
      const readyAt = us.lastBatchReadyAt ?? nowIso;
      us = { ...us, lastBatchReadyAt: readyAt };
      delete us.batchStartedAt;
      delete us.nextBatchAt;
      const end = (timeMs(readyAt) ?? nowMs) + parseDuration(cfg.monitor, "monitor");
      if (nowMs < end) requeues.push(end - nowMs);
      else {
        const rolledBack = us.state === "RollbackStarted";
        const message = rolledBack
          ? `rolled back to revision ${target}; revision ${us.failedRevision} failed`
          : `update to revision ${target} completed`;
        event(
          rolledBack ? "Warning" : "Normal",
          rolledBack ? "RollbackCompleted" : "UpdateCompleted",
          message,
        );
        us = { ...us, state: rolledBack ? "RollbackCompleted" : "Completed", completedAt: nowIso, message };
        current = target;
      }
    } else if (!isPaused(us)) current = target;
  } else if (!isPaused(us) && old.length > 0 && inProgress.length === 0) {
    if (!us || !isActive(us))
      us = {
        state: "Updating",
        startedAt: nowIso,
        generation: gen,
        message: `updating to revision ${target}`,
      };
    if (us.batchStartedAt) {
      // The previous batch is done: the next one waits update.delay.
      const delay = parseDuration(cfg.delay, "delay");
      const { batchStartedAt: _, ...rest } = us;
      us = delay > 0 ? { ...rest, nextBatchAt: iso(new Date(nowMs + delay)) } : rest;
    }
    const nextAt = timeMs(us.nextBatchAt);
    if (nextAt !== undefined && nowMs < nextAt) requeues.push(nextAt - nowMs);
    else if (revByHash.has(target)) {
      // Each ready, settled replica a batch takes costs one unit of `parallelism`: stop-first takes it
      // down, start-first runs a second Pod beside it. Replicas already down, or already running a
      // second Pod for an earlier revision, cost nothing more and are retargeted first.
      const extra = (r: Replica) => r.status?.revision !== undefined && r.status.revision !== r.spec.revision;
      const costs = (r: Replica) =>
        r.status?.ready === true && (cfg.order === "StopFirst" || !extra(r)) ? 1 : 0;
      const busy =
        cfg.order === "StopFirst"
          ? kept.filter((r) => r.status?.ready !== true).length
          : kept.filter(extra).length;
      let budget = cfg.parallelism === 0 ? old.length : Math.max(0, cfg.parallelism - busy);
      const candidates = [...old].sort((a, b) => costs(a) - costs(b) || replicaOrder(a, b));
      for (const r of candidates) {
        if (costs(r) > 0) {
          if (budget <= 0) break;
          budget--;
        }
        actions.push({
          type: "patch",
          target: refOf(r, API_VERSION, REPLICA_KIND),
          patch: { metadata: { resourceVersion: r.metadata.resourceVersion }, spec: { revision: target } },
          reason: `update to revision ${target}`,
        });
        updating.push(r.metadata.name ?? "");
      }
      if (updating.length > 0) {
        const { nextBatchAt: _, ...rest } = us;
        us = { ...rest, batchStartedAt: nowIso };
        event("Normal", "UpdatingReplicas", `updating ${updating.join(", ")} to revision ${target}`);
      }
    }
  }

  // The core Service for ports.
  const core = planCoreService(service, spec, input.coreService);
  actions.push(...core.actions);
  events.push(...core.events);
  if (core.conflict) degraded.push({ reason: "ServiceConflict", message: core.conflict });

  // Revision history: keep what is referenced and the newest few.
  const referenced = new Set<string>([target, specHash]);
  if (current) referenced.add(current);
  if (us?.failedRevision) referenced.add(us.failedRevision);
  for (const r of input.replicas) {
    referenced.add(r.spec.revision);
    if (r.status?.revision) referenced.add(r.status.revision);
  }
  const unreferenced = input.revisions
    .filter((r) => !r.metadata?.deletionTimestamp && !referenced.has(revisionHashOf(r) ?? ""))
    .sort((a, b) => b.revision - a.revision);
  for (const r of unreferenced.slice(REVISION_HISTORY_LIMIT)) {
    actions.push({
      type: "delete",
      target: refOf(r, "apps/v1", "ControllerRevision"),
      reason: "revision history limit",
    });
  }

  // Status.
  const ready = live.filter((r) => r.status?.ready === true).length;
  const updated = live.filter((r) => r.spec.revision === target && r.status?.revision === target).length;
  const failedReplicas = kept.filter((r) => r.status?.phase === "Failed").length;
  if (us?.state === "Paused" || us?.state === "RollbackPaused")
    degraded.unshift({ reason: "UpdatePaused", message: us.message ?? "" });
  if (us?.state === "RollbackCompleted" && us.failedRevision === specHash) {
    degraded.unshift({
      reason: "RolledBack",
      message: `revision ${specHash} failed and was rolled back to ${target}; change the spec to retry`,
    });
  }
  if (failedReplicas > 0)
    degraded.push({
      reason: "ReplicasFailed",
      message: `${failedReplicas} replicas failed and are not restarted`,
    });

  const activeNow = isActive(us);
  const allowedDown = activeNow && cfg.order === "StopFirst" ? cfg.parallelism || desiredCount : 0;
  const minAvailable = desiredCount === 0 ? 0 : Math.max(1, desiredCount - allowedDown);
  const availableMsg = `${ready} of ${desiredCount} replicas ready`;
  const busy =
    doomed.length > 0 ||
    created.length > 0 ||
    waitingForDeps > 0 ||
    inProgress.length > 0 ||
    old.length > 0 ||
    kept.length < desiredCount;
  let progressing: ConditionInput<ServiceConditionType>;
  if (isPaused(us)) {
    progressing = {
      type: "Progressing",
      status: "False",
      reason: us?.state === "Paused" ? "UpdatePaused" : "RollbackPaused",
      message: us?.message ?? "",
    };
  } else if (activeNow) {
    progressing = {
      type: "Progressing",
      status: "True",
      reason: us?.state === "RollbackStarted" ? "RollingBack" : "Updating",
      message: `${updated} of ${desiredCount} replicas on revision ${target}`,
    };
  } else if (waitingForDeps > 0) {
    progressing = {
      type: "Progressing",
      status: "True",
      reason: "WaitingForDependencies",
      message: deps.message,
    };
  } else if (busy) {
    progressing = {
      type: "Progressing",
      status: "True",
      reason: "Scaling",
      message: `${kept.length} of ${desiredCount} replicas exist`,
    };
  } else {
    progressing = { type: "Progressing", status: "False", reason: "Complete", message: availableMsg };
  }
  const conditions = mergeConditions(
    prev.conditions,
    [
      ready >= minAvailable
        ? { type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: availableMsg }
        : { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: availableMsg },
      progressing,
      deps,
      degraded.length > 0
        ? {
            type: "Degraded",
            status: "True",
            reason: (degraded[0] as { reason: string }).reason,
            message: degraded.map((d) => d.message).join("; "),
          }
        : { type: "Degraded", status: "False", reason: "AsExpected", message: "no failures" },
    ],
    gen,
    nowIso,
  );
  const status: ServiceStatus = {
    observedGeneration: gen,
    replicas: live.length,
    readyReplicas: ready,
    updatedReplicas: updated,
    desiredReplicas: desiredCount,
    updateRevision: target,
    selector: podSelector(name),
    conditions,
  };
  if (current) status.currentRevision = current;
  if (us) status.updateStatus = us;
  const plan: ServicePlan = {
    actions,
    status,
    statusChanged: stableStringify(status) !== stableStringify(prev),
    events,
  };
  if (requeues.length > 0) plan.requeueAfterMs = Math.max(1, Math.ceil(Math.min(...requeues)));
  return plan;
}

function buildReplica(
  service: BerthService,
  d: DesiredReplica,
  nodeName: string | undefined,
  revision: string,
): PlannedObject {
  const name = service.metadata.name ?? "";
  const labels: Record<string, string> = { [LABEL_SERVICE]: name };
  if (d.slot !== undefined) labels[LABEL_SLOT] = String(d.slot);
  if (d.nodeName && isLabelValue(d.nodeName)) labels[LABEL_NODE] = d.nodeName;
  const project = service.metadata.labels?.[LABEL_PROJECT];
  if (project) labels[LABEL_PROJECT] = project;
  const spec: Replica["spec"] = { service: name, revision };
  if (d.slot !== undefined) spec.slot = d.slot;
  if (nodeName) spec.nodeName = nodeName;
  return {
    apiVersion: API_VERSION,
    kind: "Replica",
    metadata: {
      name: d.name,
      namespace: service.metadata.namespace ?? "",
      labels,
      ownerReferences: [serviceOwnerRef(service)],
    },
    spec,
  };
}
