// Replica reconciler: keeps one live Pod per Replica through planReplica, and writes its status.
import type { KubeClient } from "../kube/client.js";
import { BERTH_REPLICAS } from "../kube/resources.js";
import type { ProcessResult } from "../kube/workqueue.js";
import { planReplica, revisionName } from "../plan/index.js";
import { applyActions, writeStatus } from "./apply.js";
import { BY_OWNER, type Caches } from "./caches.js";
import type { EventRecorder } from "./events.js";

export class ReplicaReconciler {
  constructor(
    private readonly client: KubeClient,
    private readonly caches: Caches,
    private readonly events: EventRecorder,
  ) {}

  async reconcile(key: string, signal: AbortSignal): Promise<ProcessResult | undefined> {
    const replica = this.caches.replicas.get(key);
    if (!replica) return undefined;
    const namespace = replica.metadata.namespace ?? "";
    const serviceName = replica.spec?.service ?? "";
    const service = this.caches.services.get(`${namespace}/${serviceName}`);
    const revision = this.caches.revisions.get(
      `${namespace}/${revisionName(serviceName, replica.spec?.revision ?? "")}`,
    );
    const plan = planReplica({
      replica,
      pods: this.caches.pods.byIndex(BY_OWNER, replica.metadata.uid ?? ""),
      // A Service being deleted gets no new Pods: it is handed to the planner as absent.
      ...(service && !service.metadata.deletionTimestamp ? { service } : {}),
      ...(revision ? { revision } : {}),
      now: new Date(),
    });
    await applyActions(this.client, plan.actions, signal);
    if (plan.statusChanged) await writeStatus(this.client, BERTH_REPLICAS, replica, plan.status, signal);
    for (const ev of plan.events) this.events.record(ev);
    return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : undefined;
  }
}
