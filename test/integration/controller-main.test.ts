// `berth controller` wiring: flags, the HTTP endpoints and graceful shutdown, against the fake API.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KubeClient } from "../../src/controller/kube/client.js";
import type { Lease } from "../../src/controller/kube/leader-election.js";
import { LEASES } from "../../src/controller/kube/resources.js";
import { parseControllerFlags, startController } from "../../src/controller/main.js";
import { logger } from "../../src/log.js";
import { type FakeKube, startFakeKube } from "../helpers/fake-kube/server.js";

let fake: FakeKube;
let dir: string;

beforeEach(async () => {
  fake = await startFakeKube();
  dir = await mkdtemp(join(tmpdir(), "berth-controller-main-"));
});

afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe("berth controller flags", () => {
  it("defaults to leader election with 15s/10s/2s and metrics on :8080, health on :8081", () => {
    const f = parseControllerFlags([]);
    expect(f).toMatchObject({
      leaderElect: true,
      leaseName: "berth-controller",
      leaseDurationMs: 15_000,
      renewDeadlineMs: 10_000,
      retryPeriodMs: 2_000,
      metricsAddress: ":8080",
      healthAddress: ":8081",
      workers: 4,
    });
    expect(f.namespace).toBeUndefined();
  });

  it("reads --flag value, --flag=value and --leader-elect=false", () => {
    const f = parseControllerFlags([
      "--namespace",
      "apps",
      "--leader-elect=false",
      "--lease-duration=30s",
      "--workers",
      "8",
    ]);
    expect(f).toMatchObject({ namespace: "apps", leaderElect: false, leaseDurationMs: 30_000, workers: 8 });
  });

  it("rejects unknown flags, bad durations and inconsistent lease timings", () => {
    expect(() => parseControllerFlags(["--nope"])).toThrow(/unknown flag "--nope"/);
    expect(() => parseControllerFlags(["--retry-period", "soon"])).toThrow(/retry-period/);
    expect(() => parseControllerFlags(["--renew-deadline", "20s"])).toThrow(/must exceed/);
    expect(() => parseControllerFlags(["--leader-elect=maybe"])).toThrow(/true or false/);
  });
});

describe("berth controller endpoints and shutdown", () => {
  it("serves /metrics, /healthz and /readyz, leads, and releases the lease on stop", async () => {
    const kubeconfig = join(dir, "kubeconfig");
    await writeFile(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: ${fake.url}\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: c\n  context: {cluster: fake, user: u}\ncurrent-context: c\n`,
    );
    const flags = parseControllerFlags([
      "--kubeconfig",
      kubeconfig,
      "--lease-namespace",
      "kube-system",
      "--lease-duration=2s",
      "--renew-deadline=1s",
      "--retry-period=200ms",
      "--metrics-address=127.0.0.1:0",
      "--health-address=127.0.0.1:0",
    ]);
    const running = await startController(flags, logger());
    try {
      const health = `http://${running.health?.address}`;
      expect((await fetch(`${health}/healthz`)).status).toBe(200);
      expect((await fetch(`${health}/readyz`)).status).toBe(200);
      await expect.poll(() => running.controller.isLeader, { timeout: 5000 }).toBe(true);
      const text = await (await fetch(`http://${running.metrics?.address}/metrics`)).text();
      expect(text).toMatch(/^berth_controller_leader 1$/m);
      expect(text).toMatch(/^# TYPE workqueue_depth gauge$/m);
      expect(text).toMatch(/^process_resident_memory_bytes /m);
    } finally {
      await running.stop();
    }
    const client = new KubeClient(fake.kubeConfig());
    const lease = await client.get<Lease>(LEASES, "kube-system", "berth-controller");
    client.close();
    expect(lease.spec?.holderIdentity ?? "").toBe("");
  });
});
