// Leader election between instances sharing one Lease on the fake API server: exactly one leads, a
// dead leader is replaced within the lease duration, a leader that cannot renew steps down before its
// lease expires, and a graceful stop hands over at once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KubeClient } from "../../src/controller/kube/client.js";
import { LeaderElector, type Lease } from "../../src/controller/kube/leader-election.js";
import { LEASES } from "../../src/controller/kube/resources.js";
import { type FakeKube, startFakeKube } from "../helpers/fake-kube/server.js";

const LEASE_MS = 2000;
const RENEW_MS = 1200;
const RETRY_MS = 200;

let fake: FakeKube;
const clients: KubeClient[] = [];
const electors: LeaderElector[] = [];

interface Candidate {
  elector: LeaderElector;
  log: { event: "start" | "stop"; at: number }[];
}

function candidate(identity: string): Candidate {
  const client = new KubeClient(fake.kubeConfig(), { timeoutMs: 500 });
  clients.push(client);
  const log: Candidate["log"] = [];
  const elector = new LeaderElector({
    client,
    namespace: "kube-system",
    name: "berth-controller",
    identity,
    leaseDurationMs: LEASE_MS,
    renewDeadlineMs: RENEW_MS,
    retryPeriodMs: RETRY_MS,
    onStartedLeading: () => log.push({ event: "start", at: Date.now() }),
    onStoppedLeading: () => log.push({ event: "stop", at: Date.now() }),
  });
  electors.push(elector);
  return { elector, log };
}

async function lease(): Promise<Lease> {
  return new KubeClient(fake.kubeConfig()).get<Lease>(LEASES, "kube-system", "berth-controller");
}

beforeEach(async () => {
  fake = await startFakeKube();
});

afterEach(async () => {
  for (const e of electors.splice(0)) await e.stop({ release: false });
  for (const c of clients.splice(0)) c.close();
  await fake.close();
});

describe("leader election", () => {
  it("exactly one of two candidates leads and the Lease names it", async () => {
    const a = candidate("a");
    const b = candidate("b");
    a.elector.start();
    b.elector.start();
    await expect.poll(() => a.elector.isLeader || b.elector.isLeader).toBe(true);
    await new Promise((r) => setTimeout(r, LEASE_MS * 2));
    expect([a.elector.isLeader, b.elector.isLeader].filter(Boolean)).toHaveLength(1);
    const leader = a.elector.isLeader ? "a" : "b";
    const l = await lease();
    expect(l.spec?.holderIdentity).toBe(leader);
    expect(l.spec?.leaseDurationSeconds).toBe(2);
    expect(l.spec?.renewTime).toMatch(/\.\d{6}Z$/);
    expect(l.spec?.acquireTime).toBeTruthy();
  });

  it("a standby takes over within the lease duration when the leader dies", async () => {
    const a = candidate("a");
    a.elector.start();
    await expect.poll(() => a.elector.isLeader).toBe(true);
    const b = candidate("b");
    b.elector.start();
    await new Promise((r) => setTimeout(r, RETRY_MS * 3));
    expect(b.elector.isLeader).toBe(false);
    const died = Date.now();
    await a.elector.stop({ release: false });
    await expect.poll(() => b.elector.isLeader, { timeout: 5000, interval: 20 }).toBe(true);
    const tookOver = (b.log[0]?.at ?? 0) - died;
    expect(tookOver).toBeLessThan(LEASE_MS + 2 * RETRY_MS + 600);
    expect(tookOver).toBeGreaterThanOrEqual(LEASE_MS - RETRY_MS);
    const l = await lease();
    expect(l.spec?.holderIdentity).toBe("b");
    expect(l.spec?.leaseTransitions).toBe(1);
  });

  it("a leader that cannot renew stops leading before its lease expires", async () => {
    const a = candidate("a");
    a.elector.start();
    await expect.poll(() => a.elector.isLeader).toBe(true);
    const before = await lease();
    const lastRenew = Date.parse(before.spec?.renewTime ?? "");
    fake.failNext(1_000_000, { pathIncludes: "/leases" });
    await expect.poll(() => a.elector.isLeader, { timeout: 5000, interval: 10 }).toBe(false);
    const stoppedAt = a.log.find((e) => e.event === "stop")?.at ?? 0;
    // Stepped down no later than the renew deadline after the last renewal that got through, which
    // is before anyone else may consider the lease expired.
    expect(stoppedAt).toBeLessThan(lastRenew + LEASE_MS);
    expect(stoppedAt - lastRenew).toBeLessThanOrEqual(RENEW_MS + RETRY_MS + 100);
    fake.clearFailures();
    await expect.poll(() => a.elector.isLeader, { timeout: 5000 }).toBe(true);
  });

  it("a graceful stop releases the lease and the standby takes over at once", async () => {
    const a = candidate("a");
    a.elector.start();
    await expect.poll(() => a.elector.isLeader).toBe(true);
    const b = candidate("b");
    b.elector.start();
    await new Promise((r) => setTimeout(r, RETRY_MS * 2));
    const stopped = Date.now();
    await a.elector.stop();
    expect(a.log.map((e) => e.event)).toEqual(["start", "stop"]);
    await expect.poll(() => b.elector.isLeader, { timeout: 5000, interval: 10 }).toBe(true);
    expect((b.log[0]?.at ?? 0) - stopped).toBeLessThan(RETRY_MS * 1.2 + 300);
    expect((await lease()).spec?.holderIdentity).toBe("b");
  });

  it("rejects timings where the renew deadline is not shorter than the lease", () => {
    const client = new KubeClient(fake.kubeConfig());
    clients.push(client);
    expect(
      () =>
        new LeaderElector({
          client,
          namespace: "x",
          name: "y",
          identity: "z",
          leaseDurationMs: 10_000,
          renewDeadlineMs: 10_000,
          onStartedLeading: () => {},
          onStoppedLeading: () => {},
        }),
    ).toThrow(/lease duration > renew deadline/);
  });
});
