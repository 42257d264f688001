// The whole controller against the fake API over HTTP, with a simulated kubelet: Services become
// Replicas and Pods, status converges, scaling removes the highest slots, conflicts are retried, and
// with two instances only the leader reconciles until it dies.
import { Registry } from "prom-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KubeClient } from "../../src/controller/kube/client.js";
import type { KubeObject } from "../../src/controller/kube/object.js";
import { BERTH_REPLICAS, BERTH_SERVICES, EVENTS, PODS } from "../../src/controller/kube/resources.js";
import { Controller } from "../../src/controller/reconcilers/controller.js";
import type { BerthService, Replica } from "../../src/controller/types.js";
import { FakeKubelet } from "../helpers/fake-kube/kubelet.js";
import { type FakeKube, startFakeKube } from "../helpers/fake-kube/server.js";

let fake: FakeKube;
let kubelet: FakeKubelet;
let client: KubeClient;
const controllers: Controller[] = [];

beforeEach(async () => {
  fake = await startFakeKube();
  kubelet = new FakeKubelet(fake, { readyDelayMs: 20 }).start();
  client = new KubeClient(fake.kubeConfig());
});

afterEach(async () => {
  for (const c of controllers.splice(0)) await c.stop();
  kubelet.stop();
  client.close();
  await fake.close();
});

function controller(opts: { leaderElection?: boolean; identity?: string } = {}): Controller {
  const c = new Controller({
    kubeConfig: fake.kubeConfig(),
    registry: new Registry(),
    workers: 4,
    ...(opts.leaderElection
      ? {
          leaderElection: {
            namespace: "kube-system",
            name: "berth-controller",
            identity: opts.identity ?? "x",
            leaseDurationMs: 2000,
            renewDeadlineMs: 1200,
            retryPeriodMs: 200,
          },
        }
      : {}),
  });
  controllers.push(c);
  return c;
}

function service(name: string, replicas: number): BerthService {
  return {
    apiVersion: "berth.dev/v1alpha1",
    kind: "Service",
    metadata: { name, namespace: "default" },
    spec: {
      replicas,
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "main", image: "busybox" }] },
      },
    },
  };
}

async function replicaNames(svc: string): Promise<string[]> {
  const list = await client.list<Replica>(BERTH_REPLICAS, {
    namespace: "default",
    labelSelector: `berth.dev/service=${svc}`,
  });
  return list.items.map((r) => r.metadata.name ?? "").sort();
}

async function podCount(svc: string): Promise<number> {
  return (await client.list(PODS, { namespace: "default", labelSelector: `berth.dev/service=${svc}` })).items
    .length;
}

async function status(name: string): Promise<BerthService["status"]> {
  return (await client.get<BerthService>(BERTH_SERVICES, "default", name)).status;
}

function available(st: BerthService["status"]): string | undefined {
  return st?.conditions?.find((c) => c.type === "Available")?.status;
}

describe("controller reconcile", () => {
  it("a Service with 3 replicas gets 3 Replicas and 3 Pods and becomes Available; scaling to 1 removes slots 3 and 2", async () => {
    const c = controller();
    await c.start();
    await client.create(BERTH_SERVICES, service("web", 3));
    await expect.poll(() => replicaNames("web"), { timeout: 15_000 }).toEqual(["web-1", "web-2", "web-3"]);
    await expect.poll(() => podCount("web"), { timeout: 15_000 }).toBe(3);
    await expect.poll(async () => (await status("web"))?.readyReplicas, { timeout: 15_000 }).toBe(3);
    await expect.poll(async () => available(await status("web")), { timeout: 15_000 }).toBe("True");
    const st = await status("web");
    expect(st?.observedGeneration).toBe(1);

    await client.patch(BERTH_SERVICES, "default", "web", { spec: { replicas: 1 } });
    await expect.poll(() => replicaNames("web"), { timeout: 15_000 }).toEqual(["web-1"]);
    await expect.poll(() => podCount("web"), { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await status("web"))?.readyReplicas, { timeout: 15_000 }).toBe(1);
    expect((await status("web"))?.observedGeneration).toBe(2);

    // Decisions users should see are recorded as Events on the objects.
    const events = (await client.list<KubeObject & { reason?: string }>(EVENTS, { namespace: "default" }))
      .items;
    expect(events.length).toBeGreaterThan(0);
    const text = await c.metrics.registry.metrics();
    expect(text).toMatch(/berth_service_replicas\{namespace="default",service="web",state="ready"\} 1/);
    expect(text).toMatch(
      /berth_controller_reconcile_total\{controller="service",result="(success|requeue)"\} \d+/,
    );
  });

  it("a status write that conflicts is requeued and succeeds on retry", async () => {
    const c = controller();
    await c.start();
    fake.failNext(3, { code: 409, method: "PUT", pathIncludes: "/status" });
    await client.create(BERTH_SERVICES, service("api", 2));
    await expect.poll(async () => (await status("api"))?.readyReplicas, { timeout: 15_000 }).toBe(2);
    const text = await c.metrics.registry.metrics();
    expect(text).toMatch(
      /berth_controller_reconcile_total\{controller="(service|replica)",result="conflict"\} [1-9]/,
    );
    expect(text).toMatch(/workqueue_retries_total\{name="(service|replica)"\} [1-9]/);
  });

  it("the status is written only when it changed", async () => {
    const c = controller();
    await c.start();
    await client.create(BERTH_SERVICES, service("quiet", 1));
    await expect.poll(async () => available(await status("quiet")), { timeout: 15_000 }).toBe("True");
    await new Promise((r) => setTimeout(r, 500));
    const writes = () =>
      fake.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/services/quiet/status")).length;
    const before = writes();
    // An unrelated label change triggers reconciles that must not rewrite an unchanged status.
    await client.patch(BERTH_SERVICES, "default", "quiet", { metadata: { labels: { touched: "yes" } } });
    await new Promise((r) => setTimeout(r, 700));
    expect(writes()).toBe(before);
  });

  it("with two instances only the leader reconciles; when it dies the standby takes over within the lease duration", async () => {
    const a = controller({ leaderElection: true, identity: "a" });
    await a.start();
    await expect.poll(() => a.isLeader, { timeout: 5000 }).toBe(true);
    const b = controller({ leaderElection: true, identity: "b" });
    await b.start();
    expect(b.ready()).toBe(true);
    await client.create(BERTH_SERVICES, service("one", 1));
    await expect.poll(async () => available(await status("one")), { timeout: 15_000 }).toBe("True");
    expect(b.isLeader).toBe(false);
    expect(b.stats.service + b.stats.replica).toBe(0);
    expect(a.stats.service).toBeGreaterThan(0);

    const died = Date.now();
    await a.kill();
    controllers.splice(controllers.indexOf(a), 1);
    await expect.poll(() => b.isLeader, { timeout: 6000, interval: 20 }).toBe(true);
    expect(Date.now() - died).toBeLessThan(2000 + 1000);
    await client.create(BERTH_SERVICES, service("two", 2));
    await expect.poll(async () => (await status("two"))?.readyReplicas, { timeout: 15_000 }).toBe(2);
    expect(b.stats.service).toBeGreaterThan(0);
  });

  it("a graceful stop releases the lease so the standby leads at once", async () => {
    const a = controller({ leaderElection: true, identity: "a" });
    await a.start();
    await expect.poll(() => a.isLeader, { timeout: 5000 }).toBe(true);
    const b = controller({ leaderElection: true, identity: "b" });
    await b.start();
    const stopped = Date.now();
    await a.stop();
    controllers.splice(controllers.indexOf(a), 1);
    await expect.poll(() => b.isLeader, { timeout: 3000, interval: 10 }).toBe(true);
    expect(Date.now() - stopped).toBeLessThan(1000);
    const lease = await client.get<KubeObject & { spec?: { holderIdentity?: string } }>(
      { group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease", namespaced: true },
      "kube-system",
      "berth-controller",
    );
    expect(lease.spec?.holderIdentity).toBe("b");
  });
});
