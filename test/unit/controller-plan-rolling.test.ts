import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { revisionTemplate, templateHash } from "../../src/controller/plan/index.js";
import type { ServiceSpec, UpdateConfig } from "../../src/controller/types.js";
import { withServiceDefaults } from "../../src/controller/types.js";
import { Sim } from "./controller-plan-sim.js";

function spec(replicas: number, version: number, update: UpdateConfig = {}, crash = false): ServiceSpec {
  const env = [{ name: "VERSION", value: String(version) }];
  if (crash) env.push({ name: "CRASH", value: "1" });
  return {
    replicas,
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "main", image: "busybox", env }] },
    },
    update,
    rollback: update,
    restart: { condition: "Any", delay: "0s" },
  };
}

function hashOf(s: ServiceSpec): string {
  return templateHash(revisionTemplate(withServiceDefaults(s)));
}

function converged(sim: Sim, s: ServiceSpec): boolean {
  const want = hashOf(s);
  const n = s.replicas ?? 1;
  const reps = [...sim.replicas.values()];
  return (
    reps.length === n &&
    reps.every((r) => r.spec.revision === want && r.status?.revision === want && r.status.ready === true) &&
    sim.livePods().length === n &&
    sim.service.status?.currentRevision === want
  );
}

function runUntil(sim: Sim, done: () => boolean, max = 200): number {
  for (let i = 0; i < max; i++) {
    if (done()) return i;
    sim.tick();
  }
  return -1;
}

describe("rolling updates through the in-memory cluster", () => {
  test("a new Service converges to its replicas, all ready on one revision", () => {
    const s = spec(3, 1);
    const sim = new Sim(s);
    expect(runUntil(sim, () => converged(sim, s))).toBeGreaterThan(0);
    expect(sim.service.status?.readyReplicas).toBe(3);
    expect(sim.service.status?.conditions?.find((c) => c.type === "Available")?.status).toBe("True");
  });

  test("a template change rolls replicas one at a time with parallelism 1 and completes", () => {
    const s1 = spec(4, 1, { parallelism: 1, monitor: "0s" });
    const sim = new Sim(s1);
    runUntil(sim, () => converged(sim, s1));
    const s2 = spec(4, 2, { parallelism: 1, monitor: "0s" });
    sim.setSpec(s2);
    let maxDown = 0;
    const steps = runUntil(sim, () => {
      maxDown = Math.max(maxDown, 4 - sim.readySlots().size);
      return converged(sim, s2) && sim.service.status?.updateStatus?.state === "Completed";
    });
    expect(steps).toBeGreaterThan(0);
    expect(maxDown).toBe(1);
  });
});

type Op =
  | { kind: "template"; version: number; crash: boolean }
  | { kind: "scale"; n: number }
  | { kind: "fail"; slot: number }
  | { kind: "wait"; ticks: number };
/** An operation and how many reconcile rounds run after it before the next one. */
type Step = { op: Op; ticks: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("template" as const),
    version: fc.integer({ min: 1, max: 4 }),
    crash: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("scale" as const), n: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant("fail" as const), slot: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant("wait" as const), ticks: fc.integer({ min: 1, max: 4 }) }),
);
const stepArb: fc.Arbitrary<Step> = fc.record({ op: opArb, ticks: fc.integer({ min: 1, max: 8 }) });

const cfgArb: fc.Arbitrary<UpdateConfig> = fc.record({
  parallelism: fc.integer({ min: 0, max: 3 }),
  order: fc.constantFrom("StopFirst" as const, "StartFirst" as const),
  failureAction: fc.constantFrom("Pause" as const, "Rollback" as const, "Continue" as const),
  monitor: fc.constantFrom("0s", "2s"),
  delay: fc.constantFrom("0s", "1s"),
  maxFailureRatio: fc.constantFrom(0, 0.5),
});

describe("rolling update properties (fast-check)", () => {
  test("any spec changes and failures: at most parallelism down, no slot lost, convergence once failures stop", () => {
    // Which update states the runs went through, so the property is known to exercise them all.
    const seen = new Set<string>();
    fc.assert(
      fc.property(
        cfgArb,
        fc.integer({ min: 1, max: 5 }),
        fc.array(stepArb, { minLength: 1, maxLength: 12 }),
        (cfg, n0, steps) => {
          let current = spec(n0, 0, cfg);
          const sim = new Sim(current);
          expect(runUntil(sim, () => converged(sim, current))).toBeGreaterThanOrEqual(0);
          const crashing = new Set<string>();
          // Per Replica (uid): became ready once; disturbed by an injected failure since.
          const everReady = new Set<string>();
          const disturbed = new Set<string>();
          const track = () => {
            const ready = sim.readySlots();
            for (const r of sim.replicas.values()) {
              const uid = r.metadata.uid ?? "";
              if (r.spec.slot !== undefined && ready.has(r.spec.slot)) {
                everReady.add(uid);
                if (!crashing.has(r.spec.revision)) disturbed.delete(uid);
              }
            }
          };
          const check = () => {
            const n = current.replicas ?? 1;
            const p = cfg.parallelism === 0 ? n : (cfg.parallelism ?? 1);
            const ready = sim.readySlots();
            let down = 0;
            for (const r of sim.replicas.values()) {
              const uid = r.metadata.uid ?? "";
              if ((r.spec.slot ?? 0) > n || !everReady.has(uid) || disturbed.has(uid)) continue;
              if (cfg.order === "StopFirst" && crashing.has(r.spec.revision)) continue;
              if (!ready.has(r.spec.slot ?? 0)) down++;
            }
            if (cfg.order === "StopFirst") expect(down).toBeLessThanOrEqual(p);
            else {
              expect(down).toBe(0);
              expect(sim.livePods().length).toBeLessThanOrEqual(Math.max(n, sim.replicas.size) + p);
            }
          };
          const tick = () => {
            const n = current.replicas ?? 1;
            const before = [...sim.replicas.values()]
              .filter((r) => (r.spec.slot ?? 0) <= n)
              .map((r) => r.spec.slot);
            sim.tick();
            const after = new Set([...sim.replicas.values()].map((r) => r.spec.slot));
            for (const slot of before) expect(after.has(slot)).toBe(true);
            const slots = [...sim.replicas.values()].map((r) => r.spec.slot);
            expect(new Set(slots).size).toBe(slots.length);
            check();
            track();
            seen.add(sim.service.status?.updateStatus?.state ?? "none");
          };
          track();
          for (const { op, ticks: after } of steps) {
            if (op.kind === "template") {
              current = spec(current.replicas ?? 1, op.version, cfg, op.crash);
              if (op.crash) crashing.add(hashOf(current));
              sim.setSpec(current);
            } else if (op.kind === "scale") {
              current = { ...current, replicas: op.n };
              sim.setSpec(current);
            } else if (op.kind === "fail") {
              const r = [...sim.replicas.values()].find((x) => x.spec.slot === op.slot);
              const pod = r
                ? sim
                    .replicaPods(r)
                    .find((x) => !x.metadata?.deletionTimestamp && x.status?.phase === "Running")
                : undefined;
              if (r && pod) {
                sim.fail(pod);
                disturbed.add(r.metadata.uid ?? "");
              }
            }
            const ticks = op.kind === "wait" ? op.ticks + after : after;
            for (let i = 0; i < ticks; i++) tick();
          }
          // Failures stop; one more spec change must then roll everything to the newest revision.
          current = spec(current.replicas ?? 1, 99, cfg);
          sim.setSpec(current);
          for (let i = 0; i < 300 && !converged(sim, current); i++) tick();
          expect(converged(sim, current)).toBe(true);
          for (let i = 0; i < 5; i++) tick();
          expect(sim.service.status?.updateStatus?.state).toBe("Completed");
          expect(sim.conflicts).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(["Completed", "Paused", "RollbackCompleted", "RollbackStarted", "Updating"]),
    );
  }, 120_000);
});
