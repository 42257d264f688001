// The controller against a real cluster (KUBECONFIG): CRDs from charts/berth/crds, a three-service app
// with start order (db Healthy → api Started → web), scaling, a rolling update, a failed update rolled
// back, and leader failover between two `berth controller` processes. Needs `make build` (it runs
// dist/src/cli.js; BERTH_CONTROLLER_CMD overrides) and an image the nodes can pull (BERTH_E2E_IMAGE,
// default busybox:1.36).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { isAlreadyExists, isNotFound, KubeClient } from "../../src/controller/kube/client.js";
import type { Lease } from "../../src/controller/kube/leader-election.js";
import type { KubeObject } from "../../src/controller/kube/object.js";
import {
  BERTH_REPLICAS,
  BERTH_SERVICES,
  LEASES,
  PODS,
  type ResourceType,
} from "../../src/controller/kube/resources.js";
import type { BerthService, Replica, ServiceSpec } from "../../src/controller/types.js";
import { eventually } from "../helpers/wait.js";

const KUBECONFIG = process.env.KUBECONFIG;
if (!KUBECONFIG)
  console.warn("test/e2e/controller: KUBECONFIG is not set; skipping the real-cluster controller suite");

const CRDS: ResourceType = {
  group: "apiextensions.k8s.io",
  version: "v1",
  plural: "customresourcedefinitions",
  kind: "CustomResourceDefinition",
  namespaced: false,
};
const NAMESPACES: ResourceType = {
  group: "",
  version: "v1",
  plural: "namespaces",
  kind: "Namespace",
  namespaced: false,
};
const IMAGE = process.env.BERTH_E2E_IMAGE ?? "busybox:1.36";
const CMD = (process.env.BERTH_CONTROLLER_CMD ?? `${process.execPath} dist/src/cli.js controller`).split(" ");
const LONG = { timeout: 180_000, interval: 1000 };

describe.skipIf(!KUBECONFIG)("controller on a real cluster", () => {
  const ns = `berth-e2e-${randomBytes(3).toString("hex")}`;
  let client: KubeClient;
  const procs = new Map<string, ChildProcess>();

  function startController(name: string): ChildProcess {
    const [bin, ...args] = CMD as [string, ...string[]];
    const p = spawn(
      bin,
      [
        ...args,
        `--namespace=${ns}`,
        `--lease-namespace=${ns}`,
        "--lease-duration=6s",
        "--renew-deadline=4s",
        "--retry-period=1s",
        "--metrics-address=127.0.0.1:0",
        "--health-address=127.0.0.1:0",
      ],
      { env: { ...process.env, POD_NAME: name }, stdio: ["ignore", "ignore", "inherit"] },
    );
    procs.set(name, p);
    return p;
  }

  async function holder(): Promise<string> {
    try {
      return (await client.get<Lease>(LEASES, ns, "berth-controller")).spec?.holderIdentity ?? "";
    } catch (err) {
      if (isNotFound(err)) return "";
      throw err;
    }
  }

  const svc = (
    name: string,
    spec: Partial<ServiceSpec>,
    container: Record<string, unknown> = {},
  ): BerthService => ({
    apiVersion: "berth.dev/v1alpha1",
    kind: "Service",
    metadata: { name, namespace: ns },
    spec: {
      replicas: 1,
      template: {
        metadata: { labels: { app: name } },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [{ name: "main", image: IMAGE, command: ["sh", "-c", "sleep 3600"], ...container }],
        },
      },
      ...spec,
    },
  });

  const get = (name: string) => client.get<BerthService>(BERTH_SERVICES, ns, name);
  const cond = async (name: string, type: string) =>
    (await get(name)).status?.conditions?.find((c) => c.type === type)?.status;
  const replicasOf = async (name: string) =>
    (
      await client.list<Replica>(BERTH_REPLICAS, {
        namespace: ns,
        labelSelector: `berth.dev/service=${name}`,
      })
    ).items;

  beforeAll(async () => {
    const kc = new KubeConfig();
    kc.loadFromDefault();
    client = new KubeClient(kc);
    expect(existsSync("dist/src/cli.js") || process.env.BERTH_CONTROLLER_CMD).toBeTruthy();
    const dir = "charts/berth/crds";
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
      for (const doc of parseAllDocuments(readFileSync(join(dir, file), "utf8"))) {
        const crd = doc.toJS() as KubeObject | null;
        if (!crd?.metadata?.name) continue;
        try {
          await client.create(CRDS, crd);
        } catch (err) {
          if (!isAlreadyExists(err)) throw err;
          const cur = await client.get<KubeObject>(CRDS, undefined, crd.metadata.name);
          await client.replace(CRDS, {
            ...crd,
            metadata: { ...crd.metadata, resourceVersion: cur.metadata?.resourceVersion },
          });
        }
        // expect.poll works only inside a test (vitest 4); hooks wait with `eventually`.
        await eventually(
          async () => {
            const c = await client.get<
              KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
            >(CRDS, undefined, crd.metadata?.name ?? "");
            return c.status?.conditions?.find((x) => x.type === "Established" && x.status === "True");
          },
          LONG.timeout,
          `CRD ${crd.metadata.name} Established`,
        );
      }
    }
    await client.create(NAMESPACES, { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    startController("e2e-a");
    startController("e2e-b");
    await eventually(async () => (await holder()) || undefined, LONG.timeout, "a lease holder");
  }, 300_000);

  afterAll(async () => {
    for (const p of procs.values()) p.kill("SIGKILL");
    await client?.delete(NAMESPACES, undefined, ns).catch(() => {});
    client?.close();
  });

  it("starts a three-service app in dependency order: db Healthy, then api, then web", async () => {
    const probe = { readinessProbe: { exec: { command: ["true"] }, periodSeconds: 1 } };
    await client.create(
      BERTH_SERVICES,
      svc("web", { dependsOn: [{ service: "api", condition: "Started" }] }),
    );
    await client.create(BERTH_SERVICES, svc("api", { dependsOn: [{ service: "db", condition: "Healthy" }] }));
    // api and web wait: their dependency does not exist yet.
    await new Promise((r) => setTimeout(r, 5000));
    expect(await replicasOf("api")).toHaveLength(0);
    expect(await replicasOf("web")).toHaveLength(0);
    expect(await cond("api", "DependenciesReady")).toBe("False");
    await client.create(BERTH_SERVICES, svc("db", {}, probe));
    for (const name of ["db", "api", "web"])
      await expect.poll(() => cond(name, "Available"), LONG).toBe("True");
    const created = async (name: string) =>
      Date.parse(String((await replicasOf(name))[0]?.metadata.creationTimestamp));
    const dbReady = Date.parse(String((await replicasOf("db"))[0]?.status?.readySince));
    expect(await created("api")).toBeGreaterThanOrEqual(dbReady - 1000);
    expect(await created("web")).toBeGreaterThanOrEqual(await created("api"));
  });

  it("scales web to 3 and back to 1, removing the highest slots", async () => {
    await client.patch(BERTH_SERVICES, ns, "web", { spec: { replicas: 3 } });
    await expect.poll(async () => (await get("web")).status?.readyReplicas, LONG).toBe(3);
    await client.patch(BERTH_SERVICES, ns, "web", { spec: { replicas: 1 } });
    await expect
      .poll(async () => (await replicasOf("web")).map((r) => r.metadata.name).sort(), LONG)
      .toEqual(["web-1"]);
  });

  it("rolls an update through every replica", async () => {
    await client.patch(BERTH_SERVICES, ns, "web", { spec: { replicas: 2 } });
    await expect.poll(async () => (await get("web")).status?.readyReplicas, LONG).toBe(2);
    const before = (await get("web")).status?.currentRevision;
    await client.patch(BERTH_SERVICES, ns, "web", {
      spec: {
        template: {
          spec: { containers: [{ name: "main", image: IMAGE, command: ["sh", "-c", "sleep 3601"] }] },
        },
      },
    });
    await expect
      .poll(async () => {
        const st = (await get("web")).status;
        return (
          st?.updateStatus?.state === "Completed" &&
          st.currentRevision === st.updateRevision &&
          st.updatedReplicas === 2
        );
      }, LONG)
      .toBe(true);
    expect((await get("web")).status?.currentRevision).not.toBe(before);
  });

  it("rolls back an update whose replicas fail when failureAction is Rollback", async () => {
    const good = (await get("web")).status?.currentRevision;
    await client.patch(BERTH_SERVICES, ns, "web", {
      spec: {
        update: { failureAction: "Rollback", monitor: "10s", maxFailureRatio: 0 },
        restart: { condition: "None" },
        template: { spec: { containers: [{ name: "main", image: IMAGE, command: ["sh", "-c", "exit 3"] }] } },
      },
    });
    await expect
      .poll(async () => (await get("web")).status?.updateStatus?.state, LONG)
      .toBe("RollbackCompleted");
    await expect.poll(async () => (await get("web")).status?.readyReplicas, LONG).toBe(2);
    const pods = (
      await client.list<KubeObject>(PODS, { namespace: ns, labelSelector: "berth.dev/service=web" })
    ).items;
    expect(
      pods
        .filter((p) => !p.metadata?.deletionTimestamp)
        .every((p) => p.metadata?.labels?.["berth.dev/revision"] === good),
    ).toBe(true);
  });

  it("fails over to the standby controller when the leader process dies", async () => {
    const leader = (await holder()).split("_")[0] ?? "";
    expect(procs.has(leader)).toBe(true);
    procs.get(leader)?.kill("SIGKILL");
    const died = Date.now();
    await expect
      .poll(async () => (await holder()).split("_")[0], { timeout: 30_000, interval: 250 })
      .not.toBe(leader);
    expect(Date.now() - died).toBeLessThan(6000 + 3000);
    await client.patch(BERTH_SERVICES, ns, "db", { spec: { replicas: 2 } });
    await expect.poll(async () => (await get("db")).status?.readyReplicas, LONG).toBe(2);
  });
});
