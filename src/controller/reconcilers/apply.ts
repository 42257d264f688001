// Applies a planner's writes to the API with optimistic concurrency: a stale write surfaces as a
// ConflictError so the key is requeued and planned again from fresher caches.
import { ApiError, isAlreadyExists, isConflict, isNotFound, type KubeClient } from "../kube/client.js";
import type { AnyObject } from "../kube/object.js";
import {
  BERTH_REPLICAS,
  BERTH_SERVICES,
  CONTROLLER_REVISIONS,
  CORE_SERVICES,
  EVENTS,
  NODES,
  PODS,
  type ResourceType,
} from "../kube/resources.js";
import type { PlanAction } from "../plan/index.js";

/** A write lost a race with another writer; the key should be reconciled again. */
export class ConflictError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConflictError";
  }
}

/** Reconciling stopped because this instance is no longer allowed to write (leadership lost). */
export class AbortedError extends Error {
  constructor() {
    super("reconcile aborted: no longer the leader");
    this.name = "AbortedError";
  }
}

const KNOWN: ResourceType[] = [
  PODS,
  CORE_SERVICES,
  NODES,
  EVENTS,
  CONTROLLER_REVISIONS,
  BERTH_SERVICES,
  BERTH_REPLICAS,
];

export function resourceFor(apiVersion: string, kind: string): ResourceType {
  const r = KNOWN.find(
    (k) => (k.group === "" ? k.version : `${k.group}/${k.version}`) === apiVersion && k.kind === kind,
  );
  if (!r) throw new Error(`no resource known for ${apiVersion} ${kind}`);
  return r;
}

function check(signal: AbortSignal): void {
  if (signal.aborted) throw new AbortedError();
}

/** Applies `actions` in order; stops at the first failure (the plan is redone on the next attempt). */
export async function applyActions(
  client: KubeClient,
  actions: PlanAction[],
  signal: AbortSignal,
): Promise<void> {
  for (const a of actions) {
    check(signal);
    try {
      if (a.type === "create") {
        const obj = a.object as AnyObject;
        await client.create(resourceFor(a.object.apiVersion, a.object.kind), obj);
      } else if (a.type === "patch") {
        const r = resourceFor(a.target.apiVersion, a.target.kind);
        await client.patch(r, a.target.namespace, a.target.name, a.patch, "merge");
      } else {
        const r = resourceFor(a.target.apiVersion, a.target.kind);
        await client.delete(r, a.target.namespace, a.target.name, {
          propagationPolicy: "Background",
          uid: a.preconditions?.uid,
          resourceVersion: a.preconditions?.resourceVersion,
        });
      }
    } catch (err) {
      if (a.type === "create" && isAlreadyExists(err)) continue;
      if (a.type === "delete" && isNotFound(err)) continue;
      if (isConflict(err) || (a.type === "patch" && isNotFound(err))) {
        throw new ConflictError(`${a.type} ${describeAction(a)}: ${(err as ApiError).message}`, {
          cause: err,
        });
      }
      throw err;
    }
  }
}

/** Writes `status` through the status subresource, guarded by the cached object's resourceVersion. */
export async function writeStatus<T extends AnyObject>(
  client: KubeClient,
  r: ResourceType,
  cached: T,
  status: unknown,
  signal: AbortSignal,
): Promise<void> {
  check(signal);
  try {
    await client.replaceStatus(r, { ...cached, status });
  } catch (err) {
    if (isConflict(err) || isNotFound(err)) {
      throw new ConflictError(
        `status of ${cached.metadata?.namespace}/${cached.metadata?.name}: ${(err as ApiError).message}`,
        {
          cause: err,
        },
      );
    }
    throw err;
  }
}

function describeAction(a: PlanAction): string {
  if (a.type === "create") return `${a.object.kind} ${a.object.metadata.namespace}/${a.object.metadata.name}`;
  return `${a.target.kind} ${a.target.namespace}/${a.target.name}`;
}

export { ApiError };
