// The controller's Prometheus metrics. Each controller instance owns one set, registered in the
// Registry it is given (the process-wide one in production; a private one per instance in tests,
// where two controllers run in one process).
import { Counter, Gauge, Histogram, type Registry, register } from "prom-client";

export interface WorkQueueMetrics {
  depth: Gauge<"name">;
  adds: Counter<"name">;
  retries: Counter<"name">;
  queueDuration: Histogram<"name">;
  workDuration: Histogram<"name">;
}

const QUEUE_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60];
const RECONCILE_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class ControllerMetrics {
  readonly registry: Registry;
  readonly workqueue: WorkQueueMetrics;
  readonly reconcileTotal: Counter<"controller" | "result">;
  readonly reconcileDuration: Histogram<"controller">;
  readonly leader: Gauge;
  readonly serviceReplicas: Gauge<"namespace" | "service" | "state">;

  constructor(registry: Registry = register) {
    this.registry = registry;
    const registers = [registry];
    // A second instance in one process (a restarted controller, tests) shares the registered metrics.
    const reuse = <M>(name: string, make: () => M): M =>
      (registry.getSingleMetric(name) as M | undefined) ?? make();
    this.workqueue = {
      depth: reuse(
        "workqueue_depth",
        () =>
          new Gauge({
            name: "workqueue_depth",
            help: "Current depth of the work queue",
            labelNames: ["name"],
            registers,
          }),
      ),
      adds: reuse(
        "workqueue_adds_total",
        () =>
          new Counter({
            name: "workqueue_adds_total",
            help: "Adds handled by the work queue",
            labelNames: ["name"],
            registers,
          }),
      ),
      retries: reuse(
        "workqueue_retries_total",
        () =>
          new Counter({
            name: "workqueue_retries_total",
            help: "Rate-limited re-adds (retries) handled by the work queue",
            labelNames: ["name"],
            registers,
          }),
      ),
      queueDuration: reuse(
        "workqueue_queue_duration_seconds",
        () =>
          new Histogram({
            name: "workqueue_queue_duration_seconds",
            help: "How long a key waits in the queue before it is processed",
            labelNames: ["name"],
            buckets: QUEUE_BUCKETS,
            registers,
          }),
      ),
      workDuration: reuse(
        "workqueue_work_duration_seconds",
        () =>
          new Histogram({
            name: "workqueue_work_duration_seconds",
            help: "How long processing a key takes",
            labelNames: ["name"],
            buckets: QUEUE_BUCKETS,
            registers,
          }),
      ),
    };
    this.reconcileTotal = reuse(
      "berth_controller_reconcile_total",
      () =>
        new Counter({
          name: "berth_controller_reconcile_total",
          help: "Reconciles by controller and result (success, requeue, conflict, error)",
          labelNames: ["controller", "result"],
          registers,
        }),
    );
    this.reconcileDuration = reuse(
      "berth_controller_reconcile_duration_seconds",
      () =>
        new Histogram({
          name: "berth_controller_reconcile_duration_seconds",
          help: "Time spent in one reconcile",
          labelNames: ["controller"],
          buckets: RECONCILE_BUCKETS,
          registers,
        }),
    );
    this.leader = reuse(
      "berth_controller_leader",
      () =>
        new Gauge({
          name: "berth_controller_leader",
          help: "1 while this instance holds the leader lease, else 0",
          registers,
        }),
    );
    this.leader.set(0);
    this.serviceReplicas = reuse(
      "berth_service_replicas",
      () =>
        new Gauge({
          name: "berth_service_replicas",
          help: "Replicas of each berth Service by state (desired, ready, updated)",
          labelNames: ["namespace", "service", "state"],
          registers,
        }),
    );
  }
}
