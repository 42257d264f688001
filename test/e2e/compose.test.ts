// berth compose up/ps/down against a real cluster (KUBECONFIG) where the berth CRDs are installed
// and the berth controller runs. The app: db (healthy via a healthcheck) → api (started) → web.
// Image: BERTH_E2E_BUSYBOX_IMAGE (default busybox:1.36), which every node must be able to pull.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiextensionsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { runCompose } from "../../src/controller/compose/index.js";
import { eventually } from "../helpers/wait.js";

const KUBECONFIG = process.env.KUBECONFIG;
if (!KUBECONFIG) {
  console.warn("test/e2e/compose.test.ts: KUBECONFIG is not set, skipping the berth compose e2e tests");
}

const IMAGE = process.env.BERTH_E2E_BUSYBOX_IMAGE ?? "busybox:1.36";

const COMPOSE = `
name: e2e-shop
services:
  db:
    image: ${IMAGE}
    command: ["sh", "-c", "touch /tmp/ready; exec sleep 3600"]
    healthcheck:
      test: ["CMD", "test", "-f", "/tmp/ready"]
      interval: 2s
      retries: 3
  api:
    image: ${IMAGE}
    command: sh -c 'exec httpd -f -p 8080 -h /tmp'
    ports: ["8080"]
    depends_on:
      db:
        condition: service_healthy
    deploy:
      replicas: 2
  web:
    image: ${IMAGE}
    command: sleep 3600
    depends_on: [api]
    environment:
      API_URL: http://api:8080
`;

class Capture {
  text = "";
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

/** Runs `berth compose <argv> -f <file> -n <namespace>` in-process, capturing its output. */
async function runIn(kc: KubeConfig, file: string, namespace: string, argv: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCompose([...argv, "-f", file, "-n", namespace], {
    stdout,
    stderr,
    tty: false,
    kubeConfig: kc,
  });
  return { code, out: stdout.text, err: stderr.text };
}

describe.skipIf(!KUBECONFIG)("berth compose against a real cluster", () => {
  const namespace = `berth-compose-e2e-${process.pid}-${Date.now().toString(36)}`;
  // Made in beforeAll: the body of a skipped describe still runs, and would leave it behind.
  let dir = "";
  let file = "";
  const kc = new KubeConfig();
  const compose = (...argv: string[]) => runIn(kc, file, namespace, argv);

  beforeAll(async () => {
    kc.loadFromDefault();
    dir = mkdtempSync(join(tmpdir(), "berth-compose-e2e-"));
    file = join(dir, "compose.yaml");
    writeFileSync(file, COMPOSE);
    // The CRDs are needed as they are in the chart; installing them again is harmless.
    const ext = kc.makeApiClient(ApiextensionsV1Api);
    try {
      await ext.readCustomResourceDefinition({ name: "services.berth.dev" });
    } catch {
      const crds = join(import.meta.dirname, "../../charts/berth/crds");
      for (const f of ["berth.dev_services.yaml", "berth.dev_replicas.yaml"]) {
        await ext.createCustomResourceDefinition({ body: parse(readFileSync(join(crds, f), "utf8")) });
      }
    }
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
  }, 120_000);

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await kc
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: namespace })
      .catch(() => undefined);
  }, 120_000);

  test("up brings db, api and web to Available in dependency order", async () => {
    const r = await compose("up", "--timeout", "4m");
    expect(r.err.split("\n").filter((l) => l.startsWith("error"))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('project "e2e-shop" is up: 3 service(s) available');
    const objects = kc.makeApiClient(CustomObjectsApi);
    const api = (await objects.getNamespacedCustomObject({
      group: "berth.dev",
      version: "v1alpha1",
      namespace,
      plural: "services",
      name: "api",
    })) as { metadata: { labels: Record<string, string>; managedFields?: { manager: string }[] } };
    expect(api.metadata.labels["berth.dev/project"]).toBe("e2e-shop");
    expect(api.metadata.managedFields?.some((m) => m.manager === "berth-compose")).toBe(true);
  }, 300_000);

  test("ps shows every replica running and ready", async () => {
    const r = await compose("ps");
    expect(r.code).toBe(0);
    const rows = r.out.split("\n").filter((l) => /^(db|api|web)\s+(db|api|web)-/.test(l));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).toMatch(/\sRunning\s.*\strue\s/);
  }, 60_000);

  test("down removes everything the project created", async () => {
    const r = await compose("down", "--timeout", "3m");
    expect(r.code).toBe(0);
    expect(r.out).toBe(["web", "api", "db"].map((n) => `removed Service ${namespace}/${n}\n`).join(""));
    const again = await compose("ps");
    expect(again.out).toContain('no Services of project "e2e-shop"');
  }, 240_000);
});

// A named volume becomes a PersistentVolumeClaim: a file written into it survives a rolling update.
// The cluster needs no provisioner: the test brings a hostPath PersistentVolume bound to the claim
// compose will make (on a single-node cluster, such as make conformance's, hostPath is that node's).
describe.skipIf(!KUBECONFIG)("berth compose keeps a named volume's data", () => {
  const namespace = `berth-compose-keep-${process.pid}-${Date.now().toString(36)}`;
  const pvName = `${namespace}-data`;
  const hostDir = `/var/tmp/${pvName}`;
  let dir = "";
  let file = "";
  const kc = new KubeConfig();
  const core = () => kc.makeApiClient(CoreV1Api);
  const composeFile = (rev: number) => `
name: e2e-keep
services:
  store:
    image: ${IMAGE}
    command: ["sh", "-c", "test -f /data/born || date +%s%N > /data/born; cat /data/born; exec sleep 3600"]
    environment:
      REV: "${rev}"
    volumes: ["data:/data"]
volumes:
  data: {}
`;
  const compose = (...argv: string[]) => runIn(kc, file, namespace, argv);
  /** The Running store pod's name and its first log line, once there is one. */
  const running = async (): Promise<{ name: string; born: string } | undefined> => {
    const pods = await core().listNamespacedPod({ namespace, labelSelector: "berth.dev/service=store" });
    const pod = pods.items.find((p) => p.status?.phase === "Running" && !p.metadata?.deletionTimestamp);
    if (!pod?.metadata?.name) return undefined;
    const log = await core()
      .readNamespacedPodLog({ name: pod.metadata.name, namespace })
      .catch(() => "");
    const born = log.split("\n")[0]?.trim();
    return born ? { name: pod.metadata.name, born } : undefined;
  };

  beforeAll(async () => {
    kc.loadFromDefault();
    dir = mkdtempSync(join(tmpdir(), "berth-compose-keep-"));
    file = join(dir, "compose.yaml");
    await core().createNamespace({ body: { metadata: { name: namespace } } });
    await core().createPersistentVolume({
      body: {
        metadata: { name: pvName },
        spec: {
          capacity: { storage: "1Gi" },
          accessModes: ["ReadWriteOnce"],
          storageClassName: "",
          persistentVolumeReclaimPolicy: "Retain",
          hostPath: { path: hostDir, type: "DirectoryOrCreate" },
          claimRef: { namespace, name: "e2e-keep-data" },
        },
      },
    });
  }, 120_000);

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await core()
      .deleteNamespace({ name: namespace })
      .catch(() => undefined);
    await core()
      .deletePersistentVolume({ name: pvName })
      .catch(() => undefined);
    rmSync(hostDir, { recursive: true, force: true });
  }, 120_000);

  test("a file written into the volume is there after a rolling update replaced the pod", async () => {
    writeFileSync(file, composeFile(1));
    const first = await compose("up", "--timeout", "3m");
    expect(first.err.split("\n").filter((l) => l.startsWith("error"))).toEqual([]);
    expect(first.code).toBe(0);
    const before = await eventually(running, 120_000, "the first store pod's log");

    writeFileSync(file, composeFile(2)); // a changed template: a rolling update
    const second = await compose("up", "--timeout", "3m");
    expect(second.code).toBe(0);
    const after = await eventually(
      async () => {
        const r = await running();
        return r && r.name !== before.name ? r : undefined;
      },
      180_000,
      "a replacement store pod",
    );
    expect(after.born).toBe(before.born);

    const down = await compose("down", "-v", "--timeout", "2m");
    expect(down.code).toBe(0);
    // The claim goes once its pod has (the pvc-protection finalizer holds it until then).
    await eventually(
      async () =>
        (await core().listNamespacedPersistentVolumeClaim({ namespace })).items.length ? undefined : true,
      90_000,
      "the claim removed by down -v",
    );
  }, 420_000);
});
