// A small in-memory cluster for planner tests: it applies plans the way the reconcilers do (merge
// patches with resourceVersion preconditions, status writes, owner-reference GC) and plays a
// scheduler and kubelet that start Pods, make them ready a step later, and fail them on demand.
import type { V1ControllerRevision, V1Node, V1Pod, V1Service } from "@kubernetes/client-node";
import type { PlanAction, PlannedObject, ReplicaPlan, ServicePlan } from "../../src/controller/plan/index.js";
import { planReplica, planService } from "../../src/controller/plan/index.js";
import type { BerthService, Replica, ServiceSpec } from "../../src/controller/types.js";
import { LABEL_REVISION, LABEL_SERVICE } from "../../src/controller/types.js";

type Obj = { metadata?: { name?: string; uid?: string; resourceVersion?: string } };

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> =
    typeof target === "object" && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export function readyNode(name: string, labels: Record<string, string> = {}): V1Node {
  return {
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...labels } },
    status: { conditions: [{ type: "Ready", status: "True" }] },
  };
}

export interface SimOptions {
  namespace?: string;
  nodes?: V1Node[];
  /** Pods whose template carries this env var fail right after starting. */
  crashEnv?: string;
}

export class Sim {
  now = Date.UTC(2026, 0, 1, 0, 0, 0);
  readonly ns: string;
  service: BerthService;
  readonly replicas = new Map<string, Replica>();
  readonly pods = new Map<string, V1Pod>();
  readonly revisions = new Map<string, V1ControllerRevision>();
  coreService: V1Service | undefined;
  nodes: V1Node[];
  conflicts = 0;
  /** Every plan applied, newest last (for assertions on what the planner asked for). */
  readonly serviceLog: { plan: ServicePlan; replicasBefore: Replica[] }[] = [];
  private rv = 1;
  private uid = 1;
  private readonly crashEnv: string;
  /** Pods that started at least once and are marked to crash once more (one-shot failure). */
  readonly crashOnce = new Set<string>();

  constructor(spec: ServiceSpec, opts: SimOptions = {}) {
    this.ns = opts.namespace ?? "default";
    this.nodes = opts.nodes ?? [readyNode("n1"), readyNode("n2"), readyNode("n3")];
    this.crashEnv = opts.crashEnv ?? "CRASH";
    this.service = {
      apiVersion: "berth.dev/v1alpha1",
      kind: "Service",
      metadata: { name: "web", namespace: this.ns, uid: "svc-uid", generation: 1, resourceVersion: "1" },
      spec: structuredClone(spec),
    };
  }

  get date(): Date {
    return new Date(this.now);
  }

  setSpec(spec: ServiceSpec): void {
    this.service = {
      ...this.service,
      spec: structuredClone(spec),
      metadata: { ...this.service.metadata, generation: (this.service.metadata.generation ?? 0) + 1 },
    };
  }

  replicaPods(r: Replica): V1Pod[] {
    return [...this.pods.values()].filter((p) =>
      p.metadata?.ownerReferences?.some((o) => o.uid === r.metadata.uid),
    );
  }

  private meta(obj: PlannedObject): PlannedObject {
    const copy = structuredClone(obj);
    copy.metadata.uid = `uid-${this.uid++}`;
    copy.metadata.resourceVersion = String(this.rv++);
    copy.metadata.creationTimestamp = new Date(this.now);
    copy.metadata.generation = 1;
    return copy;
  }

  apply(actions: PlanAction[]): void {
    for (const a of actions) {
      if (a.type === "create") this.create(a.object);
      else if (a.type === "delete") this.remove(a.target.kind, a.target.name);
      else this.patch(a.target.kind, a.target.name, a.patch);
    }
  }

  private create(obj: PlannedObject): void {
    const name = obj.metadata.name ?? "";
    const o = this.meta(obj);
    if (o.kind === "Replica") {
      if (!this.replicas.has(name)) this.replicas.set(name, o as Replica);
    } else if (o.kind === "Pod") {
      if (!this.pods.has(name)) this.pods.set(name, o as V1Pod);
    } else if (o.kind === "ControllerRevision") {
      if (!this.revisions.has(name)) this.revisions.set(name, o as V1ControllerRevision);
    } else if (!this.coreService) this.coreService = o as V1Service;
  }

  private remove(kind: string, name: string): void {
    if (kind === "Replica") {
      const r = this.replicas.get(name);
      if (!r) return;
      this.replicas.delete(name);
      // Owner-reference GC: the Replica's Pods start terminating.
      for (const p of this.replicaPods(r)) this.terminate(p);
    } else if (kind === "Pod") {
      const p = this.pods.get(name);
      if (p) this.terminate(p);
    } else if (kind === "ControllerRevision") this.revisions.delete(name);
    else this.coreService = undefined;
  }

  private terminate(p: V1Pod): void {
    if (p.metadata && !p.metadata.deletionTimestamp) p.metadata.deletionTimestamp = new Date(this.now);
  }

  private patch(kind: string, name: string, patch: Record<string, unknown>): void {
    const store: Map<string, Obj> | undefined =
      kind === "Replica"
        ? (this.replicas as Map<string, Obj>)
        : kind === "Pod"
          ? (this.pods as Map<string, Obj>)
          : undefined;
    if (kind === "Service") {
      this.coreService = mergePatch(this.coreService, patch) as V1Service;
      return;
    }
    const cur = store?.get(name);
    if (!store || !cur) return;
    const want = (patch.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    if (want !== undefined && want !== cur.metadata?.resourceVersion) {
      this.conflicts++;
      return;
    }
    const next = mergePatch(cur, patch) as Replica;
    next.metadata.resourceVersion = String(this.rv++);
    if ("spec" in patch) next.metadata.generation = (next.metadata.generation ?? 0) + 1;
    store.set(name, next as Obj);
  }

  reconcileService(): ServicePlan {
    const replicasBefore = [...this.replicas.values()].map((r) => structuredClone(r));
    const plan = planService({
      service: this.service,
      replicas: [...this.replicas.values()],
      revisions: [...this.revisions.values()],
      coreService: this.coreService,
      nodes: this.nodes,
      dependencies: [],
      serviceGraph: {},
      now: this.date,
    });
    this.serviceLog.push({ plan, replicasBefore });
    this.apply(plan.actions);
    if (plan.statusChanged) this.service = { ...this.service, status: structuredClone(plan.status) };
    return plan;
  }

  reconcileReplicas(): ReplicaPlan[] {
    const plans: ReplicaPlan[] = [];
    for (const r of [...this.replicas.values()]) {
      const plan = planReplica({
        replica: r,
        pods: this.replicaPods(r),
        service: this.service,
        revision: this.revisions.get(`web-${r.spec.revision}`),
        now: this.date,
      });
      plans.push(plan);
      this.apply(plan.actions);
      const cur = this.replicas.get(r.metadata.name ?? "");
      if (cur && plan.statusChanged)
        this.replicas.set(cur.metadata.name ?? "", { ...cur, status: plan.status });
    }
    return plans;
  }

  /** Scheduler and kubelet: one step of every Pod's life. */
  kubelet(): void {
    let rr = 0;
    for (const [name, p] of [...this.pods]) {
      if (p.metadata?.deletionTimestamp) {
        this.pods.delete(name);
        continue;
      }
      const status = p.status ?? {};
      p.status = status;
      if (status.phase === "Succeeded" || status.phase === "Failed") continue;
      if (!p.spec?.nodeName) {
        const pinned =
          p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.find(
            (f) => f.key === "metadata.name",
          )?.values?.[0];
        const node = pinned ?? this.nodes[rr++ % this.nodes.length]?.metadata?.name ?? "n1";
        p.spec = { ...(p.spec ?? { containers: [] }), nodeName: node };
        status.phase = "Pending";
        continue;
      }
      const crashes =
        p.spec.containers.some((c) => c.env?.some((e) => e.name === this.crashEnv)) ||
        this.crashOnce.has(name);
      if (status.phase === "Pending") {
        status.phase = "Running";
        status.startTime = new Date(this.now);
        status.podIP = `10.0.0.${this.uid % 250}`;
        continue;
      }
      if (crashes) {
        this.crashOnce.delete(name);
        this.fail(p);
        continue;
      }
      if (!status.conditions?.some((c) => c.type === "Ready" && c.status === "True")) {
        status.conditions = [{ type: "Ready", status: "True", lastTransitionTime: new Date(this.now) }];
      }
    }
  }

  fail(p: V1Pod): void {
    const status = p.status ?? {};
    p.status = status;
    status.phase = "Failed";
    status.conditions = [{ type: "Ready", status: "False", lastTransitionTime: new Date(this.now) }];
    status.containerStatuses = [
      {
        name: "main",
        image: "x",
        imageID: "",
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: 1, reason: "Error", finishedAt: new Date(this.now) } },
      },
    ];
  }

  /** One round: kubelet step, every Replica, the Service, every Replica again; then time passes. */
  tick(ms = 1000): void {
    this.kubelet();
    this.reconcileReplicas();
    this.reconcileService();
    this.reconcileReplicas();
    this.now += ms;
  }

  livePods(): V1Pod[] {
    return [...this.pods.values()].filter(
      (p) =>
        !p.metadata?.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed",
    );
  }

  /** Slots of the Service with a ready Pod. */
  readySlots(): Set<number> {
    const out = new Set<number>();
    for (const r of this.replicas.values()) {
      const ready = this.replicaPods(r).some(
        (p) =>
          !p.metadata?.deletionTimestamp &&
          p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
      );
      if (ready && r.spec.slot !== undefined) out.add(r.spec.slot);
    }
    return out;
  }

  podRevision(p: V1Pod): string | undefined {
    return p.metadata?.labels?.[LABEL_REVISION];
  }

  servicePods(): V1Pod[] {
    return [...this.pods.values()].filter((p) => p.metadata?.labels?.[LABEL_SERVICE] === "web");
  }
}
