// Thousands of random and mutated requests over the real socket: berthd keeps serving, answers only
// with the codes a client may act on, and leaves nothing behind.
import { spawnSync } from "node:child_process";
import { status } from "@grpc/grpc-js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RuntimeMethod } from "../../cri-api/runtime/v1/services.js";
import { type Berthd, startBerthd } from "../helpers/berthd.js";
import { type CriClient, criClient } from "../helpers/cri-client.js";

const ALLOWED = new Set([
  status.OK,
  status.INVALID_ARGUMENT,
  status.NOT_FOUND,
  status.FAILED_PRECONDITION,
  status.ALREADY_EXISTS,
  status.UNIMPLEMENTED,
]);

const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "",
    "..",
    "../../etc/passwd",
    "/etc/../..",
    "a/b",
    "\0",
    "x".repeat(5000),
    "-rf",
    "$(reboot)",
    "é",
    " ",
    "a\nb",
  ),
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 }),
);
const num = fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 1, 65536, 2 ** 31 - 1, -(2 ** 31)));
const map = fc.dictionary(nasty, nasty, { maxKeys: 3 });

const metadata = fc.record(
  { name: nasty, namespace: nasty, uid: nasty, attempt: fc.nat() },
  { requiredKeys: [] },
);
const podConfig = fc.record(
  {
    metadata,
    hostname: nasty,
    logDirectory: nasty,
    labels: map,
    annotations: map,
    portMappings: fc.array(fc.record({ protocol: num, containerPort: num, hostPort: num, hostIp: nasty }), {
      maxLength: 2,
    }),
    linux: fc.record(
      {
        cgroupParent: nasty,
        sysctls: map,
        securityContext: fc.record(
          { namespaceOptions: fc.record({ network: num, pid: num, ipc: num }) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
const containerConfig = fc.record(
  {
    metadata,
    image: fc.record({ image: nasty }),
    command: fc.array(nasty, { maxLength: 3 }),
    logPath: nasty,
    mounts: fc.array(
      fc.record({ containerPath: nasty, hostPath: nasty, propagation: num }, { requiredKeys: [] }),
      { maxLength: 2 },
    ),
    envs: fc.array(fc.record({ key: nasty, value: nasty }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const request: fc.Arbitrary<[RuntimeMethod, object]> = fc.oneof(
  fc.tuple(
    fc.constant("RunPodSandbox" as const),
    fc.record({ config: podConfig, runtimeHandler: fc.constantFrom("", "x") }, { requiredKeys: [] }),
  ),
  fc.tuple(
    fc.constant("CreateContainer" as const),
    fc.record({ podSandboxId: nasty, config: containerConfig }, { requiredKeys: [] }),
  ),
  ...(["StopPodSandbox", "RemovePodSandbox", "PodSandboxStatus", "PodSandboxStats"] as const).map((m) =>
    fc.tuple(fc.constant(m), fc.record({ podSandboxId: nasty }, { requiredKeys: [] })),
  ),
  ...(
    ["StartContainer", "RemoveContainer", "ContainerStatus", "ReopenContainerLog", "ContainerStats"] as const
  ).map((m) => fc.tuple(fc.constant(m), fc.record({ containerId: nasty }, { requiredKeys: [] }))),
  fc.tuple(fc.constant("StopContainer" as const), fc.record({ containerId: nasty, timeout: num })),
  fc.tuple(
    fc.constant("ExecSync" as const),
    fc.record({ containerId: nasty, cmd: fc.array(nasty), timeout: num }),
  ),
  fc.tuple(
    fc.constant("UpdateContainerResources" as const),
    fc.record({
      containerId: nasty,
      linux: fc.record({ cpuQuota: num, cpuShares: num, oomScoreAdj: num, cpusetCpus: nasty }),
    }),
  ),
  fc.tuple(
    fc.constant("ListContainers" as const),
    fc.record({ filter: fc.record({ id: nasty, podSandboxId: nasty, labelSelector: map }) }),
  ),
  fc.tuple(
    fc.constant("UpdateRuntimeConfig" as const),
    fc.record({ runtimeConfig: fc.record({ networkConfig: fc.record({ podCidr: nasty }) }) }),
  ),
);

describe("CRI fuzz", () => {
  let d: Berthd;
  let client: CriClient;
  beforeAll(async () => {
    d = await startBerthd();
    client = criClient(d.socket);
  });
  afterAll(async () => {
    client?.close();
    await d?.cleanup();
  });

  it("3000 random requests get only actionable codes, berthd keeps serving, nothing is left behind", async () => {
    const samples = fc.sample(request, { numRuns: 3000, seed: 20261128 });
    const seen = new Map<number, number>();
    for (let i = 0; i < samples.length; i += 50) {
      await Promise.all(
        samples.slice(i, i + 50).map(async ([method, req]) => {
          let code: number = status.OK;
          let message = "";
          try {
            await client.runtime(method, req as never, 20_000);
          } catch (err) {
            code = (err as { code: number }).code;
            message = (err as Error).message;
          }
          seen.set(code, (seen.get(code) ?? 0) + 1);
          if (!ALLOWED.has(code))
            throw new Error(`${method} ${JSON.stringify(req).slice(0, 300)} answered ${code}: ${message}`);
        }),
      );
    }
    expect(seen.get(status.INVALID_ARGUMENT) ?? 0).toBeGreaterThan(500);
    await expect(client.runtime("Version", {})).resolves.toMatchObject({ runtimeName: "berth" });
    // Whatever valid pods the fuzz made are removable, and then nothing remains.
    for (const p of (await client.runtime("ListPodSandbox", {})).items ?? []) {
      await client.runtime("RemovePodSandbox", { podSandboxId: p.id ?? "" });
    }
    expect((await client.runtime("ListPodSandbox", {})).items ?? []).toHaveLength(0);
    expect((await client.runtime("ListContainers", {})).containers ?? []).toHaveLength(0);
    const mounts = spawnSync("cat", ["/proc/self/mountinfo"], { encoding: "utf8" })
      .stdout.split("\n")
      .filter((l) => l.includes(d.dir) && !l.includes("/run/netns "));
    expect(mounts).toEqual([]);
  });
});
