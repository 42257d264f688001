import type { V1ControllerRevision, V1Node, V1Service } from "@kubernetes/client-node";
import { describe, expect, test } from "vitest";
import type { PlanAction, ServicePlanInput } from "../../src/controller/plan/index.js";
import {
  detectCycles,
  findCycleFrom,
  planService,
  revisionTemplate,
  revisionTemplateOf,
  templateHash,
} from "../../src/controller/plan/index.js";
import type { BerthService, Condition, Replica, ServiceSpec } from "../../src/controller/types.js";
import { withServiceDefaults } from "../../src/controller/types.js";
import { readyNode, Sim } from "./controller-plan-sim.js";

const NOW = new Date("2026-01-01T00:00:00Z");
const template = {
  spec: { containers: [{ name: "main", image: "busybox", env: [{ name: "V", value: "1" }] }] },
};

function svc(spec: Partial<ServiceSpec>, extra: Partial<BerthService> = {}): BerthService {
  return {
    apiVersion: "berth.dev/v1alpha1",
    kind: "Service",
    metadata: { name: "web", namespace: "ns", uid: "svc-uid", generation: 1 },
    spec: { template, ...spec },
    ...extra,
  };
}

function input(service: BerthService, more: Partial<ServicePlanInput> = {}): ServicePlanInput {
  return {
    service,
    replicas: [],
    revisions: [],
    nodes: [],
    dependencies: [],
    serviceGraph: {},
    now: NOW,
    ...more,
  };
}

function replica(
  slot: number | undefined,
  revision: string,
  opts: Partial<Replica["status"]> & { node?: string } = {},
): Replica {
  const { node, ...status } = opts;
  return {
    metadata: {
      name: slot !== undefined ? `web-${slot}` : `web-${node}`,
      namespace: "ns",
      uid: `r-${slot ?? node}`,
      resourceVersion: "7",
    },
    spec: {
      service: "web",
      revision,
      ...(slot !== undefined ? { slot } : {}),
      ...(node ? { nodeName: node } : {}),
    },
    status: { revision, ready: true, phase: "Running", ...status },
  };
}

const hashOf = (s: BerthService) => templateHash(revisionTemplate(withServiceDefaults(s.spec)));
const creates = (actions: PlanAction[], kind: string) =>
  actions.flatMap((a) => (a.type === "create" && a.object.kind === kind ? [a.object] : []));
const deletes = (actions: PlanAction[], kind: string) =>
  actions.flatMap((a) => (a.type === "delete" && a.target.kind === kind ? [a.target.name] : []));
const patches = (actions: PlanAction[]) => actions.flatMap((a) => (a.type === "patch" ? [a] : []));
const cond = (status: { conditions?: Condition[] } | undefined, type: string) =>
  status?.conditions?.find((c) => c.type === type) as {
    status: string;
    reason: string;
    message: string;
    lastTransitionTime: string;
  };

function revisionObject(s: BerthService, number = 1): V1ControllerRevision {
  const plan = planService(input(s));
  const rev = creates(plan.actions, "ControllerRevision")[0] as V1ControllerRevision;
  return { ...rev, revision: number };
}

describe("planService: replicas", () => {
  test("a new Service stores its revision and creates slots 1..n at it, with owner references", () => {
    const s = svc({ replicas: 3 });
    const plan = planService(input(s));
    const hash = hashOf(s);
    const revs = creates(plan.actions, "ControllerRevision") as V1ControllerRevision[];
    expect(revs.map((r) => r.metadata?.name)).toEqual([`web-${hash}`]);
    expect(revisionTemplateOf(revs[0])).toEqual(template);
    const reps = creates(plan.actions, "Replica") as Replica[];
    expect(reps.map((r) => [r.metadata.name, r.spec.slot, r.spec.revision])).toEqual([
      ["web-1", 1, hash],
      ["web-2", 2, hash],
      ["web-3", 3, hash],
    ]);
    expect(reps[0]?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Service",
      uid: "svc-uid",
      controller: true,
    });
    expect(reps[0]?.metadata.labels).toMatchObject({ "berth.dev/service": "web", "berth.dev/slot": "1" });
    expect(plan.status).toMatchObject({
      observedGeneration: 1,
      desiredReplicas: 3,
      currentRevision: hash,
      updateRevision: hash,
      selector: "berth.dev/service=web",
    });
    // Revision first, so the Replica planner always finds the template it needs.
    expect(plan.actions[0]?.type === "create" && plan.actions[0].object.kind).toBe("ControllerRevision");
  });

  test("scaling down deletes the highest slots first and only those", () => {
    const s = svc({ replicas: 2 });
    const h = hashOf(s);
    const plan = planService(
      input(s, { replicas: [1, 2, 3, 4, 5].map((n) => replica(n, h)), revisions: [revisionObject(s)] }),
    );
    expect(deletes(plan.actions, "Replica")).toEqual(["web-5", "web-4", "web-3"]);
    expect(creates(plan.actions, "Replica")).toEqual([]);
    expect(plan.events.map((e) => e.reason)).toContain("ScaledDown");
  });

  test("scaling up fills the missing slots, even gaps", () => {
    const s = svc({ replicas: 4 });
    const h = hashOf(s);
    const plan = planService(
      input(s, { replicas: [replica(1, h), replica(3, h)], revisions: [revisionObject(s)] }),
    );
    expect((creates(plan.actions, "Replica") as Replica[]).map((r) => r.spec.slot)).toEqual([2, 4]);
  });

  test("Global mode runs one replica per eligible node and follows nodes", () => {
    const nodes: V1Node[] = [
      readyNode("a", { disk: "ssd" }),
      readyNode("b", { disk: "ssd" }),
      { ...readyNode("c", { disk: "ssd" }), spec: { unschedulable: true } },
      {
        metadata: { name: "d", labels: { disk: "ssd" } },
        status: { conditions: [{ type: "Ready", status: "False" }] },
      },
      readyNode("e", { disk: "hdd" }),
      { ...readyNode("f", { disk: "ssd" }), spec: { taints: [{ key: "gpu", effect: "NoSchedule" }] } },
    ];
    const s = svc({ mode: "Global", placement: { nodeSelector: { disk: "ssd" } } });
    const h = hashOf(s);
    const plan = planService(
      input(s, {
        nodes,
        replicas: [replica(undefined, h, { node: "a" }), replica(undefined, h, { node: "gone" })],
        revisions: [revisionObject(s)],
      }),
    );
    expect((creates(plan.actions, "Replica") as Replica[]).map((r) => r.spec.nodeName)).toEqual(["b"]);
    expect(deletes(plan.actions, "Replica")).toEqual(["web-gone"]);
    expect(plan.status.desiredReplicas).toBe(2);
    // A toleration makes the tainted node eligible.
    const tolerant = svc({
      mode: "Global",
      placement: { nodeSelector: { disk: "ssd" } },
      template: { spec: { ...template.spec, tolerations: [{ key: "gpu", operator: "Exists" }] } },
    });
    expect(planService(input(tolerant, { nodes })).status.desiredReplicas).toBe(3);
  });

  test("maxReplicasPerNode pins slots to nodes and reports what cannot be placed", () => {
    const s = svc({ replicas: 5, placement: { maxReplicasPerNode: 2 } });
    const plan = planService(input(s, { nodes: [readyNode("a"), readyNode("b")] }));
    const reps = creates(plan.actions, "Replica") as Replica[];
    expect(reps.map((r) => [r.spec.slot, r.spec.nodeName])).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "a"],
      [4, "b"],
    ]);
    expect(cond(plan.status, "Degraded")).toMatchObject({ status: "True", reason: "InsufficientNodes" });
  });

  test("a pinned slot whose node left is moved to a node with room", () => {
    const s = svc({ replicas: 2, placement: { maxReplicasPerNode: 1 } });
    const h = hashOf(s);
    const plan = planService(
      input(s, {
        nodes: [readyNode("a"), readyNode("c")],
        replicas: [replica(1, h, { node: "a" }), replica(2, h, { node: "b" })],
        revisions: [revisionObject(s)],
      }),
    );
    expect(patches(plan.actions).map((p) => [p.target.name, p.patch])).toEqual([
      ["web-2", { metadata: { resourceVersion: "7" }, spec: { nodeName: "c" } }],
    ]);
  });
});

describe("planService: dependsOn", () => {
  const dep = (ready: boolean, phase: "Running" | "Succeeded" | "Pending" = "Running"): Replica => ({
    metadata: { name: "db-1", namespace: "ns" },
    spec: { service: "db", slot: 1, revision: "x" },
    status: { ready, phase },
  });
  const db = svc({ replicas: 1 }, { metadata: { name: "db", namespace: "ns" } });

  test("no replica is created until every dependency meets its condition", () => {
    const s = svc({ replicas: 2, dependsOn: [{ service: "db", condition: "Healthy" }] });
    const waiting = planService(
      input(s, { dependencies: [{ name: "db", service: db, replicas: [dep(false)] }] }),
    );
    expect(creates(waiting.actions, "Replica")).toEqual([]);
    expect(cond(waiting.status, "DependenciesReady")).toMatchObject({
      status: "False",
      reason: "DependencyNotReady",
    });
    expect(cond(waiting.status, "DependenciesReady").message).toContain(
      'service "db": 0 of 1 replicas healthy',
    );
    expect(cond(waiting.status, "Progressing")).toMatchObject({
      status: "True",
      reason: "WaitingForDependencies",
    });
    const go = planService(input(s, { dependencies: [{ name: "db", service: db, replicas: [dep(true)] }] }));
    expect(creates(go.actions, "Replica")).toHaveLength(2);
    expect(cond(go.status, "DependenciesReady")).toMatchObject({
      status: "True",
      reason: "AllDependenciesMet",
    });
  });

  test("Started, Healthy and Completed read the dependency's replicas", () => {
    const plan = (condition: "Started" | "Healthy" | "Completed", r: Replica) =>
      planService(
        input(svc({ dependsOn: [{ service: "db", condition }] }), {
          dependencies: [{ name: "db", service: db, replicas: [r] }],
        }),
      );
    expect(cond(plan("Started", dep(false)).status, "DependenciesReady").status).toBe("True");
    expect(cond(plan("Started", dep(false, "Pending")).status, "DependenciesReady").status).toBe("False");
    expect(cond(plan("Healthy", dep(false)).status, "DependenciesReady").status).toBe("False");
    expect(cond(plan("Completed", dep(false)).status, "DependenciesReady").status).toBe("False");
    expect(cond(plan("Completed", dep(false, "Succeeded")).status, "DependenciesReady").status).toBe("True");
  });

  test("a missing dependency is reported by name", () => {
    const plan = planService(
      input(svc({ dependsOn: [{ service: "cache" }] }), { dependencies: [{ name: "cache", replicas: [] }] }),
    );
    expect(cond(plan.status, "DependenciesReady")).toMatchObject({
      status: "False",
      reason: "DependencyMissing",
    });
    expect(creates(plan.actions, "Replica")).toEqual([]);
  });

  test("a dependency cycle is reported in the condition and creates nothing", () => {
    const s = svc({ dependsOn: [{ service: "api" }] });
    const plan = planService(
      input(s, {
        serviceGraph: { api: ["db"], db: ["web"] },
        dependencies: [{ name: "api", service: db, replicas: [dep(true)] }],
      }),
    );
    expect(cond(plan.status, "DependenciesReady")).toMatchObject({
      status: "False",
      reason: "DependencyCycle",
      message: "dependency cycle: web → api → db → web",
    });
    expect(creates(plan.actions, "Replica")).toEqual([]);
  });

  test("detectCycles finds every cycle, self-loops included, and no false ones", () => {
    expect(detectCycles({ a: ["b"], b: ["c"], c: ["a"], d: ["a"], e: ["e"], f: [] })).toEqual([
      ["a", "b", "c"],
      ["e"],
    ]);
    expect(detectCycles({ a: ["b", "c"], b: ["c"], c: [] })).toEqual([]);
    expect(findCycleFrom({ a: ["b"], b: ["c"], c: ["b"] }, "a")).toEqual(["b", "c", "b"]);
    expect(findCycleFrom({ a: ["b"], b: [] }, "a")).toBeUndefined();
  });
});

describe("planService: revisions and updates", () => {
  test("the template hash ignores key order and changes with content", () => {
    const a = { metadata: { labels: { x: "1", y: "2" } }, spec: { containers: [{ name: "m", image: "i" }] } };
    const b = { spec: { containers: [{ image: "i", name: "m" }] }, metadata: { labels: { y: "2", x: "1" } } };
    expect(templateHash(a)).toBe(templateHash(b));
    expect(templateHash(a)).not.toBe(
      templateHash({ ...a, spec: { containers: [{ name: "m", image: "j" }] } }),
    );
    expect(templateHash(a)).toMatch(/^[a-z0-9]{10}$/);
  });

  test("a template change starts an update that patches parallelism replicas with a resourceVersion", () => {
    const old = svc({ replicas: 3 });
    const h1 = hashOf(old);
    const s = svc(
      {
        replicas: 3,
        update: { parallelism: 2 },
        template: { spec: { containers: [{ name: "main", image: "busybox:2" }] } },
      },
      {
        status: { currentRevision: h1, updateRevision: h1 },
        metadata: { name: "web", namespace: "ns", uid: "svc-uid", generation: 2 },
      },
    );
    const h2 = hashOf(s);
    const plan = planService(
      input(s, { replicas: [1, 2, 3].map((n) => replica(n, h1)), revisions: [revisionObject(old)] }),
    );
    expect(creates(plan.actions, "ControllerRevision").map((r) => r.metadata.name)).toEqual([`web-${h2}`]);
    expect((creates(plan.actions, "ControllerRevision")[0] as V1ControllerRevision).revision).toBe(2);
    expect(patches(plan.actions).map((p) => [p.target.name, p.patch])).toEqual([
      ["web-1", { metadata: { resourceVersion: "7" }, spec: { revision: h2 } }],
      ["web-2", { metadata: { resourceVersion: "7" }, spec: { revision: h2 } }],
    ]);
    expect(plan.status.updateStatus).toMatchObject({
      state: "Updating",
      generation: 2,
      batchStartedAt: "2026-01-01T00:00:00Z",
    });
    expect(plan.status.currentRevision).toBe(h1);
    expect(plan.status.updateRevision).toBe(h2);
    expect(cond(plan.status, "Progressing")).toMatchObject({ status: "True", reason: "Updating" });
    expect(plan.events.map((e) => e.reason)).toEqual(["UpdateStarted", "UpdatingReplicas"]);
  });

  test("stop-first never takes a ready replica down while parallelism replicas are already down", () => {
    const old = svc({ replicas: 3 });
    const h1 = hashOf(old);
    const s = svc(
      {
        replicas: 3,
        update: { parallelism: 1 },
        template: { spec: { containers: [{ name: "main", image: "v2" }] } },
      },
      { status: { currentRevision: h1, updateRevision: h1 } },
    );
    const reps = [replica(1, h1), replica(2, h1, { ready: false, phase: "Restarting" }), replica(3, h1)];
    const plan = planService(input(s, { replicas: reps, revisions: [revisionObject(old)] }));
    // The replica that is down anyway is updated; no ready one is taken down beside it.
    expect(patches(plan.actions).map((p) => p.target.name)).toEqual(["web-2"]);
  });

  test("update.delay separates batches and asks to be requeued", () => {
    const s = svc({ replicas: 2, update: { delay: "10s" } });
    const h = hashOf(s);
    const reps = [replica(1, h), replica(2, "old")];
    const status = {
      currentRevision: "old",
      updateRevision: h,
      updateStatus: {
        state: "Updating" as const,
        startedAt: "2025-12-31T23:59:00Z",
        generation: 1,
        batchStartedAt: "2025-12-31T23:59:50Z",
      },
    };
    const first = planService(input({ ...s, status }, { replicas: reps, revisions: [revisionObject(s)] }));
    expect(patches(first.actions)).toEqual([]);
    expect(first.status.updateStatus?.nextBatchAt).toBe("2026-01-01T00:00:10Z");
    expect(first.requeueAfterMs).toBe(10_000);
    const later = planService(
      input(
        { ...s, status: first.status },
        { replicas: reps, revisions: [revisionObject(s)], now: new Date("2026-01-01T00:00:10Z") },
      ),
    );
    expect(patches(later.actions).map((p) => p.target.name)).toEqual(["web-2"]);
  });

  test("the update completes only after the monitor window", () => {
    const s = svc({ replicas: 1, update: { monitor: "30s" } });
    const h = hashOf(s);
    const status = {
      currentRevision: "old",
      updateRevision: h,
      updateStatus: { state: "Updating" as const, startedAt: "2025-12-31T23:59:00Z", generation: 1 },
    };
    const first = planService(
      input({ ...s, status }, { replicas: [replica(1, h)], revisions: [revisionObject(s)] }),
    );
    expect(first.status.updateStatus?.state).toBe("Updating");
    expect(first.status.updateStatus?.lastBatchReadyAt).toBe("2026-01-01T00:00:00Z");
    expect(first.requeueAfterMs).toBe(30_000);
    const done = planService(
      input(
        { ...s, status: first.status },
        { replicas: [replica(1, h)], revisions: [revisionObject(s)], now: new Date("2026-01-01T00:00:30Z") },
      ),
    );
    expect(done.status.updateStatus).toMatchObject({
      state: "Completed",
      completedAt: "2026-01-01T00:00:30Z",
    });
    expect(done.status.currentRevision).toBe(h);
    expect(done.events.map((e) => e.reason)).toContain("UpdateCompleted");
  });

  test("failures within maxFailureRatio let the update go on", () => {
    const s = svc({ replicas: 4, update: { maxFailureRatio: 0.5, failureAction: "Pause" } });
    const h = hashOf(s);
    const failed = replica(1, h, {
      terminations: [
        {
          time: "2025-12-31T23:59:30Z",
          podName: "p",
          revision: h,
          failed: true,
          reason: "Error",
          exitCode: 1,
        },
      ],
    });
    const status = {
      currentRevision: "old",
      updateRevision: h,
      updateStatus: { state: "Updating" as const, startedAt: "2025-12-31T23:59:00Z", generation: 1 },
    };
    const plan = planService(
      input(
        { ...s, status },
        {
          replicas: [failed, replica(2, "old"), replica(3, "old"), replica(4, "old")],
          revisions: [revisionObject(s)],
        },
      ),
    );
    expect(plan.status.updateStatus?.state).toBe("Updating");
    expect(patches(plan.actions)).toHaveLength(1);
  });
});

describe("planService: failure actions through the in-memory cluster", () => {
  const good = (v: number): ServiceSpec => ({
    replicas: 3,
    template: { spec: { containers: [{ name: "main", image: `app:${v}` }] } },
    update: { parallelism: 1, failureAction: "Rollback", monitor: "5s" },
    restart: { condition: "Any", delay: "1s" },
  });
  const crashing = (base: ServiceSpec, failureAction: "Rollback" | "Pause"): ServiceSpec => ({
    ...base,
    update: { ...base.update, failureAction },
    template: {
      spec: { containers: [{ name: "main", image: "app:bad", env: [{ name: "CRASH", value: "1" }] }] },
    },
  });
  const run = (sim: Sim, ticks: number) => {
    for (let i = 0; i < ticks; i++) sim.tick();
  };

  test("failureAction Rollback restores the previous revision's exact template", () => {
    const sim = new Sim(good(1));
    run(sim, 10);
    const h1 = sim.service.status?.currentRevision ?? "";
    const bad = crashing(good(1), "Rollback");
    sim.setSpec(bad);
    run(sim, 30);
    const st = sim.service.status;
    expect(st?.updateStatus?.state).toBe("RollbackCompleted");
    expect(st?.updateStatus?.failedRevision).toBe(hashOf(svc(bad)));
    expect(st?.currentRevision).toBe(h1);
    expect([...sim.replicas.values()].every((r) => r.spec.revision === h1 && r.status?.ready)).toBe(true);
    // Pods run the stored template of the old revision, not anything rebuilt from the spec.
    expect(sim.livePods().every((p) => p.spec?.containers[0]?.image === "app:1")).toBe(true);
    expect(cond(st, "Degraded")).toMatchObject({ status: "True", reason: "RolledBack" });
    expect(sim.serviceLog.flatMap((l) => l.plan.events.map((e) => e.reason))).toContain(
      "UpdateRollbackStarted",
    );
    // The spec still names the failed template: nothing is retried until it changes.
    run(sim, 5);
    expect(sim.service.status?.updateStatus?.state).toBe("RollbackCompleted");
    sim.setSpec(good(2));
    run(sim, 30);
    expect(sim.service.status?.updateStatus?.state).toBe("Completed");
    expect(sim.livePods().every((p) => p.spec?.containers[0]?.image === "app:2")).toBe(true);
    expect(cond(sim.service.status, "Degraded").status).toBe("False");
  });

  test("failureAction Pause stops the update and a spec change resumes it", () => {
    const sim = new Sim(good(1));
    run(sim, 10);
    sim.setSpec(crashing(good(1), "Pause"));
    run(sim, 20);
    const st = sim.service.status;
    expect(st?.updateStatus?.state).toBe("Paused");
    expect(cond(st, "Progressing")).toMatchObject({ status: "False", reason: "UpdatePaused" });
    expect(cond(st, "Degraded")).toMatchObject({ status: "True", reason: "UpdatePaused" });
    // Only the first batch was touched.
    const bad = hashOf(svc(crashing(good(1), "Pause")));
    expect([...sim.replicas.values()].filter((r) => r.spec.revision === bad)).toHaveLength(1);
    const patchesWhilePaused = sim.serviceLog.slice(-5).flatMap((l) => patches(l.plan.actions));
    expect(patchesWhilePaused).toEqual([]);
    sim.setSpec({ ...good(3), update: { ...good(3).update, failureAction: "Pause" } });
    run(sim, 30);
    expect(sim.service.status?.updateStatus?.state).toBe("Completed");
    expect(sim.livePods().every((p) => p.spec?.containers[0]?.image === "app:3")).toBe(true);
  });
});

describe("planService: core Service and status", () => {
  test("ports are published by an owned ClusterIP Service selecting the Service's Pods", () => {
    const s = svc({
      ports: [
        { port: 80, targetPort: "http" },
        { port: 53, protocol: "UDP" },
      ],
    });
    const plan = planService(input(s));
    const core = creates(plan.actions, "Service")[0] as V1Service;
    expect(core.metadata?.name).toBe("web");
    expect(core.spec).toEqual({
      type: "ClusterIP",
      selector: { "berth.dev/service": "web" },
      ports: [
        { name: "tcp-80", port: 80, targetPort: "http", protocol: "TCP" },
        { name: "udp-53", port: 53, targetPort: 53, protocol: "UDP" },
      ],
    });
    expect(core.metadata?.ownerReferences?.[0]?.uid).toBe("svc-uid");
  });

  test("a changed port list is patched, removed ports delete the Service, a foreign one is left alone", () => {
    const owned: V1Service = {
      metadata: {
        name: "web",
        namespace: "ns",
        ownerReferences: [
          {
            apiVersion: "berth.dev/v1alpha1",
            kind: "Service",
            name: "web",
            uid: "svc-uid",
            controller: true,
          },
        ],
      },
      spec: {
        selector: { "berth.dev/service": "web", extra: "x" },
        ports: [{ port: 80, targetPort: 80, protocol: "TCP" }],
      },
    };
    const changed = planService(input(svc({ ports: [{ port: 8080 }] }), { coreService: owned }));
    expect(patches(changed.actions).map((p) => p.patch)).toEqual([
      {
        spec: {
          ports: [{ port: 8080, targetPort: 8080, protocol: "TCP" }],
          selector: { "berth.dev/service": "web", extra: null },
        },
      },
    ]);
    const same = planService(
      input(svc({ ports: [{ port: 80 }] }), {
        coreService: { ...owned, spec: { ...owned.spec, selector: { "berth.dev/service": "web" } } },
      }),
    );
    expect(
      same.actions.filter((a) => (a.type === "create" ? a.object.kind : a.target.kind) === "Service"),
    ).toEqual([]);
    expect(deletes(planService(input(svc({}), { coreService: owned })).actions, "Service")).toEqual(["web"]);
    const foreign = { ...owned, metadata: { name: "web", namespace: "ns" } };
    const conflict = planService(input(svc({ ports: [{ port: 80 }] }), { coreService: foreign }));
    expect(conflict.actions.filter((a) => a.type !== "create" || a.object.kind === "Service")).toEqual([]);
    expect(cond(conflict.status, "Degraded")).toMatchObject({ status: "True", reason: "ServiceConflict" });
  });

  test("conditions keep lastTransitionTime until their status flips; an unchanged plan writes nothing", () => {
    const s = svc({ replicas: 1 });
    const h = hashOf(s);
    const revs = [revisionObject(s)];
    const first = planService(input(s, { replicas: [replica(1, h, { ready: false })], revisions: revs }));
    expect(cond(first.status, "Available")).toMatchObject({
      status: "False",
      lastTransitionTime: "2026-01-01T00:00:00Z",
    });
    const later = new Date("2026-01-01T00:05:00Z");
    const again = planService(
      input(
        { ...s, status: first.status },
        { replicas: [replica(1, h, { ready: false })], revisions: revs, now: later },
      ),
    );
    expect(again.statusChanged).toBe(false);
    expect(again.actions).toEqual([]);
    const ready = planService(
      input({ ...s, status: first.status }, { replicas: [replica(1, h)], revisions: revs, now: later }),
    );
    expect(ready.statusChanged).toBe(true);
    expect(cond(ready.status, "Available")).toMatchObject({
      status: "True",
      lastTransitionTime: "2026-01-01T00:05:00Z",
    });
    expect(cond(ready.status, "DependenciesReady").lastTransitionTime).toBe("2026-01-01T00:00:00Z");
    expect(ready.status.readyReplicas).toBe(1);
    expect(ready.status.updatedReplicas).toBe(1);
  });

  test("revision history keeps what replicas use and the newest ten others", () => {
    const s = svc({ replicas: 1 });
    const h = hashOf(s);
    const old: V1ControllerRevision[] = Array.from({ length: 13 }, (_, i) => ({
      metadata: { name: `web-old${i}`, namespace: "ns", labels: { "berth.dev/revision": `old${i}` } },
      revision: i + 1,
    }));
    const plan = planService(
      input(s, {
        replicas: [
          replica(1, h),
          { ...replica(2, "old0"), spec: { service: "web", slot: 2, revision: "old0" } },
        ],
        revisions: [...old, revisionObject(s, 20)],
      }),
    );
    expect(deletes(plan.actions, "ControllerRevision").sort()).toEqual(["web-old1", "web-old2"]);
  });

  test("a Service being deleted plans nothing", () => {
    const plan = planService(
      input(svc({}, { metadata: { name: "web", namespace: "ns", deletionTimestamp: NOW } })),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.statusChanged).toBe(false);
  });
});

describe("planService: Global mode through the in-memory cluster", () => {
  test("replicas follow nodes joining, leaving and becoming unschedulable", () => {
    const spec: ServiceSpec = {
      mode: "Global",
      template: { spec: { containers: [{ name: "agent", image: "agent:1" }] } },
      restart: { delay: "0s" },
    };
    const sim = new Sim(spec, { nodes: [readyNode("a"), readyNode("b"), readyNode("c")] });
    const nodesOfPods = () =>
      sim
        .livePods()
        .filter((p) => p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"))
        .map((p) => p.spec?.nodeName)
        .sort();
    for (let i = 0; i < 6; i++) sim.tick();
    expect(nodesOfPods()).toEqual(["a", "b", "c"]);
    sim.nodes = [
      readyNode("a"),
      { ...readyNode("b"), spec: { unschedulable: true } },
      readyNode("c"),
      readyNode("d"),
    ];
    for (let i = 0; i < 6; i++) sim.tick();
    expect(nodesOfPods()).toEqual(["a", "c", "d"]);
    expect([...sim.replicas.keys()].sort()).toEqual(["web-a", "web-c", "web-d"]);
    expect(sim.service.status).toMatchObject({ desiredReplicas: 3, readyReplicas: 3 });
    expect(cond(sim.service.status, "Available").status).toBe("True");
  });
});
