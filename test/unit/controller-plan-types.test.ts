import { describe, expect, test } from "vitest";
import { formatDuration, parseDuration, withServiceDefaults } from "../../src/controller/types.js";
import { InvalidArgumentError } from "../../src/errors.js";

describe("API durations and defaults", () => {
  test("durations parse like Go's: units add up, 0 is zero", () => {
    expect(parseDuration("0")).toBe(0);
    expect(parseDuration("0s")).toBe(0);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("10s")).toBe(10_000);
    expect(parseDuration("1m30s")).toBe(90_000);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    expect(parseDuration("2h1m1s5ms")).toBe(7_261_005);
  });

  test("a malformed duration is an InvalidArgumentError naming the field", () => {
    for (const bad of ["", "10", "10 s", "-5s", "1d", "s", "1.s"]) {
      expect(() => parseDuration(bad, "update.delay")).toThrow(InvalidArgumentError);
    }
    expect(() => parseDuration("ten", "update.delay")).toThrow(/update.delay "ten"/);
  });

  test("formatDuration round-trips", () => {
    for (const ms of [0, 1, 999, 1000, 61_000, 3_600_000, 7_261_005]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
    expect(formatDuration(90_000)).toBe("1m30s");
  });

  test("withServiceDefaults fills every field and keeps what is set", () => {
    const template = { spec: { containers: [{ name: "m", image: "i" }] } };
    const d = withServiceDefaults({
      template,
      update: { parallelism: 3, delay: undefined },
      ports: [{ port: 80 }],
      dependsOn: [{ service: "db" }],
    });
    expect(d).toEqual({
      mode: "Replicated",
      replicas: 1,
      template,
      ports: [{ port: 80, protocol: "TCP" }],
      dependsOn: [{ service: "db", condition: "Started" }],
      update: {
        parallelism: 3,
        delay: "0s",
        order: "StopFirst",
        failureAction: "Pause",
        monitor: "5s",
        maxFailureRatio: 0,
      },
      rollback: {
        parallelism: 1,
        delay: "0s",
        order: "StopFirst",
        failureAction: "Pause",
        monitor: "5s",
        maxFailureRatio: 0,
      },
      restart: { condition: "Any", delay: "5s", maxAttempts: 0, window: "0s" },
      placement: { nodeSelector: {}, maxReplicasPerNode: 0 },
    });
  });
});
