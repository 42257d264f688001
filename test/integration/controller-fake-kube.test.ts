// The fake API server must behave like the real one where controllers depend on it; these tests pin
// the semantics the controller's correctness rests on, through the real client over HTTP.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type ApiError,
  isAlreadyExists,
  isConflict,
  isNotFound,
  KubeClient,
} from "../../src/controller/kube/client.js";
import type { KubeObject, WatchEvent } from "../../src/controller/kube/object.js";
import { BERTH_REPLICAS, BERTH_SERVICES, LEASES, PODS } from "../../src/controller/kube/resources.js";
import { type FakeKube, startFakeKube } from "../helpers/fake-kube/server.js";

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

let fake: FakeKube;
let client: KubeClient;

beforeEach(async () => {
  fake = await startFakeKube();
  client = new KubeClient(fake.kubeConfig());
});

afterEach(async () => {
  client.close();
  await fake.close();
});

const svc = (name: string, replicas = 1): Obj => ({
  apiVersion: "berth.dev/v1alpha1",
  kind: "Service",
  metadata: { name, namespace: "default", labels: { app: name } },
  spec: { replicas },
  status: { readyReplicas: 99 },
});

describe("fake kube API", () => {
  it("create twice answers 409 AlreadyExists", async () => {
    await client.create(BERTH_SERVICES, svc("a"));
    const err = await client.create(BERTH_SERVICES, svc("a")).catch((e: unknown) => e);
    expect(isAlreadyExists(err)).toBe(true);
  });

  it("an update with a stale resourceVersion answers 409 Conflict", async () => {
    const created = await client.create<Obj>(BERTH_SERVICES, svc("a"));
    await client.replace(BERTH_SERVICES, { ...created, spec: { replicas: 2 } });
    const err = await client
      .replace(BERTH_SERVICES, { ...created, spec: { replicas: 3 } })
      .catch((e: unknown) => e);
    expect(isConflict(err)).toBe(true);
    expect((err as ApiError).statusCode).toBe(409);
  });

  it("status is dropped on create and ignored by the main endpoint; /status changes only status", async () => {
    const created = await client.create<Obj>(BERTH_SERVICES, svc("a"));
    expect(created.status).toBeUndefined();
    expect(created.metadata?.generation).toBe(1);
    const upd = await client.replace<Obj>(BERTH_SERVICES, {
      ...created,
      spec: { replicas: 5 },
      status: { readyReplicas: 7 },
    });
    expect(upd.status).toBeUndefined();
    expect(upd.metadata?.generation).toBe(2);
    const st = await client.replaceStatus<Obj>(BERTH_SERVICES, {
      ...upd,
      spec: { replicas: 1 },
      status: { readyReplicas: 3 },
    });
    expect(st.status).toEqual({ readyReplicas: 3 });
    expect(st.spec).toEqual({ replicas: 5 });
    expect(st.metadata?.generation).toBe(2);
  });

  it("merge and JSON patches apply; a patch carrying a stale resourceVersion conflicts", async () => {
    const created = await client.create<Obj>(BERTH_SERVICES, svc("a"));
    const p1 = await client.patch<Obj>(BERTH_SERVICES, "default", "a", { spec: { replicas: 4 } }, "merge");
    expect(p1.spec?.replicas).toBe(4);
    const p2 = await client.patch<Obj>(
      BERTH_SERVICES,
      "default",
      "a",
      [{ op: "replace", path: "/spec/replicas", value: 6 }],
      "json",
    );
    expect(p2.spec?.replicas).toBe(6);
    const err = await client
      .patch(BERTH_SERVICES, "default", "a", {
        metadata: { resourceVersion: created.metadata?.resourceVersion },
        spec: { replicas: 1 },
      })
      .catch((e: unknown) => e);
    expect(isConflict(err)).toBe(true);
  });

  it("a no-op write keeps the resourceVersion", async () => {
    const created = await client.create<Obj>(BERTH_SERVICES, svc("a"));
    const same = await client.patch<Obj>(BERTH_SERVICES, "default", "a", { spec: { replicas: 1 } });
    expect(same.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
  });

  it("deleting an owner garbage-collects its dependents, recursively", async () => {
    const owner = await client.create<Obj>(BERTH_SERVICES, svc("a"));
    const ref = {
      apiVersion: "berth.dev/v1alpha1",
      kind: "Service",
      name: "a",
      uid: owner.metadata?.uid ?? "",
      controller: true,
    };
    const rep = await client.create<Obj>(BERTH_REPLICAS, {
      metadata: { name: "a-1", namespace: "default", ownerReferences: [ref] },
      spec: { service: "a", slot: 1 },
    });
    await client.create(PODS, {
      metadata: {
        name: "a-1-x",
        namespace: "default",
        ownerReferences: [
          { apiVersion: "berth.dev/v1alpha1", kind: "Replica", name: "a-1", uid: rep.metadata?.uid ?? "" },
        ],
      },
      spec: { containers: [{ name: "c", image: "busybox" }] },
    } as Obj);
    await client.delete(BERTH_SERVICES, "default", "a");
    await expect.poll(async () => (await client.list(PODS, { namespace: "default" })).items.length).toBe(0);
    expect((await client.list(BERTH_REPLICAS)).items).toHaveLength(0);
  });

  it("delete with finalizers sets deletionTimestamp; removing the last finalizer deletes", async () => {
    await client.create(BERTH_SERVICES, {
      ...svc("a"),
      metadata: { name: "a", namespace: "default", finalizers: ["x/y"] },
    });
    await client.delete(BERTH_SERVICES, "default", "a");
    const terminating = await client.get<Obj>(BERTH_SERVICES, "default", "a");
    expect(terminating.metadata?.deletionTimestamp).toBeTruthy();
    await client.patch(BERTH_SERVICES, "default", "a", { metadata: { finalizers: null } });
    const err = await client.get(BERTH_SERVICES, "default", "a").catch((e: unknown) => e);
    expect(isNotFound(err)).toBe(true);
  });

  it("lists filter by label and field selectors", async () => {
    await client.create(BERTH_SERVICES, svc("a"));
    await client.create(BERTH_SERVICES, svc("b"));
    await client.create(BERTH_SERVICES, { ...svc("c"), metadata: { name: "c", namespace: "other" } });
    expect((await client.list(BERTH_SERVICES, { labelSelector: "app in (a,b)" })).items).toHaveLength(2);
    expect((await client.list(BERTH_SERVICES, { labelSelector: "app!=a" })).items).toHaveLength(2);
    expect((await client.list(BERTH_SERVICES, { fieldSelector: "metadata.name=b" })).items).toHaveLength(1);
    expect((await client.list(BERTH_SERVICES, { namespace: "other" })).items).toHaveLength(1);
  });

  it("watch replays changes after a resourceVersion, and an expired one answers an ERROR 410", async () => {
    const a = await client.create<Obj>(BERTH_SERVICES, svc("a"));
    await client.create(BERTH_SERVICES, svc("b"));
    await client.delete(BERTH_SERVICES, "default", "a");
    const events: WatchEvent[] = [];
    const h = client.watch(
      BERTH_SERVICES,
      { resourceVersion: a.metadata?.resourceVersion },
      (e) => events.push(e),
      () => {},
    );
    await expect
      .poll(() => events.map((e) => `${e.type}:${e.object.metadata?.name}`))
      .toEqual(["ADDED:b", "DELETED:a"]);
    h.abort();
    fake.store.compact();
    const gone: WatchEvent[] = [];
    const h2 = client.watch(
      BERTH_SERVICES,
      { resourceVersion: a.metadata?.resourceVersion },
      (e) => gone.push(e),
      () => {},
    );
    await expect.poll(() => gone.length).toBe(1);
    expect(gone[0]?.type).toBe("ERROR");
    expect((gone[0]?.object as { code?: number } | undefined)?.code).toBe(410);
    h2.abort();
  });

  it("injected failures answer the chosen status for the next N matching requests", async () => {
    fake.failNext(2, { code: 503, method: "GET" });
    for (let i = 0; i < 2; i++) {
      const err = await client.list(LEASES).catch((e: unknown) => e);
      expect((err as ApiError).statusCode).toBe(503);
    }
    expect((await client.list(LEASES)).items).toEqual([]);
  });

  it("server-side apply creates then merges", async () => {
    const body = JSON.stringify({
      apiVersion: "berth.dev/v1alpha1",
      kind: "Service",
      metadata: { name: "s" },
      spec: { replicas: 2 },
    });
    await client.request(
      "PATCH",
      "/apis/berth.dev/v1alpha1/namespaces/default/services/s",
      new URLSearchParams({ fieldManager: "t" }),
      body,
      "application/apply-patch+yaml",
    );
    await client.request(
      "PATCH",
      "/apis/berth.dev/v1alpha1/namespaces/default/services/s",
      undefined,
      "spec:\n  replicas: 3\n",
      "application/apply-patch+yaml",
    );
    expect((await client.get<Obj>(BERTH_SERVICES, "default", "s")).spec?.replicas).toBe(3);
  });
});
