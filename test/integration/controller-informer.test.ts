// Informers against the fake API over HTTP: they must survive expired resourceVersions (410), dropped
// watch connections and failing requests, and end with a cache equal to the server's state.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KubeClient } from "../../src/controller/kube/client.js";
import { Informer } from "../../src/controller/kube/informer.js";
import type { KubeObject } from "../../src/controller/kube/object.js";
import { BERTH_REPLICAS } from "../../src/controller/kube/resources.js";
import { type FakeKube, startFakeKube } from "../helpers/fake-kube/server.js";
import { selectors } from "../helpers/fake-kube/store.js";

let fake: FakeKube;
let client: KubeClient;
let informer: Informer<KubeObject> | undefined;

beforeEach(async () => {
  fake = await startFakeKube({ historyLimit: 50, bookmarkIntervalMs: 100 });
  client = new KubeClient(fake.kubeConfig());
});

afterEach(async () => {
  await informer?.stop();
  informer = undefined;
  client.close();
  await fake.close();
});

const replica = (name: string, service = "web"): KubeObject & { spec: unknown } => ({
  metadata: { name, namespace: "default", labels: { "berth.dev/service": service } },
  spec: { service, revision: "r1" },
});

function cachedNames(inf: Informer<KubeObject>): string[] {
  return inf
    .list()
    .map((o) => o.metadata?.name ?? "")
    .sort();
}

/** Read from the store directly: the HTTP surface may be failing on purpose. */
async function serverNames(): Promise<string[]> {
  const { items } = fake.store.list(fake.resource("replicas", "berth.dev"), selectors());
  return items.map((o) => o.metadata?.name ?? "").sort();
}

describe("informer", () => {
  it("lists, then follows adds, updates and deletes through the watch, with handlers and indexes", async () => {
    await client.create(BERTH_REPLICAS, replica("a-1", "a"));
    const inf = new Informer<KubeObject>(client, BERTH_REPLICAS, { backoffInitialMs: 20 });
    informer = inf;
    inf.addIndex("service", (o) => [o.metadata?.labels?.["berth.dev/service"] ?? ""]);
    const seen: string[] = [];
    inf.addEventHandler({
      onAdd: (o) => seen.push(`add:${o.metadata?.name}`),
      onUpdate: (_old, o) => seen.push(`update:${o.metadata?.name}`),
      onDelete: (o) => seen.push(`delete:${o.metadata?.name}`),
    });
    inf.start();
    await inf.waitForSync();
    expect(seen).toEqual(["add:a-1"]);
    await client.create(BERTH_REPLICAS, replica("b-1", "b"));
    await client.patch(BERTH_REPLICAS, "default", "a-1", { metadata: { labels: { x: "y" } } });
    await client.delete(BERTH_REPLICAS, "default", "a-1");
    await expect.poll(() => seen).toEqual(["add:a-1", "add:b-1", "update:a-1", "delete:a-1"]);
    expect(inf.byIndex("service", "b").map((o) => o.metadata?.name)).toEqual(["b-1"]);
    expect(inf.byIndex("service", "a")).toEqual([]);
  });

  it("relists when its resourceVersion expires (410) and ends with the server's state", async () => {
    const inf = new Informer<KubeObject>(client, BERTH_REPLICAS, { backoffInitialMs: 20 });
    informer = inf;
    const deletes: string[] = [];
    inf.addEventHandler({ onDelete: (o) => deletes.push(o.metadata?.name ?? "") });
    for (let i = 0; i < 5; i++) await client.create(BERTH_REPLICAS, replica(`r-${i}`));
    inf.start();
    await inf.waitForSync();
    // Cut the watch, change things while it is down, and compact the history past its resourceVersion.
    fake.failNext(1_000_000, { method: "GET", pathIncludes: "/replicas" });
    fake.dropWatches();
    await client.delete(BERTH_REPLICAS, "default", "r-0");
    for (let i = 5; i < 8; i++) await client.create(BERTH_REPLICAS, replica(`r-${i}`));
    fake.store.compact();
    const listsBefore = inf.stats.lists;
    fake.clearFailures();
    await expect.poll(() => cachedNames(inf), { timeout: 10_000 }).toEqual(await serverNames());
    expect(inf.stats.lists).toBeGreaterThan(listsBefore);
    expect(inf.stats.relistsOnGone).toBeGreaterThanOrEqual(1);
    expect(deletes).toContain("r-0");
  });

  it("recovers after dropped watches and failing requests, with backoff, missing nothing", async () => {
    const inf = new Informer<KubeObject>(client, BERTH_REPLICAS, { backoffInitialMs: 10, backoffMaxMs: 200 });
    informer = inf;
    inf.start();
    await inf.waitForSync();
    for (let round = 0; round < 5; round++) {
      fake.failNext(3, { method: "GET", pathIncludes: "/replicas" });
      expect(fake.dropWatches()).toBeGreaterThanOrEqual(0);
      await client.create(BERTH_REPLICAS, replica(`x-${round}`));
      await expect.poll(() => cachedNames(inf), { timeout: 10_000 }).toEqual(await serverNames());
    }
    expect(inf.stats.watchErrors).toBeGreaterThanOrEqual(3);
    expect(inf.stats.watches).toBeGreaterThan(5);
    // And the watch is live again: a new object shows up without any further fault.
    await client.create(BERTH_REPLICAS, replica("final"));
    await expect.poll(() => cachedNames(inf)).toContain("final");
  });

  it("a watch that ends by its server timeout is renewed from its resourceVersion without relisting", async () => {
    const inf = new Informer<KubeObject>(client, BERTH_REPLICAS, { watchTimeoutSeconds: 1 });
    informer = inf;
    inf.start();
    await inf.waitForSync();
    await expect.poll(() => inf.stats.watches, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    await client.create(BERTH_REPLICAS, replica("late"));
    await expect.poll(() => cachedNames(inf)).toEqual(["late"]);
    expect(inf.stats.lists).toBe(1);
  });
});
