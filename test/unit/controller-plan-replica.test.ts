import type { V1ControllerRevision, V1Pod } from "@kubernetes/client-node";
import { describe, expect, test } from "vitest";
import type { PlanAction, ReplicaPlanInput } from "../../src/controller/plan/index.js";
import { planReplica, podName } from "../../src/controller/plan/index.js";
import type {
  BerthService,
  Replica,
  ReplicaStatus,
  RestartPolicy,
  UpdateOrder,
} from "../../src/controller/types.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000);
const template = {
  metadata: { labels: { app: "web" }, annotations: { note: "x" } },
  spec: { containers: [{ name: "main", image: "busybox" }], restartPolicy: "Always" },
};
const revision = (hash: string): V1ControllerRevision => ({
  metadata: { name: `web-${hash}`, namespace: "ns", labels: { "berth.dev/revision": hash } },
  data: { template },
  revision: 1,
});

function service(restart: RestartPolicy = {}, order: UpdateOrder = "StopFirst"): BerthService {
  return {
    metadata: { name: "web", namespace: "ns", uid: "svc-uid" },
    spec: { template, restart, update: { order } },
  };
}

function rep(status: ReplicaStatus = {}, spec: Partial<Replica["spec"]> = {}): Replica {
  return {
    apiVersion: "berth.dev/v1alpha1",
    kind: "Replica",
    metadata: { name: "web-1", namespace: "ns", uid: "rep-uid", generation: 1 },
    spec: { service: "web", slot: 1, revision: "aaa", ...spec },
    status,
  };
}

function input(replica: Replica, pods: V1Pod[], more: Partial<ReplicaPlanInput> = {}): ReplicaPlanInput {
  return {
    replica,
    pods,
    service: service(),
    revision: revision(replica.spec.revision),
    now: at(0),
    ...more,
  };
}

type PodState = "pending" | "running" | "ready" | "failed" | "succeeded" | "terminating";
function pod(name: string, rev: string, state: PodState, finished = 0): V1Pod {
  const p: V1Pod = {
    metadata: {
      name,
      namespace: "ns",
      uid: `uid-${name}`,
      creationTimestamp: at(-100),
      labels: { "berth.dev/revision": rev },
      ownerReferences: [
        {
          apiVersion: "berth.dev/v1alpha1",
          kind: "Replica",
          name: "web-1",
          uid: "rep-uid",
          controller: true,
        },
      ],
    },
    spec: {
      containers: [{ name: "main", image: "busybox" }],
      nodeName: state === "pending" ? undefined : "n1",
    },
    status: { phase: "Pending" },
  };
  const status = p.status ?? {};
  if (state === "running" || state === "ready" || state === "terminating") {
    status.phase = "Running";
    status.podIP = "10.1.2.3";
    status.startTime = at(-90);
  }
  if (state === "ready" || state === "terminating") {
    status.conditions = [{ type: "Ready", status: "True", lastTransitionTime: at(-80) }];
  }
  if (state === "terminating" && p.metadata) p.metadata.deletionTimestamp = at(-1);
  if (state === "failed" || state === "succeeded") {
    const code = state === "failed" ? 2 : 0;
    status.phase = state === "failed" ? "Failed" : "Succeeded";
    status.containerStatuses = [
      {
        name: "main",
        image: "busybox",
        imageID: "",
        ready: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: code,
            reason: state === "failed" ? "Error" : "Completed",
            finishedAt: at(finished),
          },
        },
      },
    ];
  }
  return p;
}

const created = (actions: PlanAction[]) =>
  actions.flatMap((a) => (a.type === "create" && a.object.kind === "Pod" ? [a.object as V1Pod] : []));
const deleted = (actions: PlanAction[]) =>
  actions.flatMap((a) => (a.type === "delete" ? [a.target.name] : []));

describe("planReplica: the Pod", () => {
  test("a new Replica gets one Pod built from the stored revision, labelled and owned", () => {
    const plan = planReplica(input(rep(), []));
    const pods = created(plan.actions);
    expect(pods).toHaveLength(1);
    const p = pods[0] as V1Pod;
    expect(p.metadata?.name).toBe(podName("web-1", "aaa", 0));
    expect(p.metadata?.name).toMatch(/^web-1-[a-z0-9]{5}$/);
    expect(p.metadata?.labels).toEqual({
      app: "web",
      "berth.dev/service": "web",
      "berth.dev/revision": "aaa",
      "berth.dev/slot": "1",
      "berth.dev/replica": "web-1",
    });
    expect(p.metadata?.annotations).toMatchObject({ note: "x", "berth.dev/restart-attempt": "0" });
    expect(p.metadata?.ownerReferences).toEqual([
      {
        apiVersion: "berth.dev/v1alpha1",
        kind: "Replica",
        name: "web-1",
        uid: "rep-uid",
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    // The Replica restarts Pods itself, so kubelet must not.
    expect(p.spec?.restartPolicy).toBe("Never");
    expect(plan.status).toMatchObject({
      phase: "Pending",
      ready: false,
      podName: p.metadata?.name,
      revision: "aaa",
      restarts: 0,
    });
    expect(plan.events.map((e) => e.reason)).toEqual(["CreatedPod"]);
  });

  test("a Replica pinned to a node gets required node affinity on it, ANDed into every term", () => {
    const withAffinity: V1ControllerRevision = {
      ...revision("aaa"),
      data: {
        template: {
          spec: {
            containers: [{ name: "m", image: "i" }],
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }],
                },
              },
            },
          },
        },
      },
    };
    const r = rep({}, { slot: undefined, nodeName: "node-7" });
    const p = created(planReplica(input(r, [], { revision: withAffinity })).actions)[0] as V1Pod;
    expect(
      p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    ).toEqual([
      {
        matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }],
        matchFields: [{ key: "metadata.name", operator: "In", values: ["node-7"] }],
      },
    ]);
    expect(p.metadata?.labels?.["berth.dev/node"]).toBe("node-7");
    expect(p.metadata?.annotations?.["berth.dev/node-pin"]).toBe("node-7");
  });

  test("planning again before the cache shows the new Pod asks for the same name (AlreadyExists is harmless)", () => {
    const first = planReplica(input(rep(), []));
    const again = planReplica(input(rep(first.status), []));
    expect(created(again.actions).map((p) => p.metadata?.name)).toEqual(
      created(first.actions).map((p) => p.metadata?.name),
    );
  });

  test("status describes the live Pod", () => {
    const p = pod("web-1-x", "aaa", "ready");
    const plan = planReplica(input(rep({ podName: "web-1-x" }), [p]));
    expect(plan.actions).toEqual([]);
    expect(plan.status).toMatchObject({
      phase: "Running",
      podName: "web-1-x",
      podIP: "10.1.2.3",
      nodeName: "n1",
      ready: true,
      revision: "aaa",
      startedAt: "2025-12-31T23:58:30Z",
      readySince: "2025-12-31T23:58:40Z",
      observedGeneration: 1,
    });
    const again = planReplica(input(rep(plan.status), [p]));
    expect(again.statusChanged).toBe(false);
  });

  test("extra live Pods are deleted so one remains", () => {
    const plan = planReplica(
      input(rep({ podName: "web-1-b" }), [pod("web-1-a", "aaa", "ready"), pod("web-1-b", "aaa", "ready")]),
    );
    expect(deleted(plan.actions)).toEqual(["web-1-a"]);
    expect(plan.status.podName).toBe("web-1-b");
  });

  test("without its Service or revision nothing is created and the reason is given", () => {
    const noRev = planReplica(input(rep(), [], { revision: undefined }));
    expect(noRev.actions).toEqual([]);
    expect(noRev.status.message).toContain("ControllerRevision");
    expect(noRev.requeueAfterMs).toBeGreaterThan(0);
    expect(planReplica(input(rep(), [], { service: undefined })).actions).toEqual([]);
  });
});

describe("planReplica: restart policy", () => {
  test("Any: an ended Pod is replaced after restart.delay, under a new name", () => {
    const ended = pod("web-1-x", "aaa", "failed", 0);
    const svc = service({ condition: "Any", delay: "5s" });
    const waiting = planReplica(
      input(rep({ podName: "web-1-x", phase: "Running" }), [ended], { service: svc, now: at(2) }),
    );
    expect(waiting.actions).toEqual([]);
    expect(waiting.status).toMatchObject({
      phase: "Restarting",
      nextRestartAt: "2026-01-01T00:00:05Z",
      exitCode: 2,
      podName: "web-1-x",
    });
    expect(waiting.requeueAfterMs).toBe(3000);
    expect(waiting.status.terminations).toEqual([
      {
        time: "2026-01-01T00:00:00Z",
        podName: "web-1-x",
        revision: "aaa",
        failed: true,
        exitCode: 2,
        reason: "Error",
      },
    ]);
    expect(waiting.events.map((e) => e.reason)).toEqual(["PodFailed"]);
    const now = planReplica(input(rep(waiting.status), [ended], { service: svc, now: at(5) }));
    expect(deleted(now.actions)).toEqual(["web-1-x"]);
    const next = created(now.actions)[0] as V1Pod;
    expect(next.metadata?.name).toBe(podName("web-1", "aaa", 1));
    expect(next.metadata?.annotations?.["berth.dev/restart-attempt"]).toBe("1");
    expect(now.status.restarts).toBe(1);
    expect(now.status.terminations?.[0]?.restarted).toBe(true);
  });

  test("OnFailure: a clean exit completes the Replica and keeps its Pod", () => {
    const plan = planReplica(
      input(rep({ podName: "web-1-x" }), [pod("web-1-x", "aaa", "succeeded")], {
        service: service({ condition: "OnFailure", delay: "0s" }),
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.status).toMatchObject({ phase: "Succeeded", exitCode: 0, ready: false });
    expect(plan.status.terminations?.[0]).toMatchObject({
      failed: false,
      restarted: false,
      reason: "Completed",
    });
  });

  test("None: a failed Pod is not replaced and the Replica is Failed", () => {
    const plan = planReplica(
      input(rep({ podName: "web-1-x" }), [pod("web-1-x", "aaa", "failed")], {
        service: service({ condition: "None" }),
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.status).toMatchObject({ phase: "Failed", exitCode: 2 });
  });

  test("maxAttempts within window: the limit stops restarts, and stays stopped", () => {
    const svc = service({ condition: "Any", delay: "0s", maxAttempts: 2, window: "1m" });
    const terms = [10, 20].map((t, i) => ({
      time: at(t).toISOString(),
      podName: `old-${i}`,
      revision: "aaa",
      failed: true,
      reason: "Error",
      restarted: true,
    }));
    const ended = pod("web-1-x", "aaa", "failed", 30);
    const plan = planReplica(
      input(rep({ podName: "web-1-x", restarts: 2, terminations: terms }), [ended], {
        service: svc,
        now: at(31),
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.status.phase).toBe("Failed");
    expect(plan.events.map((e) => e.reason)).toContain("RestartLimitReached");
    // Even once the window has passed, the decision stands.
    const later = planReplica(input(rep(plan.status), [ended], { service: svc, now: at(500) }));
    expect(later.actions).toEqual([]);
    // Restarts outside the window do not count.
    const old = terms.map((t) => ({ ...t, time: at(-600).toISOString() }));
    const fresh = planReplica(
      input(rep({ podName: "web-1-x", restarts: 2, terminations: old }), [ended], {
        service: svc,
        now: at(31),
      }),
    );
    expect(created(fresh.actions)).toHaveLength(1);
  });

  test("a Pod that vanished is recorded and replaced", () => {
    const plan = planReplica(
      input(rep({ podName: "web-1-x", phase: "Running", revision: "aaa", ready: true }), [], {
        service: service({ condition: "OnFailure", delay: "0s" }),
        now: at(3),
      }),
    );
    expect(plan.status.terminations).toEqual([
      {
        time: "2026-01-01T00:00:03Z",
        podName: "web-1-x",
        revision: "aaa",
        failed: true,
        reason: "PodVanished",
        restarted: true,
      },
    ]);
    expect(created(plan.actions)).toHaveLength(1);
    expect(plan.status.restarts).toBe(1);
  });

  test("termination history is bounded", () => {
    const terms = Array.from({ length: 20 }, (_, i) => ({
      time: at(i).toISOString(),
      podName: `p${i}`,
      revision: "aaa",
      failed: true,
      reason: "Error",
      restarted: true,
    }));
    const plan = planReplica(
      input(rep({ podName: "web-1-x", terminations: terms }), [pod("web-1-x", "aaa", "failed", 30)], {
        now: at(40),
        service: service({ delay: "0s" }),
      }),
    );
    expect(plan.status.terminations).toHaveLength(20);
    expect(plan.status.terminations?.[19]?.podName).toBe("web-1-x");
  });
});

describe("planReplica: revision changes", () => {
  test("stop-first deletes the old Pod and creates the new one only once it is gone", () => {
    const r = rep({ podName: "web-1-old", revision: "old", ready: true, phase: "Running" });
    const first = planReplica(input(r, [pod("web-1-old", "old", "ready")]));
    expect(deleted(first.actions)).toEqual(["web-1-old"]);
    expect(created(first.actions)).toEqual([]);
    expect(first.status).toMatchObject({ phase: "Pending", ready: false });
    const stopping = planReplica(input(rep(first.status), [pod("web-1-old", "old", "terminating")]));
    expect(created(stopping.actions)).toEqual([]);
    const gone = planReplica(input(rep(stopping.status), []));
    expect(created(gone.actions).map((p) => p.metadata?.labels?.["berth.dev/revision"])).toEqual(["aaa"]);
    // Replacing on purpose is not a failure.
    expect(gone.status.terminations).toBeUndefined();
  });

  test("start-first keeps the old Pod serving until the new one is ready", () => {
    const svc = service({}, "StartFirst");
    const old = pod("web-1-old", "old", "ready");
    const r = rep({ podName: "web-1-old", revision: "old", ready: true, phase: "Running" });
    const first = planReplica(input(r, [old], { service: svc }));
    expect(deleted(first.actions)).toEqual([]);
    const fresh = created(first.actions)[0] as V1Pod;
    expect(first.status).toMatchObject({ ready: true, revision: "old", podName: "web-1-old" });
    const starting = { ...pod(fresh.metadata?.name ?? "", "aaa", "running") };
    const mid = planReplica(input(rep(first.status), [old, starting], { service: svc }));
    expect(mid.actions).toEqual([]);
    expect(mid.status).toMatchObject({ ready: true, revision: "old" });
    const readyNew = pod(fresh.metadata?.name ?? "", "aaa", "ready");
    const done = planReplica(input(rep(mid.status), [old, readyNew], { service: svc }));
    expect(deleted(done.actions)).toEqual(["web-1-old"]);
    expect(done.status).toMatchObject({ ready: true, revision: "aaa", podName: fresh.metadata?.name });
  });

  test("a changed node pin replaces the Pod without counting a failure", () => {
    const r = rep({ podName: "web-1-x", revision: "aaa", ready: true, phase: "Running" }, { nodeName: "n2" });
    const p = pod("web-1-x", "aaa", "ready");
    const plan = planReplica(input(r, [p]));
    expect(deleted(plan.actions)).toEqual(["web-1-x"]);
    const after = planReplica(input(rep(plan.status, { nodeName: "n2" }), []));
    expect(after.status.terminations).toBeUndefined();
    expect(created(after.actions)[0]?.metadata?.annotations?.["berth.dev/node-pin"]).toBe("n2");
  });
});
