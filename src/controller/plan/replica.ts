// planReplica: a Replica keeps exactly one live Pod of its revision (two, briefly, during a
// start-first update), replaces a Pod that ended or vanished per Service.spec.restart, and
// reports the Pod in its status.
import type { V1Pod } from "@kubernetes/client-node";
import type {
  ReplicaPhase,
  ReplicaStatus,
  ReplicaTermination,
  RestartPolicy,
  UpdateOrder,
} from "../types.js";
import {
  API_VERSION,
  LABEL_REVISION,
  MAX_TERMINATIONS,
  parseDuration,
  REPLICA_KIND,
  RESTART_DEFAULTS,
  withServiceDefaults,
} from "../types.js";
import type { PlanAction, PlannedEvent, ReplicaPlan } from "./actions.js";
import type { ReplicaPlanInput } from "./inputs.js";
import { iso, refOf, stableStringify, timeMs } from "./names.js";
import {
  buildPod,
  hasEnded,
  isPodReady,
  isTerminating,
  podMatches,
  podOutcome,
  podWaitingMessage,
  readySince,
} from "./pod.js";
import { revisionTemplateOf } from "./revisions.js";

const REVISION_WAIT_MS = 5000;

function toIso(value: Date | string | undefined): string | undefined {
  const ms = timeMs(value);
  return ms === undefined ? undefined : iso(new Date(ms));
}

function byCreation(a: V1Pod, b: V1Pod): number {
  const d = (timeMs(a.metadata?.creationTimestamp) ?? 0) - (timeMs(b.metadata?.creationTimestamp) ?? 0);
  return d !== 0 ? d : (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? "");
}

/** The status facts one Pod gives (the rest of ReplicaStatus is bookkeeping). */
function describe(pod: V1Pod): ReplicaStatus {
  const phase: ReplicaPhase =
    pod.status?.phase === "Running"
      ? "Running"
      : pod.status?.phase === "Succeeded"
        ? "Succeeded"
        : pod.status?.phase === "Failed"
          ? "Failed"
          : pod.spec?.nodeName
            ? "Starting"
            : "Pending";
  const out: ReplicaStatus = {
    phase,
    podName: pod.metadata?.name ?? "",
    ready: isPodReady(pod),
  };
  const revision = pod.metadata?.labels?.[LABEL_REVISION];
  if (revision) out.revision = revision;
  if (pod.status?.podIP) out.podIP = pod.status.podIP;
  if (pod.spec?.nodeName) out.nodeName = pod.spec.nodeName;
  const createdAt = toIso(pod.metadata?.creationTimestamp);
  if (createdAt) out.createdAt = createdAt;
  const startedAt = toIso(pod.status?.startTime);
  if (startedAt) out.startedAt = startedAt;
  const since = out.ready ? toIso(readySince(pod)) : undefined;
  if (since) out.readySince = since;
  if (hasEnded(pod)) {
    const outcome = podOutcome(pod);
    if (outcome.exitCode !== undefined) out.exitCode = outcome.exitCode;
    const finishedAt = toIso(outcome.finishedAt);
    if (finishedAt) out.finishedAt = finishedAt;
    out.message = outcome.message ?? outcome.reason;
  } else {
    const waiting = podWaitingMessage(pod);
    if (waiting) out.message = waiting;
  }
  return out;
}

export function planReplica(input: ReplicaPlanInput): ReplicaPlan {
  const { replica, pods, service, now } = input;
  const prev = replica.status ?? {};
  const ref = refOf(replica, API_VERSION, REPLICA_KIND);
  const unchanged: ReplicaPlan = { actions: [], status: prev, statusChanged: false, events: [] };
  if (replica.metadata.deletionTimestamp) return unchanged;

  const actions: PlanAction[] = [];
  const events: PlannedEvent[] = [];
  let requeueAfterMs: number | undefined;
  const rev = replica.spec.revision;
  const spec = service ? withServiceDefaults(service.spec) : undefined;
  const restart: Required<RestartPolicy> = spec?.restart ?? { ...RESTART_DEFAULTS };
  const rollingBack = service?.status?.updateStatus?.state?.startsWith("Rollback") === true;
  const order: UpdateOrder = (rollingBack ? spec?.rollback.order : spec?.update.order) ?? "StopFirst";
  const template = revisionTemplateOf(input.revision);
  const terminations: ReplicaTermination[] = (prev.terminations ?? []).map((t) => ({ ...t }));
  let restarts = prev.restarts ?? 0;
  let nextRestartAt: string | undefined;
  let decided: ReplicaStatus | undefined;

  const del = (pod: V1Pod, reason: string) =>
    actions.push({
      type: "delete",
      target: refOf(pod, "v1", "Pod"),
      preconditions: pod.metadata?.uid ? { uid: pod.metadata.uid } : {},
      reason,
    });

  const active = pods.filter((p) => !isTerminating(p)).sort(byCreation);
  const terminating = pods.filter(isTerminating);
  const matching = active.filter((p) => podMatches(p, replica));
  const stale = active.filter((p) => !podMatches(p, replica));
  const liveMatching = matching.filter((p) => !hasEnded(p));
  const endedMatching = matching.filter(hasEnded);
  let staleLive = stale.filter((p) => !hasEnded(p));
  for (const p of stale.filter(hasEnded)) del(p, "ended Pod of a previous revision");
  if (order === "StartFirst") {
    // Only a ready old Pod is worth keeping while the new one starts; one is enough.
    const serving = [...staleLive].reverse().find(isPodReady);
    for (const p of staleLive) if (p !== serving) del(p, "old Pod not serving");
    staleLive = serving ? [serving] : [];
  }

  // Creates the next Pod (attempt = restarts so far) when nothing the order forbids is still running.
  const create = (why: string): ReplicaStatus => {
    const blockers = order === "StopFirst" ? [...staleLive, ...terminating] : [];
    for (const p of order === "StopFirst" ? staleLive : []) del(p, "replaced (stop-first)");
    if (!service || !template) {
      requeueAfterMs = REVISION_WAIT_MS;
      return {
        phase: "Pending",
        ready: false,
        message: service ? `waiting for ControllerRevision of revision ${rev}` : "waiting for its Service",
      };
    }
    if (blockers.length > 0) {
      return { phase: "Pending", ready: false, message: `waiting for ${blockers.length} old Pod(s) to stop` };
    }
    const pod = buildPod(replica, template, restarts);
    actions.push({ type: "create", object: pod, reason: why });
    events.push({
      type: "Normal",
      reason: "CreatedPod",
      message: `created Pod ${pod.metadata.name}: ${why}`,
      regarding: ref,
    });
    return { phase: "Pending", ready: false, podName: pod.metadata.name ?? "", revision: rev };
  };

  // After a Pod of this revision ended (or vanished): restart it per policy, later, or never.
  const afterEnd = (term: ReplicaTermination, endedPod: V1Pod | undefined): ReplicaStatus | undefined => {
    const wants = restart.condition === "Any" || (restart.condition === "OnFailure" && term.failed);
    if (wants && term.restarted === undefined && restart.maxAttempts > 0) {
      const windowMs = parseDuration(restart.window, "restart.window");
      const since = windowMs > 0 ? now.getTime() - windowMs : Number.NEGATIVE_INFINITY;
      const attempts = terminations.filter(
        (t) => t.revision === rev && t.restarted === true && (timeMs(t.time) ?? 0) >= since,
      ).length;
      if (attempts >= restart.maxAttempts) {
        term.restarted = false;
        events.push({
          type: "Warning",
          reason: "RestartLimitReached",
          message: `not restarting Pod ${term.podName}: ${attempts} restarts reached restart.maxAttempts`,
          regarding: ref,
        });
      }
    }
    if (!wants || term.restarted === false) {
      if (term.restarted === undefined) term.restarted = false;
      return undefined;
    }
    if (term.restarted === true) {
      // Already replaced in an earlier plan whose Pod the cache has not shown yet: same name again.
      if (endedPod) del(endedPod, "replaced after it ended");
      return create(`restart ${restarts} after ${term.reason}`);
    }
    const due = (timeMs(term.time) ?? now.getTime()) + parseDuration(restart.delay, "restart.delay");
    if (now.getTime() < due) {
      nextRestartAt = iso(new Date(due));
      requeueAfterMs = due - now.getTime();
      return {
        phase: "Restarting",
        ready: false,
        message: `restarting after ${restart.delay}: ${term.reason}`,
      };
    }
    term.restarted = true;
    restarts += 1;
    if (endedPod) del(endedPod, "replaced after it ended");
    return create(`restart ${restarts} after ${term.reason}`);
  };

  const record = (term: ReplicaTermination): ReplicaTermination => {
    const existing = terminations.find((t) => t.podName === term.podName);
    if (existing) return existing;
    terminations.push(term);
    events.push({
      type: term.failed ? "Warning" : "Normal",
      reason: term.failed ? "PodFailed" : "PodCompleted",
      message: `Pod ${term.podName} ${term.reason}${term.exitCode !== undefined ? ` (exit code ${term.exitCode})` : ""}`,
      regarding: ref,
    });
    return term;
  };

  let describedPod: V1Pod | undefined;
  if (liveMatching.length > 0) {
    const keep = liveMatching.find((p) => p.metadata?.name === prev.podName) ?? (liveMatching[0] as V1Pod);
    for (const p of liveMatching) if (p !== keep) del(p, "a Replica keeps one live Pod");
    for (const p of endedMatching) del(p, "ended Pod already replaced");
    describedPod = keep;
    if (order === "StopFirst" || isPodReady(keep)) {
      for (const p of staleLive) del(p, "replaced by the new revision");
    }
  } else if (endedMatching.length > 0) {
    const ended = endedMatching[endedMatching.length - 1] as V1Pod;
    for (const p of endedMatching) if (p !== ended) del(p, "older ended Pod");
    const outcome = podOutcome(ended);
    const term: ReplicaTermination = {
      time: toIso(outcome.finishedAt) ?? iso(now),
      podName: ended.metadata?.name ?? "",
      revision: rev,
      failed: outcome.failed,
      reason: outcome.reason,
    };
    if (outcome.exitCode !== undefined) term.exitCode = outcome.exitCode;
    const restarted = afterEnd(record(term), ended);
    describedPod = restarted ? undefined : ended;
    // While it waits for restart.delay the status still shows how the Pod ended.
    decided = restarted
      ? restarted.phase === "Restarting"
        ? { ...describe(ended), ...restarted }
        : restarted
      : describe(ended);
  } else {
    const last = terminations[terminations.length - 1];
    const gone = prev.podName !== undefined && !pods.some((p) => p.metadata?.name === prev.podName);
    const wasObserved = prev.phase === "Starting" || prev.phase === "Running";
    if (
      gone &&
      prev.revision === rev &&
      wasObserved &&
      !terminations.some((t) => t.podName === prev.podName)
    ) {
      const term = record({
        time: iso(now),
        podName: prev.podName ?? "",
        revision: rev,
        failed: true,
        reason: "PodVanished",
      });
      decided = afterEnd(term, undefined) ?? { phase: "Failed", ready: false, message: "Pod vanished" };
    } else if (
      last &&
      last.revision === rev &&
      last.podName === prev.podName &&
      gone &&
      last.restarted !== true
    ) {
      // Between an end and its restart (the ended Pod may have been removed meanwhile).
      decided = afterEnd(last, undefined) ?? {
        phase: last.failed ? "Failed" : "Succeeded",
        ready: false,
        message: last.reason,
      };
    } else {
      decided = create(
        prev.revision === rev || prev.revision === undefined ? "new Replica" : `revision ${rev}`,
      );
    }
  }

  let base: ReplicaStatus = describedPod && !decided ? describe(describedPod) : (decided ?? {});
  // Start-first: while the new Pod is not ready the old one still serves, and the status says so.
  const servingOld = order === "StartFirst" ? staleLive.find(isPodReady) : undefined;
  const deleted = new Set(actions.flatMap((a) => (a.type === "delete" ? [a.target.name] : [])));
  if (servingOld && base.ready !== true && !deleted.has(servingOld.metadata?.name ?? "")) {
    const waitingFor = base.podName ? `Pod ${base.podName}` : "the new Pod";
    base = { ...describe(servingOld), message: `old Pod serves until ${waitingFor} is ready (start-first)` };
  }
  const status: ReplicaStatus = { observedGeneration: replica.metadata.generation ?? 0, ...base, restarts };
  if (status.podName === undefined && prev.podName !== undefined && status.phase !== "Pending") {
    status.podName = prev.podName;
  }
  if (status.revision === undefined && decided?.phase === "Restarting") status.revision = rev;
  if (nextRestartAt) status.nextRestartAt = nextRestartAt;
  if (!status.createdAt && status.podName) {
    status.createdAt = status.podName === prev.podName && prev.createdAt ? prev.createdAt : iso(now);
  }
  const kept = terminations.slice(-MAX_TERMINATIONS);
  if (kept.length > 0) status.terminations = kept;
  const plan: ReplicaPlan = {
    actions,
    status,
    statusChanged: stableStringify(status) !== stableStringify(prev),
    events,
  };
  if (requeueAfterMs !== undefined) plan.requeueAfterMs = Math.max(1, Math.ceil(requeueAfterMs));
  return plan;
}
