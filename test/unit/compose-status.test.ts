import { describe, expect, test } from "vitest";
import { parseComposeArgs } from "../../src/controller/compose/args.js";
import { serviceProgress } from "../../src/controller/compose/status.js";
import type { BerthService, Condition, ServiceConditionType } from "../../src/controller/types.js";

const cond = (
  type: ServiceConditionType,
  status: "True" | "False",
  reason: string,
  message = "",
): Condition<ServiceConditionType> => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: "2026-01-01T00:00:00Z",
});

function svc(
  status: BerthService["status"],
  extra: Partial<BerthService["spec"]> = {},
  generation = 2,
): BerthService {
  return { metadata: { name: "api", generation }, spec: { template: {}, replicas: 3, ...extra }, status };
}

describe("service progress as up and ps report it", () => {
  test("Available=True with the current generation observed is available", () => {
    const p = serviceProgress(
      svc({
        observedGeneration: 2,
        readyReplicas: 3,
        desiredReplicas: 3,
        conditions: [cond("Available", "True", "Ok")],
      }),
    );
    expect(p).toEqual({ name: "api", ready: 3, desired: 3, available: true, reason: "" });
  });

  test("a status from an older generation does not count", () => {
    const p = serviceProgress(svc({ observedGeneration: 1, conditions: [cond("Available", "True", "Ok")] }));
    expect(p.available).toBe(false);
    expect(p.reason).toBe("waiting for the controller to observe the change");
  });

  test("the reason prefers Degraded, then unmet dependencies, then a paused update, then Available", () => {
    const base = { observedGeneration: 2 };
    expect(
      serviceProgress(
        svc({
          ...base,
          conditions: [
            cond("Available", "False", "ReplicasNotReady", "1 of 3"),
            cond("DependenciesReady", "False", "Waiting", "db is not Healthy"),
            cond("Degraded", "True", "CrashLoop", "exit code 1"),
          ],
        }),
      ).reason,
    ).toBe("CrashLoop: exit code 1");
    expect(
      serviceProgress(
        svc({
          ...base,
          conditions: [
            cond("Available", "False", "ReplicasNotReady", "1 of 3"),
            cond("DependenciesReady", "False", "Waiting", "db is not Healthy"),
          ],
        }),
      ).reason,
    ).toBe("Waiting: db is not Healthy");
    expect(
      serviceProgress(
        svc({
          ...base,
          updateStatus: { state: "Paused", message: "2 replicas failed" },
          conditions: [cond("Available", "False", "ReplicasNotReady", "1 of 3")],
        }),
      ).reason,
    ).toBe("update Paused: 2 replicas failed");
    expect(
      serviceProgress(svc({ ...base, conditions: [cond("Available", "False", "NoReplicas")] })).reason,
    ).toBe("NoReplicas");
    expect(serviceProgress(svc(base)).reason).toBe("no status reported yet");
  });

  test("desired comes from the status, else the spec; Global stays unknown until reported", () => {
    expect(serviceProgress(svc(undefined, {}, 0)).desired).toBe(3);
    expect(
      serviceProgress(svc(undefined, { mode: "Global", replicas: undefined }, 0)).desired,
    ).toBeUndefined();
    expect(
      serviceProgress(svc({ observedGeneration: 2, desiredReplicas: 5 }, { mode: "Global" })).desired,
    ).toBe(5);
  });
});

describe("berth compose arguments", () => {
  test("flags before or after the command, long forms with =", () => {
    expect(
      parseComposeArgs(["-f", "a.yml", "up", "-p", "shop", "--namespace=team", "--timeout", "90s"]),
    ).toEqual({
      command: "up",
      file: "a.yml",
      project: "shop",
      namespace: "team",
      timeoutMs: 90_000,
      removeVolumes: false,
    });
    expect(parseComposeArgs(["ps"])).toEqual({ command: "ps", timeoutMs: 300_000, removeVolumes: false });
    expect(parseComposeArgs(["down", "-v"])).toMatchObject({ command: "down", removeVolumes: true });
    expect(parseComposeArgs(["--volumes", "down"])).toMatchObject({ removeVolumes: true });
    expect(parseComposeArgs(["convert", "--named-volumes=emptydir"])).toMatchObject({
      command: "convert",
      namedVolumes: "emptydir",
    });
    expect(parseComposeArgs(["down", "-h"])).toBe("help");
  });

  test.each([
    [[], "missing command"],
    [["start"], 'unknown command "start"'],
    [["up", "down"], 'unexpected argument "down"'],
    [["up", "-f"], "flag -f needs a value"],
    [["up", "--force"], 'unknown flag "--force"'],
    [["up", "--timeout", "5"], '--timeout: invalid duration "5"'],
    [["up", "--named-volumes", "nfs"], '--named-volumes "nfs": expected pvc or emptydir'],
    [["down", "--named-volumes", "pvc"], "--named-volumes applies to convert and up only"],
    [["up", "-v"], "-v, --volumes applies to down only"],
  ])("%j is refused", (argv, message) => {
    expect(() => parseComposeArgs(argv)).toThrow(message);
  });
});
