// Hostile requests over berthd's real socket, one test per defect class of issue 13: escapes through
// symlinks, oversized fields, stops that never end, errors that echo file contents, INTERNAL for
// the caller's mistakes, unbounded metadata, leaked cgroups.
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { connect } from "node:http2";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, credentials, Metadata, type ServiceError, status } from "@grpc/grpc-js";
import Long from "long";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runtime } from "../../cri-api/runtime/v1/api.js";
import { codeOf } from "../helpers/cri-client.js";
import { type CriEnv, criEnv, EXITED, type Pod, RUNNING, sleep } from "../helpers/cri-env.js";

describe("CRI hostile requests", () => {
  let env: CriEnv;
  let pod: Pod;
  let outside: string;

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/cri-hostile" });
    pod = await env.runPod("hostile");
    outside = await mkdtemp(join(tmpdir(), "berth-outside-"));
  });

  afterAll(async () => {
    await env?.cleanup();
    if (outside) await rm(outside, { recursive: true, force: true });
  });

  it("a log_path whose last component is a symlink out of the log directory is refused", async () => {
    const target = join(outside, "create-target");
    await mkdir(pod.config.logDirectory as string, { recursive: true });
    await symlink(target, join(pod.config.logDirectory as string, "esc.log"));
    const code = await codeOf(
      env.client.runtime("CreateContainer", {
        podSandboxId: pod.id,
        config: {
          metadata: { name: "esc" },
          image: { image: env.image },
          command: ["echo", "hi"],
          logPath: "esc.log",
        },
        sandboxConfig: pod.config,
      }),
    );
    expect(code).toBe(status.INVALID_ARGUMENT);
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
  });

  it("ReopenContainerLog does not follow a symlink planted where the log was", async () => {
    const id = await env.runContainer(pod, "reopen", [
      "sh",
      "-c",
      "while true; do echo tick; sleep 0.1; done",
    ]);
    await env.waitState(id, RUNNING);
    const logPath = join(pod.config.logDirectory as string, "reopen.log");
    const target = join(outside, "reopen-target");
    await rename(logPath, `${logPath}.1`);
    await symlink(target, logPath);
    const code = await codeOf(env.client.runtime("ReopenContainerLog", { containerId: id }));
    expect(code).toBe(status.FAILED_PRECONDITION);
    await sleep(300);
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
    // Once the link is gone, a reopen works again and the log goes on in the directory.
    await rm(logPath);
    await env.client.runtime("ReopenContainerLog", { containerId: id });
    await sleep(300);
    expect(await readFile(logPath, "utf8")).toMatch(/stdout F tick/);
    await env.client.runtime("StopContainer", { containerId: id, timeout: 0 });
  });

  it("1 MiB ids, names and versions are refused at once naming the field, and nothing logs them whole", async () => {
    const big = "a".repeat(1 << 20);
    const calls: [string, object, string][] = [
      ["ContainerStatus", { containerId: big }, "container_id"],
      ["PodSandboxStatus", { podSandboxId: big }, "pod_sandbox_id"],
      ["StartContainer", { containerId: big }, "container_id"],
      ["StopContainer", { containerId: big, timeout: 1 }, "container_id"],
      ["RemoveContainer", { containerId: big }, "container_id"],
      ["StopPodSandbox", { podSandboxId: big }, "pod_sandbox_id"],
      ["RemovePodSandbox", { podSandboxId: big }, "pod_sandbox_id"],
      ["ContainerStats", { containerId: big }, "container_id"],
      ["PodSandboxStats", { podSandboxId: big }, "pod_sandbox_id"],
      ["ReopenContainerLog", { containerId: big }, "container_id"],
      ["UpdateContainerResources", { containerId: big, linux: {} }, "container_id"],
      ["ExecSync", { containerId: big, cmd: ["true"], timeout: 1 }, "container_id"],
      ["Attach", { containerId: big, stdout: true }, "container_id"],
      ["Exec", { containerId: big, cmd: ["true"], stdout: true }, "container_id"],
      ["PortForward", { podSandboxId: big, port: [80] }, "pod_sandbox_id"],
      ["ListContainers", { filter: { id: big } }, "filter.id"],
      ["ListPodSandbox", { filter: { id: big } }, "filter.id"],
      ["ListContainerStats", { filter: { podSandboxId: big } }, "filter.pod_sandbox_id"],
      ["Version", { version: big }, "version"],
      [
        "CreateContainer",
        { podSandboxId: big, config: { metadata: { name: "x" }, image: { image: env.image } } },
        "pod_sandbox_id",
      ],
      [
        "RunPodSandbox",
        { config: { metadata: { name: big, namespace: "n", uid: "u" } } },
        "config.metadata.name",
      ],
      [
        "RunPodSandbox",
        { config: { metadata: { name: "n", namespace: "n".repeat(64), uid: "u" } } },
        "config.metadata.namespace",
      ],
    ];
    const logBefore = JSON.stringify(env.d.logs).length;
    const start = Date.now();
    // All at once, as a hostile client would, beside a well-behaved one on the same connection.
    const results = await Promise.all([
      ...calls.map(async ([method, req, field]) => {
        const t = Date.now();
        const err = await env.client.runtime(method as never, req as never, 5_000).then(
          () => undefined,
          (e: { code: number; details: string }) => e,
        );
        return { method, field, ms: Date.now() - t, code: err?.code, details: err?.details ?? "" };
      }),
      env.client.runtime("Version", {}, 5_000).then(() => ({
        method: "Version (small)",
        field: "",
        ms: 0,
        code: status.INVALID_ARGUMENT,
        details: "",
      })),
    ]);
    for (const r of results) {
      expect({ method: r.method, code: r.code }).toEqual({ method: r.method, code: status.INVALID_ARGUMENT });
      expect(r.details).toContain(r.field);
      expect(r.details.length).toBeLessThan(4096);
    }
    expect(Date.now() - start).toBeLessThan(5_000);
    await sleep(200);
    const logGrowth = JSON.stringify(env.d.logs).length - logBefore;
    expect(logGrowth).toBeLessThan(200_000);
    for (const line of env.d.logs) expect(JSON.stringify(line).length).toBeLessThan(16_384);
  });

  it("a stop with timeout 2^63-1 is cut short by later stops, and concurrent stops answer in time", async () => {
    const stubborn = ["sh", "-c", 'trap "" TERM; while true; do sleep 1; done'];
    const id = await env.runContainer(pod, "stubborn", stubborn);
    await env.waitState(id, RUNNING);
    const huge = Long.fromString("9223372036854775807");
    const first = env.client.runtime("StopContainer", { containerId: id, timeout: huge }, 60_000);
    const firstDone = first.then(
      () => Date.now(),
      () => Date.now(),
    );
    await sleep(500);
    // kubelet's force deletion: a later stop with a short grace period takes over.
    const t = Date.now();
    await Promise.all(
      Array.from({ length: 9 }, () =>
        env.client.runtime("StopContainer", { containerId: id, timeout: 1 }, 10_000),
      ),
    );
    expect(Date.now() - t).toBeLessThan(1_000 + 2_000);
    await env.waitState(id, EXITED, 2_000);
    expect((await firstDone) - t).toBeLessThan(1_000 + 2_000);
    await expect(first).resolves.toEqual({});

    // Nine identical stops at once: all answer within their timeout and a small margin.
    const again = await env.runContainer(pod, "stubborn-again", stubborn);
    await env.waitState(again, RUNNING);
    const t2 = Date.now();
    const times = await Promise.all(
      Array.from({ length: 9 }, () =>
        env.client
          .runtime("StopContainer", { containerId: again, timeout: 2 }, 10_000)
          .then(() => Date.now() - t2),
      ),
    );
    for (const ms of times) expect(ms).toBeLessThan(2_000 + 2_000);
  });

  it("StopPodSandbox cuts short a pending huge stop, and 11 concurrent ones all answer in time", async () => {
    const p2 = await env.runPod("hostile-stop");
    const id = await env.runContainer(p2, "stubborn", [
      "sh",
      "-c",
      'trap "" TERM; while true; do sleep 1; done',
    ]);
    await env.waitState(id, RUNNING);
    const first = env.client
      .runtime("StopContainer", { containerId: id, timeout: Long.fromString("9223372036854775807") }, 60_000)
      .catch(() => undefined);
    await sleep(500);
    const t = Date.now();
    const times = await Promise.all(
      Array.from({ length: 11 }, () =>
        env.client.runtime("StopPodSandbox", { podSandboxId: p2.id }, 15_000).then(() => Date.now() - t),
      ),
    );
    for (const ms of times) expect(ms).toBeLessThan(5_000);
    await first;
    expect((await env.client.runtime("ContainerStatus", { containerId: id })).status?.state).toBe(EXITED);
    await env.client.runtime("RemovePodSandbox", { podSandboxId: p2.id });
  });

  it("a bad Localhost seccomp profile answers INVALID_ARGUMENT naming the field, never the file's content", async () => {
    const secret = "s3cr3t-token-0123456789";
    const cases: [string, string, string][] = [
      ["default-action.json", JSON.stringify({ defaultAction: secret }), "defaultAction"],
      [
        "rule-action.json",
        JSON.stringify({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["mkdir"], action: secret }] }),
        "syscalls[0].action",
      ],
      [
        "syscall-name.json",
        JSON.stringify({
          defaultAction: "SCMP_ACT_ALLOW",
          syscalls: [{ names: [secret], action: "SCMP_ACT_ERRNO" }],
        }),
        "syscalls[0].names[0]",
      ],
      [
        "operator.json",
        JSON.stringify({
          defaultAction: "SCMP_ACT_ALLOW",
          syscalls: [
            { names: ["mkdir"], action: "SCMP_ACT_ERRNO", args: [{ index: 0, value: 1, op: secret }] },
          ],
        }),
        "syscalls[0].args[0].op",
      ],
      ["not-json.txt", `root:${secret}:0:0\n`, "not valid JSON"],
    ];
    for (const [name, content, field] of cases) {
      const file = join(outside, name);
      await writeFile(file, content);
      const err = await env.client
        .runtime("CreateContainer", {
          podSandboxId: pod.id,
          config: {
            metadata: { name: `seccomp-${name.replace(/\W/g, "-")}` },
            image: { image: env.image },
            command: ["true"],
            linux: { securityContext: { seccomp: { profileType: 2, localhostRef: file } } },
          },
          sandboxConfig: pod.config,
        })
        .then(
          () => undefined,
          (e: { code: number; details: string }) => e,
        );
      expect({ name, code: err?.code }).toEqual({ name, code: status.INVALID_ARGUMENT });
      expect(err?.details).toContain(field);
      expect(err?.details).not.toContain(secret);
    }
    // A good profile, docker-shaped (archMap), still loads.
    const good = join(outside, "good.json");
    await writeFile(
      good,
      JSON.stringify({
        defaultAction: "SCMP_ACT_ALLOW",
        archMap: [{ architecture: "SCMP_ARCH_X86_64", subArchitectures: ["SCMP_ARCH_X86", "SCMP_ARCH_X32"] }],
        syscalls: [{ names: ["mkdir", "mkdirat"], action: "SCMP_ACT_ERRNO", errnoRet: 1 }],
      }),
    );
    const ok = await env.runContainer(pod, "seccomp-good", ["sleep", "100"], {
      linux: { securityContext: { seccomp: { profileType: 2, localhostRef: good } } },
    });
    await env.waitState(ok, RUNNING);
    expect((await env.exec(ok, ["mkdir", "/tmp/x"])).code).not.toBe(0);
    await env.client.runtime("RemoveContainer", { containerId: ok });
    // Not a file at all: refused at once instead of read for ever.
    const t = Date.now();
    const code = await codeOf(
      env.client.runtime("CreateContainer", {
        podSandboxId: pod.id,
        config: {
          metadata: { name: "seccomp-dev-zero" },
          image: { image: env.image },
          command: ["true"],
          linux: { securityContext: { seccomp: { profileType: 2, localhostRef: "/dev/zero" } } },
        },
        sandboxConfig: pod.config,
      }),
    );
    expect(code).toBe(status.INVALID_ARGUMENT);
    expect(Date.now() - t).toBeLessThan(2_000);
  });

  it("the caller's mistakes answer INVALID_ARGUMENT or FAILED_PRECONDITION, never INTERNAL", async () => {
    const file = join(outside, "regular-file");
    await writeFile(file, "x");
    // A log_directory under a regular file (ENOTDIR).
    const bad = await env.runPod("hostile-badlog", { logDirectory: join(file, "logs") });
    expect(await codeOf(env.createContainer(bad, "c", ["true"]))).toBe(status.INVALID_ARGUMENT);
    await env.client.runtime("RemovePodSandbox", { podSandboxId: bad.id });
    // A mount host_path under a regular file.
    expect(
      await codeOf(
        env.createContainer(pod, "badmount", ["true"], {
          mounts: [{ containerPath: "/m", hostPath: join(file, "m") }],
        }),
      ),
    ).toBe(status.INVALID_ARGUMENT);
    // Resources the kernel refuses: CPUs the node lacks, a memory limit below what is in use.
    const id = await env.runContainer(pod, "update", ["sleep", "100"]);
    await env.waitState(id, RUNNING);
    const update = (linux: object) =>
      codeOf(env.client.runtime("UpdateContainerResources", { containerId: id, linux }));
    expect(await update({ cpusetCpus: "999" })).toBe(status.INVALID_ARGUMENT);
    expect(await update({ memoryLimitInBytes: 4096 })).toBe(status.INVALID_ARGUMENT);
    // A container that has just ended, before berthd's record caught up.
    for (let i = 0; i < 3; i++) {
      const quick = await env.runContainer(pod, `quick-${i}`, ["sh", "-c", "sleep 0.2"]);
      await sleep(400 + i * 200);
      const codes = [
        await codeOf(
          env.client.runtime("UpdateContainerResources", { containerId: quick, linux: { cpuShares: 512 } }),
        ),
        await codeOf(env.client.runtime("ReopenContainerLog", { containerId: quick })),
      ];
      expect(codes).toEqual([status.FAILED_PRECONDITION, status.FAILED_PRECONDITION]);
    }
  });

  it("labels and annotations beyond Kubernetes' limits are refused at create, so lists stay answerable", async () => {
    const create = (name: string, extra: object) => codeOf(env.createContainer(pod, name, ["true"], extra));
    const big = "v".repeat(300 * 1024);
    expect(await create("annot-big", { annotations: { a: big } })).toBe(status.INVALID_ARGUMENT);
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, "v".repeat(8 * 1024)]));
    expect(await create("annot-many", { annotations: many })).toBe(status.INVALID_ARGUMENT);
    expect(await create("label-value", { labels: { a: "v".repeat(64) } })).toBe(status.INVALID_ARGUMENT);
    expect(await create("label-name", { labels: { ["k".repeat(64)]: "v" } })).toBe(status.INVALID_ARGUMENT);
    expect(await create("label-prefix", { labels: { [`${"p".repeat(254)}/k`]: "v" } })).toBe(
      status.INVALID_ARGUMENT,
    );
    expect(await create("label-chars", { labels: { "a b": "v" } })).toBe(status.INVALID_ARGUMENT);
    const podCode = await codeOf(
      env.client.runtime("RunPodSandbox", {
        config: env.podConfig("hostile-annot", { annotations: { a: big } }),
      }),
    );
    expect(podCode).toBe(status.INVALID_ARGUMENT);
    // What kubelet sends stays accepted: a pod name of 200 characters in its own label, 200 KiB of
    // annotations, prefixed keys.
    const ok = await env.createContainer(pod, "labels-ok", ["true"], {
      labels: {
        "io.kubernetes.pod.name": `p${"o".repeat(199)}`,
        "app.kubernetes.io/name": "x",
        c: "labels-ok",
      },
      annotations: { "kubernetes.io/config.seen": "v".repeat(200 * 1024) },
    });
    const list = await env.client.runtime("ListContainers", {});
    expect(list.containers?.some((c) => c.id === ok)).toBe(true);
    await env.client.runtime("RemoveContainer", { containerId: ok });
  });

  it("creates past the node's metadata budget are refused, so every list stays under 16 MiB", async () => {
    // Before: about 60 containers carrying Kubernetes' 256 KiB of annotations each made every
    // unfiltered list answer RESOURCE_EXHAUSTED ("Sent message larger than max"), kubelet's relist too.
    const p = await env.runPod("hostile-budget");
    const annotations = { "kubernetes.io/big": "v".repeat(250 * 1024) };
    const made: string[] = [];
    let refused = 0;
    for (let i = 0; i < 70 && refused === 0; i++) {
      try {
        made.push(await env.createContainer(p, `budget-${i}`, ["true"], { annotations }));
      } catch (err) {
        expect((err as ServiceError).code).toBe(status.RESOURCE_EXHAUSTED);
        expect((err as ServiceError).details).toMatch(/16 MiB/);
        refused++;
      }
    }
    expect(refused).toBe(1);
    expect(made.length).toBeGreaterThan(30);
    // A pod with big annotations is refused by the same budget.
    expect(
      await codeOf(
        env.client.runtime("RunPodSandbox", { config: env.podConfig("hostile-budget-2", { annotations }) }),
      ),
    ).toBe(status.RESOURCE_EXHAUSTED);
    // The cri-client takes at most 16 MiB, as kubelet: each list answers.
    expect((await env.client.runtime("ListContainers", {})).containers?.length).toBeGreaterThanOrEqual(
      made.length,
    );
    await env.client.runtime("ListPodSandbox", {});
    await env.client.runtime("ListContainerStats", {});
    await env.client.runtime("ListPodSandboxStats", {});
    // Room made is room to create again.
    await env.client.runtime("RemoveContainer", { containerId: made.pop() as string });
    made.push(await env.createContainer(p, "budget-again", ["true"], { annotations }));
    await env.client.runtime("RemovePodSandbox", { podSandboxId: p.id });
  });

  it("an error about an oversized field does not take down the connection (no GOAWAY for the calls beside it)", async () => {
    // Before: the 200 KiB id came back in the grpc-message trailer, the client's nghttp2 answered
    // with GOAWAY (COMPRESSION_ERROR) and every call in flight on the connection hung.
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([
        codeOf(env.client.runtime("ContainerStatus", { containerId: "b".repeat(200_000) }, 5_000)),
        ...Array.from({ length: 20 }, () =>
          env.client.runtime("Version", {}, 5_000).then(
            () => "ok",
            (e: Error) => e.message,
          ),
        ),
      ]);
      expect(results[0]).toBe(status.INVALID_ARGUMENT);
      expect(results.slice(1)).toEqual(Array(20).fill("ok"));
    }
  });

  it("bytes that do not decode as the method's message answer INVALID_ARGUMENT, not INTERNAL", async () => {
    // A varint cut short, as a random mutation of a request makes.
    const junk = Buffer.from([0x08, 0xff]);
    const raw = new Client(`unix://${env.d.socket}`, credentials.createInsecure());
    const id = (b: Buffer) => b;
    try {
      const unary = (path: string) =>
        new Promise<number>((res) =>
          raw.makeUnaryRequest(path, id, id, junk, new Metadata(), { deadline: Date.now() + 5_000 }, (err) =>
            res(err ? err.code : status.OK),
          ),
        );
      expect(await unary("/runtime.v1.RuntimeService/Version")).toBe(status.INVALID_ARGUMENT);
      expect(await unary("/runtime.v1.RuntimeService/RunPodSandbox")).toBe(status.INVALID_ARGUMENT);
      expect(await unary("/runtime.v1.ImageService/PullImage")).toBe(status.INVALID_ARGUMENT);
      const stream = raw.makeServerStreamRequest(
        "/runtime.v1.RuntimeService/GetContainerEvents",
        id,
        id,
        junk,
        new Metadata(),
        { deadline: Date.now() + 5_000 },
      );
      const code = await new Promise<number>((res) => {
        stream.on("error", (e: ServiceError) => res(e.code));
        stream.on("data", () => {});
      });
      expect(code).toBe(status.INVALID_ARGUMENT);
    } finally {
      raw.close();
    }
  });

  it("an int64 ExecSync timeout and a deadline months away do not expire at once", async () => {
    // setTimeout fires at once for delays past 2^31-1 ms: the exec timed out in 1 ms, and a call
    // whose deadline was 11,000 years away (grpc-timeout 99999999H) was cancelled as past it.
    const id = await env.runContainer(pod, "long-timeout", ["sleep", "100"]);
    await env.waitState(id, RUNNING);
    const r = await env.client.runtime("ExecSync", {
      containerId: id,
      cmd: ["echo", "hi"],
      timeout: Long.MAX_VALUE,
    });
    expect(Buffer.from(r.stdout ?? []).toString()).toBe("hi\n");
    // grpc-js clients cannot send such a deadline (their own timer has the same limit): raw HTTP/2.
    const req = runtime.v1.ExecSyncRequest.encode({
      containerId: id,
      cmd: ["sh", "-c", "sleep 0.3; echo far"],
    }).finish();
    const session = connect("http://localhost", { createConnection: () => netConnect(env.d.socket) });
    try {
      const stream = session.request({
        ":method": "POST",
        ":path": "/runtime.v1.RuntimeService/ExecSync",
        "content-type": "application/grpc",
        te: "trailers",
        "grpc-timeout": "99999999H",
      });
      const frame = Buffer.alloc(5 + req.length);
      frame.writeUInt32BE(req.length, 1);
      Buffer.from(req).copy(frame, 5);
      stream.end(frame);
      const chunks: Buffer[] = [];
      stream.on("data", (b: Buffer) => chunks.push(b));
      const trailers = await new Promise<Record<string, unknown>>((res) => stream.on("trailers", res));
      expect(trailers["grpc-status"], String(trailers["grpc-message"])).toBe("0");
      const body = Buffer.concat(chunks);
      const answer = runtime.v1.ExecSyncResponse.decode(body.subarray(5));
      expect(Buffer.from(answer.stdout).toString()).toBe("far\n");
    } finally {
      session.close();
    }
    await env.client.runtime("RemoveContainer", { containerId: id });
  });

  it("a bad dns_config is refused before anything is made: no namespace folder, address or pod folder left", async () => {
    // Before: checked when /etc/resolv.conf was written, after the namespaces and the network; the
    // rollback left <state>/podns/<id> with the shared PID namespace's init.pid (hostile soak).
    const ls = (d: string) => (existsSync(d) ? readdirSync(d) : []);
    const before = [...ls(join(env.d.state, "podns")), ...ls(join(env.d.root, "pod-data"))];
    const linux = { securityContext: { namespaceOptions: { network: 0, pid: 0, ipc: 0 } } };
    const code = await codeOf(
      env.client.runtime("RunPodSandbox", {
        config: env.podConfig("hostile-dns", {
          linux,
          dnsConfig: { servers: ["10.0.0.10"], searches: ["a b"] },
        }),
      }),
    );
    expect(code).toBe(status.INVALID_ARGUMENT);
    expect([...ls(join(env.d.state, "podns")), ...ls(join(env.d.root, "pod-data"))]).toEqual(before);
  });

  it("RemovePodSandbox removes the pod's cgroup in every hierarchy", async () => {
    const p = await env.runPod("hostile-cgroup");
    await env.runContainer(p, "c", ["sleep", "100"]);
    const before = podCgroupDirs(p.id);
    expect(before.length).toBeGreaterThan(0);
    await env.client.runtime("RemovePodSandbox", { podSandboxId: p.id });
    expect(podCgroupDirs(p.id)).toEqual([]);
  });

  it("a CreateContainer raced against RemovePodSandbox leaves no pod cgroup and no container", async () => {
    // 300 host paths to make first keep the create busy while the removal runs beside it.
    const hostDir = await mkdtemp(join(tmpdir(), "berth-race-"));
    const mounts = Array.from({ length: 300 }, (_, i) => ({
      containerPath: `/m/${i}`,
      hostPath: join(hostDir, String(i)),
    }));
    try {
      for (let i = 0; i < 3; i++) {
        const p = await env.runPod(`hostile-race-${i}`);
        const created = env.createContainer(p, "c", ["sleep", "100"], { mounts }).then(
          () => "created",
          (err: { code?: number }) => err.code,
        );
        await env.client.runtime("RemovePodSandbox", { podSandboxId: p.id });
        // Either it went in before the removal, which then took it, or it found the pod gone.
        expect([status.NOT_FOUND, status.FAILED_PRECONDITION, "created"]).toContain(await created);
        expect(podCgroupDirs(p.id)).toEqual([]);
        const left = await env.client.runtime("ListContainers", { filter: { podSandboxId: p.id } });
        expect(left.containers ?? []).toEqual([]);
        await rm(hostDir, { recursive: true, force: true }); // for the next create to make again
      }
    } finally {
      await rm(hostDir, { recursive: true, force: true });
    }
  });
});

/** Directories named after the pod under berth's cgroup parent, in every mounted hierarchy. */
function podCgroupDirs(podId: string): string[] {
  const root = "/sys/fs/cgroup";
  const candidates = [
    join(root, "berth", podId),
    ...readdirSync(root).map((h) => join(root, h, "berth", podId)),
  ];
  return candidates.filter((d) => existsSync(d));
}
