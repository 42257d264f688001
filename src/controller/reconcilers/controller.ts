// The berth controller: informers feed two work queues (Services, Replicas); only the leader drains
// them. Standbys keep their caches warm and their queues filled, so a takeover starts reconciling at
// once; losing the lease pauses the queues and aborts in-flight reconciles before their next write.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { isDeepStrictEqual } from "node:util";
import type { KubeConfig, V1ControllerRevision, V1Pod, V1Service } from "@kubernetes/client-node";
import type { Logger } from "pino";
import { type Registry, register } from "prom-client";
import { errorMessage } from "../../errors.js";
import { childLogger } from "../../log.js";
import { KubeClient } from "../kube/client.js";
import { LeaderElector } from "../kube/leader-election.js";
import { type AnyObject, controllerOf, type OwnerReference, objectKey } from "../kube/object.js";
import { type ProcessResult, WorkQueue } from "../kube/workqueue.js";
import { ControllerMetrics } from "../metrics.js";
import { API_VERSION, type BerthService, REPLICA_KIND, SERVICE_KIND } from "../types.js";
import { AbortedError, ConflictError } from "./apply.js";
import { BY_DEPENDENCY, type Caches, createCaches } from "./caches.js";
import { EventRecorder } from "./events.js";
import { ReplicaReconciler } from "./replica.js";
import { ServiceReconciler } from "./service.js";

export interface LeaderElectionConfig {
  namespace: string;
  name: string;
  identity?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
}

export interface ControllerOptions {
  kubeConfig: KubeConfig;
  /** Reconcile one namespace; all when absent. */
  namespace?: string;
  /** Concurrent reconciles per queue (default 4). */
  workers?: number;
  /** Absent: this instance leads from the start (no election). */
  leaderElection?: LeaderElectionConfig;
  registry?: Registry;
  log?: Logger;
}

export class Controller {
  readonly metrics: ControllerMetrics;
  readonly caches: Caches;
  readonly identity: string;
  /** Reconciles run by this instance, by controller. */
  readonly stats = { service: 0, replica: 0 };
  private readonly client: KubeClient;
  private readonly log: Logger;
  private readonly serviceQueue: WorkQueue;
  private readonly replicaQueue: WorkQueue;
  private readonly services: ServiceReconciler;
  private readonly replicas: ReplicaReconciler;
  private readonly events: EventRecorder;
  private readonly elector: LeaderElector | undefined;
  private readonly electorClient: KubeClient | undefined;
  private leading = false;
  private started = false;

  constructor(opts: ControllerOptions) {
    this.log = opts.log ?? childLogger("controller");
    this.identity = opts.leaderElection?.identity ?? `${hostname()}_${randomBytes(4).toString("hex")}`;
    this.metrics = new ControllerMetrics(opts.registry ?? register);
    this.client = new KubeClient(opts.kubeConfig, { userAgent: `berth-controller/${this.identity}` });
    this.caches = createCaches(this.client, { namespace: opts.namespace, log: this.log });
    this.events = new EventRecorder(this.client, {
      component: "berth-controller",
      instance: this.identity,
      log: this.log,
    });
    this.services = new ServiceReconciler(this.client, this.caches, this.events, this.metrics);
    this.replicas = new ReplicaReconciler(this.client, this.caches, this.events);
    const workers = opts.workers ?? 4;
    this.serviceQueue = new WorkQueue({
      name: "service",
      workers,
      metrics: this.metrics.workqueue,
      log: this.log,
    });
    this.replicaQueue = new WorkQueue({
      name: "replica",
      workers,
      metrics: this.metrics.workqueue,
      log: this.log,
    });
    this.wire();
    const le = opts.leaderElection;
    if (le) {
      this.elector = new LeaderElector({
        client: new KubeClient(opts.kubeConfig, {
          timeoutMs: Math.max(1000, (le.renewDeadlineMs ?? 10_000) / 2),
        }),
        namespace: le.namespace,
        name: le.name,
        identity: this.identity,
        leaseDurationMs: le.leaseDurationMs,
        renewDeadlineMs: le.renewDeadlineMs,
        retryPeriodMs: le.retryPeriodMs,
        onStartedLeading: () => this.startLeading(),
        onStoppedLeading: () => this.stopLeading(),
        log: this.log,
      });
    }
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Every informer has listed once. Leaders and standbys alike are ready then. */
  ready(): boolean {
    return this.caches.all.every((i) => i.hasSynced());
  }

  /** Starts the informers, waits for their first list, then leads or stands by. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const inf of this.caches.all) inf.start();
    await Promise.all(this.caches.all.map((i) => i.waitForSync()));
    if (!this.started) return;
    this.log.info({ identity: this.identity }, "caches synced");
    if (this.elector) this.elector.start();
    else this.startLeading();
  }

  /** Graceful stop: finish nothing new, release the lease, stop watching. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.serviceQueue.shutdown();
    await this.replicaQueue.shutdown();
    if (this.elector) await this.elector.stop({ release: true });
    this.leading = false;
    this.metrics.leader.set(0);
    await this.events.flush();
    await Promise.all(this.caches.all.map((i) => i.stop()));
    this.client.close();
    this.electorClient?.close();
  }

  /** Simulates a crash for tests: stops everything without releasing the lease. */
  async kill(): Promise<void> {
    this.started = false;
    await this.elector?.stop({ release: false });
    await this.serviceQueue.shutdown();
    await this.replicaQueue.shutdown();
    await Promise.all(this.caches.all.map((i) => i.stop()));
    this.client.close();
    this.electorClient?.close();
  }

  private startLeading(): void {
    this.leading = true;
    this.metrics.leader.set(1);
    this.log.info({ identity: this.identity }, "leading: reconciling");
    // Everything is looked at once on taking over: the previous leader may have left work half done.
    for (const s of this.caches.services.list()) this.serviceQueue.add(objectKey(s));
    for (const r of this.caches.replicas.list()) this.replicaQueue.add(objectKey(r));
    this.serviceQueue.start((key, signal) => this.run("service", key, signal));
    this.replicaQueue.start((key, signal) => this.run("replica", key, signal));
  }

  private stopLeading(): void {
    this.leading = false;
    this.metrics.leader.set(0);
    this.log.warn({ identity: this.identity }, "not leading: reconciling paused");
    void this.serviceQueue.pause();
    void this.replicaQueue.pause();
  }

  private async run(
    controller: "service" | "replica",
    key: string,
    signal: AbortSignal,
  ): Promise<ProcessResult | undefined> {
    const end = this.metrics.reconcileDuration.startTimer({ controller });
    this.stats[controller]++;
    try {
      const result =
        controller === "service"
          ? await this.services.reconcile(key, signal)
          : await this.replicas.reconcile(key, signal);
      this.metrics.reconcileTotal.inc({
        controller,
        result: result?.requeueAfterMs !== undefined ? "requeue" : "success",
      });
      return result;
    } catch (err) {
      if (err instanceof AbortedError) {
        this.metrics.reconcileTotal.inc({ controller, result: "aborted" });
        return undefined;
      }
      if (err instanceof ConflictError) {
        this.metrics.reconcileTotal.inc({ controller, result: "conflict" });
        this.log.debug({ controller, key, err: err.message }, "conflict; requeued");
        return { requeue: true };
      }
      this.metrics.reconcileTotal.inc({ controller, result: "error" });
      this.log.warn({ controller, key, err: errorMessage(err) }, "reconcile failed; requeued with backoff");
      return { requeue: true };
    } finally {
      end();
    }
  }

  /** Maps every cache change to the keys it affects. */
  private wire(): void {
    const c = this.caches;
    const svcQ = this.serviceQueue;
    const repQ = this.replicaQueue;
    const serviceAndDependents = (namespace: string, name: string): void => {
      const key = `${namespace}/${name}`;
      svcQ.add(key);
      for (const d of c.services.byIndex(BY_DEPENDENCY, key)) svcQ.add(objectKey(d));
    };
    const changed = <T extends AnyObject>(fn: (o: T) => void) => ({
      onAdd: fn,
      onUpdate: (old: T, now: T) => {
        if (old.metadata?.resourceVersion !== now.metadata?.resourceVersion) fn(now);
      },
      onDelete: fn,
    });
    // Services are reconciled on their own status changes too: rolling updates advance through states
    // kept in that status.
    c.services.addEventHandler(
      changed<BerthService>((s) => serviceAndDependents(s.metadata.namespace ?? "", s.metadata.name ?? "")),
    );
    // A Replica's own status write comes back as an update; that is no reason to plan the Replica again
    // (its inputs are its Pods, Service and revision), only its Service, which reads that status.
    c.replicas.addEventHandler({
      onAdd: (r) => {
        repQ.add(objectKey(r));
        serviceAndDependents(r.metadata.namespace ?? "", r.spec?.service ?? "");
      },
      onUpdate: (old, r) => {
        if (old.metadata.resourceVersion === r.metadata.resourceVersion) return;
        if (!onlyStatusChanged(old, r)) repQ.add(objectKey(r));
        serviceAndDependents(r.metadata.namespace ?? "", r.spec?.service ?? "");
      },
      onDelete: (r) => {
        repQ.add(objectKey(r));
        serviceAndDependents(r.metadata.namespace ?? "", r.spec?.service ?? "");
      },
    });
    const toOwner = <T extends AnyObject & { metadata?: { ownerReferences?: OwnerReference[] } }>(
      kind: string,
      enqueue: (ns: string, name: string) => void,
    ) =>
      changed<T>((o) => {
        const ref = controllerOf(o);
        if (ref && ref.kind === kind && ref.apiVersion === API_VERSION)
          enqueue(o.metadata?.namespace ?? "", ref.name);
      });
    c.pods.addEventHandler(toOwner<V1Pod>(REPLICA_KIND, (ns, name) => repQ.add(`${ns}/${name}`)));
    c.coreServices.addEventHandler(toOwner<V1Service>(SERVICE_KIND, (ns, name) => svcQ.add(`${ns}/${name}`)));
    c.revisions.addEventHandler(
      toOwner<V1ControllerRevision>(SERVICE_KIND, (ns, name) => svcQ.add(`${ns}/${name}`)),
    );
    // Node heartbeats change status every few seconds; only what placement reads requeues Services.
    const placementOf = (n: AnyObject): string => {
      const node = n as {
        metadata?: { labels?: unknown };
        spec?: { unschedulable?: boolean; taints?: unknown };
        status?: { conditions?: { type?: string; status?: string }[] };
      };
      const ready = node.status?.conditions?.find((x) => x.type === "Ready")?.status;
      return JSON.stringify([node.metadata?.labels, node.spec?.unschedulable, node.spec?.taints, ready]);
    };
    const allServices = (): void => {
      for (const s of c.services.list()) svcQ.add(objectKey(s));
    };
    c.nodes.addEventHandler({
      onAdd: allServices,
      onDelete: allServices,
      onUpdate: (old, now) => {
        if (placementOf(old) !== placementOf(now)) allServices();
      },
    });
  }
}

interface Versioned {
  metadata: {
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    deletionTimestamp?: unknown;
    finalizers?: string[];
    ownerReferences?: unknown[];
  };
}

/**
 * Both objects have the status subresource, so any spec change bumps metadata.generation; what else a
 * reconcile reads of the object itself lives in these metadata fields.
 */
function onlyStatusChanged(a: Versioned, b: Versioned): boolean {
  const x = a.metadata;
  const y = b.metadata;
  return (
    x.generation === y.generation &&
    x.deletionTimestamp === y.deletionTimestamp &&
    isDeepStrictEqual(x.labels, y.labels) &&
    isDeepStrictEqual(x.annotations, y.annotations) &&
    isDeepStrictEqual(x.finalizers, y.finalizers) &&
    isDeepStrictEqual(x.ownerReferences, y.ownerReferences)
  );
}
