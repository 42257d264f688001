// Thousands of random and mutated requests over the real socket: berthd keeps serving, answers only
// with the codes a client may act on, and leaves nothing behind.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import fc from "fast-check";
import Long from "long";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RuntimeMethod } from "../../cri-api/runtime/v1/services.js";
import { type Berthd, startBerthd } from "../helpers/berthd.js";
import { type CriClient, criClient } from "../helpers/cri-client.js";
import { type CriEnv, criEnv, type Pod } from "../helpers/cri-env.js";

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
    "a".repeat(70_000),
    "f".repeat(65),
    "-rf",
    "$(reboot)",
    "é",
    " ",
    "a\nb",
  ),
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 }),
);
const num = fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 1, 65536, 2 ** 31 - 1, -(2 ** 31)));
/** Stop and exec timeouts, int64 extremes included (a stop of 2^63-1 s must not hold anything). */
const timeout = fc.oneof(
  fc.integer({ min: -1, max: 3 }),
  fc.constantFrom(Long.MAX_VALUE, Long.MIN_VALUE, Long.fromNumber(2 ** 40)),
);
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
  fc.tuple(fc.constant("StopContainer" as const), fc.record({ containerId: nasty, timeout })),
  fc.tuple(
    fc.constant("ExecSync" as const),
    fc.record({ containerId: nasty, cmd: fc.array(nasty), timeout }),
  ),
  fc.tuple(fc.constant("Version" as const), fc.record({ version: nasty })),
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
    let slowest = 0;
    for (let i = 0; i < samples.length; i += 50) {
      await Promise.all(
        samples.slice(i, i + 50).map(async ([method, req]) => {
          let code: number = status.OK;
          let message = "";
          const t = Date.now();
          try {
            await client.runtime(method, req as never, 20_000);
          } catch (err) {
            code = (err as { code: number }).code;
            message = (err as Error).message;
          }
          slowest = Math.max(slowest, Date.now() - t);
          seen.set(code, (seen.get(code) ?? 0) + 1);
          if (!ALLOWED.has(code))
            throw new Error(`${method} ${JSON.stringify(req).slice(0, 300)} answered ${code}: ${message}`);
          // An answer never carries a request's oversized value back (it would not fit a trailer).
          expect(message.length).toBeLessThan(4096);
        }),
      );
    }
    expect(seen.get(status.INVALID_ARGUMENT) ?? 0).toBeGreaterThan(500);
    // No request stalls berthd: batches of 50 at once, none anywhere near its deadline.
    expect(slowest).toBeLessThan(5_000);
    // Nothing a request carried was logged whole.
    for (const line of d.logs) expect(JSON.stringify(line).length).toBeLessThan(16_384);
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

// The classes of hostile request that need a real pod and image: symlinked last components of log
// paths, Localhost seccomp profiles pointing at files whose content must not come back, huge and
// concurrent stop timeouts, oversized fields; each refusal with its status code.
describe("CRI fuzz against a live pod", () => {
  let env: CriEnv;
  let pod: Pod;
  let outside: string;
  const SECRET = "fuzz-secret-7f3a9c";

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/cri-fuzz" });
    pod = await env.runPod("fuzz");
    outside = await mkdtemp(join(tmpdir(), "berth-fuzz-outside-"));
    const logDir = pod.config.logDirectory as string;
    await mkdir(logDir, { recursive: true });
    await symlink(join(outside, "file-target"), join(logDir, "link.log"));
    await symlink(outside, join(logDir, "linkdir"));
    await writeFile(join(outside, "secret.json"), JSON.stringify({ defaultAction: SECRET }));
    await writeFile(join(outside, "secret.txt"), `${SECRET}\n`);
  });

  afterAll(async () => {
    await env?.cleanup();
    if (outside) await rm(outside, { recursive: true, force: true });
  });

  it("each hostile class is refused with its status code", async () => {
    const create = (name: string, extra: object) =>
      env.client.runtime("CreateContainer", {
        podSandboxId: pod.id,
        config: { metadata: { name }, image: { image: env.image }, command: ["true"], ...extra },
        sandboxConfig: pod.config,
      });
    const big = "a".repeat(1 << 20);
    const table: [string, () => Promise<unknown>, number][] = [
      ["symlinked last component", () => create("t1", { logPath: "link.log" }), status.INVALID_ARGUMENT],
      ["symlinked folder", () => create("t2", { logPath: "linkdir/x.log" }), status.INVALID_ARGUMENT],
      ["dot-dot log path", () => create("t3", { logPath: "../x.log" }), status.INVALID_ARGUMENT],
      [
        "1 MiB container id",
        () => env.client.runtime("ContainerStatus", { containerId: big }),
        status.INVALID_ARGUMENT,
      ],
      [
        "1 MiB pod id",
        () => env.client.runtime("StopPodSandbox", { podSandboxId: big }),
        status.INVALID_ARGUMENT,
      ],
      ["1 MiB version", () => env.client.runtime("Version", { version: big }), status.INVALID_ARGUMENT],
      ["1 MiB name", () => create(big, {}), status.INVALID_ARGUMENT],
      [
        "300 KiB annotations",
        () => create("t4", { annotations: { a: big.slice(0, 300 * 1024) } }),
        status.INVALID_ARGUMENT,
      ],
      [
        "64-character label value",
        () => create("t5", { labels: { a: "v".repeat(64) } }),
        status.INVALID_ARGUMENT,
      ],
      [
        "seccomp profile with a secret defaultAction",
        () =>
          create("t6", {
            linux: {
              securityContext: { seccomp: { profileType: 2, localhostRef: join(outside, "secret.json") } },
            },
          }),
        status.INVALID_ARGUMENT,
      ],
      [
        "seccomp profile that is not JSON",
        () =>
          create("t7", {
            linux: {
              securityContext: { seccomp: { profileType: 2, localhostRef: join(outside, "secret.txt") } },
            },
          }),
        status.INVALID_ARGUMENT,
      ],
      [
        "unknown container",
        () => env.client.runtime("ContainerStatus", { containerId: "f".repeat(64) }),
        status.NOT_FOUND,
      ],
    ];
    for (const [what, call, want] of table) {
      const err = await call().then(
        () => ({ code: status.OK, details: "" }),
        (e: { code: number; details: string }) => e,
      );
      expect({ what, code: err.code }).toEqual({ what, code: want });
      expect(err.details).not.toContain(SECRET);
      expect(err.details.length).toBeLessThan(4096);
    }
    expect(readdirSync(outside).sort()).toEqual(["secret.json", "secret.txt"]);
  });

  it("random creates, huge and concurrent stops: no INTERNAL, no escape, no echo, nothing stalls", async () => {
    const logPath = fc.constantFrom(
      "ok.log",
      "link.log",
      "linkdir/x.log",
      "sub/ok.log",
      "../x.log",
      "a".repeat(5000),
    );
    const seccomp = fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.record({
          profileType: fc.constantFrom(0, 1, 2),
          localhostRef: fc.constantFrom(
            join(outside, "secret.json"),
            join(outside, "secret.txt"),
            "/dev/zero",
            "/etc/shadow",
          ),
        }),
      },
    );
    const creates = fc.sample(
      fc.record({
        logPath,
        seccomp,
        labels: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: map }),
        annotations: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: map }),
        command: fc.constantFrom(["sleep", "30"], ["sh", "-c", 'trap "" TERM; sleep 30'], ["true"]),
      }),
      { numRuns: 60, seed: 20261206 },
    );
    const made: string[] = [];
    let slowest = 0;
    const timed = async <T>(p: Promise<T>): Promise<{ code: number; details: string }> => {
      const t = Date.now();
      try {
        await p;
        return { code: status.OK, details: "" };
      } catch (e) {
        return e as { code: number; details: string };
      } finally {
        slowest = Math.max(slowest, Date.now() - t);
      }
    };
    for (const [i, c] of creates.entries()) {
      let id = "";
      const r = await timed(
        env.client
          .runtime("CreateContainer", {
            podSandboxId: pod.id,
            config: {
              metadata: { name: `f${i}` },
              image: { image: env.image },
              command: [...c.command],
              logPath: c.logPath,
              labels: c.labels,
              annotations: c.annotations,
              ...(c.seccomp ? { linux: { securityContext: { seccomp: c.seccomp } } } : {}),
            },
            sandboxConfig: pod.config,
          })
          .then((res) => {
            id = res.containerId ?? "";
          }),
      );
      expect(ALLOWED.has(r.code), `create ${i}: ${r.code} ${r.details}`).toBe(true);
      expect(r.details).not.toContain(SECRET);
      if (id) made.push(id);
    }
    expect(made.length).toBeGreaterThan(5);
    for (const id of made)
      await env.client.runtime("StartContainer", { containerId: id }).catch(() => undefined);
    // A huge stop first, then bursts of short ones on the same containers, all at once.
    const stops = made.flatMap((id) => [
      timed(env.client.runtime("StopContainer", { containerId: id, timeout: Long.MAX_VALUE }, 20_000)),
      ...Array.from({ length: 3 }, (_, k) =>
        timed(env.client.runtime("StopContainer", { containerId: id, timeout: k }, 20_000)),
      ),
    ]);
    for (const r of await Promise.all(stops))
      expect(ALLOWED.has(r.code), `${r.code} ${r.details}`).toBe(true);
    expect(slowest).toBeLessThan(10_000);
    expect(readdirSync(outside).sort()).toEqual(["secret.json", "secret.txt"]);
    for (const id of made) await env.client.runtime("RemoveContainer", { containerId: id });
  });
});
