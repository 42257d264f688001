// What a planner hands a reconciler: concrete writes with full bodies, the status to write, the
// Events to record and when to look again. Planners are pure; applying a plan is the reconciler's job.
import type { V1ControllerRevision, V1ObjectMeta, V1Pod, V1Service } from "@kubernetes/client-node";
import type { Replica, ReplicaStatus, ServiceStatus } from "../types.js";

/** Names one object; `uid` is set when the planner saw it, for delete preconditions. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
}

/** Objects planners create; apiVersion, kind, metadata.name and metadata.namespace are always set. */
export type PlannedObject =
  | (Replica & { apiVersion: string; kind: "Replica"; metadata: V1ObjectMeta })
  | (V1Pod & { apiVersion: "v1"; kind: "Pod"; metadata: V1ObjectMeta })
  | (V1Service & { apiVersion: "v1"; kind: "Service"; metadata: V1ObjectMeta })
  | (V1ControllerRevision & { apiVersion: "apps/v1"; kind: "ControllerRevision"; metadata: V1ObjectMeta });

/**
 * One write. Apply in list order; stop at the first failure and requeue with backoff (do not write
 * the status then). `create` answered 409 AlreadyExists and `delete` answered 404 count as done.
 */
export type PlanAction =
  /** POST the full body (owner references included). */
  | { type: "create"; object: PlannedObject; reason: string }
  /**
   * PATCH with Content-Type application/merge-patch+json (RFC 7386) on the main resource, never on
   * /status. When `patch.metadata.resourceVersion` is set the server answers 409 if the object
   * changed since the planner saw it: requeue the key.
   */
  | { type: "patch"; target: ObjectRef; patch: Record<string, unknown>; reason: string }
  /** DELETE with propagationPolicy Background and the preconditions when given. */
  | {
      type: "delete";
      target: ObjectRef;
      preconditions?: { uid?: string; resourceVersion?: string };
      reason: string;
    };

/** An Event to record on `regarding` (core/v1 Event fields the reconciler fills: source, times, count). */
export interface PlannedEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  regarding: ObjectRef;
}

/** Base of both plans. */
export interface Plan<S> {
  actions: PlanAction[];
  /** The complete status to write through the status subresource (PUT/merge-patch .../status). */
  status: S;
  /** False when `status` equals the observed status: skip the write. */
  statusChanged: boolean;
  events: PlannedEvent[];
  /** Reconcile this key again after this many milliseconds even if nothing changes (delays, windows). */
  requeueAfterMs?: number;
}

export type ServicePlan = Plan<ServiceStatus>;
export type ReplicaPlan = Plan<ReplicaStatus>;
