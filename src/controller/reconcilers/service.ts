// Service reconciler: gathers what planService needs from the caches, applies its writes, writes the
// status only when it changed, records its Events and exports the replica gauges.
import type { KubeClient } from "../kube/client.js";
import { splitKey } from "../kube/object.js";
import { BERTH_SERVICES } from "../kube/resources.js";
import type { ProcessResult } from "../kube/workqueue.js";
import type { ControllerMetrics } from "../metrics.js";
import { type DependencyView, planService } from "../plan/index.js";
import { applyActions, writeStatus } from "./apply.js";
import { BY_NAMESPACE, BY_SERVICE, type Caches } from "./caches.js";
import type { EventRecorder } from "./events.js";

export class ServiceReconciler {
  constructor(
    private readonly client: KubeClient,
    private readonly caches: Caches,
    private readonly events: EventRecorder,
    private readonly metrics: ControllerMetrics,
  ) {}

  async reconcile(key: string, signal: AbortSignal): Promise<ProcessResult | undefined> {
    const { namespace = "", name } = splitKey(key);
    const service = this.caches.services.get(key);
    if (!service) {
      for (const state of ["desired", "ready", "updated"]) {
        this.metrics.serviceReplicas.remove({ namespace, service: name, state });
      }
      return undefined;
    }
    const c = this.caches;
    const dependencies: DependencyView[] = (service.spec?.dependsOn ?? []).map((d) => {
      const depKey = `${namespace}/${d.service}`;
      const dep = c.services.get(depKey);
      return dep
        ? { name: d.service, service: dep, replicas: c.replicas.byIndex(BY_SERVICE, depKey) }
        : { name: d.service, replicas: c.replicas.byIndex(BY_SERVICE, depKey) };
    });
    const serviceGraph: Record<string, string[]> = {};
    for (const s of c.services.byIndex(BY_NAMESPACE, namespace)) {
      serviceGraph[s.metadata.name ?? ""] = (s.spec?.dependsOn ?? []).map((d) => d.service);
    }
    const coreService = c.coreServices.get(key);
    const plan = planService({
      service,
      replicas: c.replicas.byIndex(BY_SERVICE, key),
      revisions: c.revisions.byIndex(BY_SERVICE, key),
      ...(coreService ? { coreService } : {}),
      nodes: c.nodes.list(),
      dependencies,
      serviceGraph,
      now: new Date(),
    });
    await applyActions(this.client, plan.actions, signal);
    if (plan.statusChanged) await writeStatus(this.client, BERTH_SERVICES, service, plan.status, signal);
    for (const ev of plan.events) this.events.record(ev);
    const st = plan.status;
    this.metrics.serviceReplicas.set({ namespace, service: name, state: "desired" }, st.desiredReplicas ?? 0);
    this.metrics.serviceReplicas.set({ namespace, service: name, state: "ready" }, st.readyReplicas ?? 0);
    this.metrics.serviceReplicas.set({ namespace, service: name, state: "updated" }, st.updatedReplicas ?? 0);
    return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : undefined;
  }
}
