import { spawn } from "node:child_process";
import { lstat, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { connect as h2connect } from "node:http2";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Berthd, CLI, startBerthd } from "../helpers/berthd.js";
import { type CriClient, criClient } from "../helpers/cri-client.js";

describe("berthd over a real unix socket", () => {
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

  it("Version names berth, its package version and CRI v1", async () => {
    const v = await client.runtime("Version", { version: "v1" });
    expect(v.runtimeName).toBe("berth");
    expect(v.runtimeApiVersion).toBe("v1");
    expect(v.runtimeVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("accepts a socket path, an empty value and localhost as :authority (kubelet < 1.26 sends the path)", async () => {
    // grpc-go clients that dial a unix socket path send that path as :authority; Node's http2 alone
    // resets such a stream with PROTOCOL_ERROR. A raw HTTP/2 client sends each form in turn.
    const session = h2connect("http://localhost", { createConnection: () => connect(d.socket) });
    try {
      // gRPC frame: not compressed, 4-byte length, then VersionRequest { version: "v1" }.
      const body = Buffer.from([0, 0, 0, 0, 4, 0x0a, 2, 0x76, 0x31]);
      for (const authority of [d.socket, "", "localhost", d.socket]) {
        const answer = await new Promise<{ grpcStatus: unknown; bytes: number }>((resolve, reject) => {
          const req = session.request({
            ":method": "POST",
            ":path": "/runtime.v1.RuntimeService/Version",
            ":authority": authority,
            "content-type": "application/grpc",
            te: "trailers",
          });
          let bytes = 0;
          req.on("data", (b: Buffer) => {
            bytes += b.length;
          });
          req.on("trailers", (t) => resolve({ grpcStatus: t["grpc-status"], bytes }));
          req.on("error", reject);
          req.end(body);
        });
        expect(answer, `:authority ${JSON.stringify(authority)}`).toEqual({
          grpcStatus: "0",
          bytes: expect.any(Number),
        });
        expect(answer.bytes).toBeGreaterThan(5);
      }
    } finally {
      session.close();
    }
  });

  it("serves a socket-path :authority on a connection that made no call for its first 2 s", async () => {
    // berthd decides at a connection's first call whether it needs the :authority rewriter; a client
    // that waits longer than that gets the rewriter, which serves any authority.
    const session = h2connect("http://localhost", { createConnection: () => connect(d.socket) });
    try {
      await new Promise((r) => setTimeout(r, 2500));
      const status = await new Promise<unknown>((resolve, reject) => {
        const req = session.request({
          ":method": "POST",
          ":path": "/runtime.v1.RuntimeService/Version",
          ":authority": d.socket,
          "content-type": "application/grpc",
          te: "trailers",
        });
        req.on("data", () => {});
        req.on("trailers", (t) => resolve(t["grpc-status"]));
        req.on("error", reject);
        req.end(Buffer.from([0, 0, 0, 0, 4, 0x0a, 2, 0x76, 0x31]));
      });
      expect(status).toBe("0");
    } finally {
      session.close();
    }
  });

  it("Status reports RuntimeReady and NetworkReady conditions, with the config when verbose", async () => {
    const s = await client.runtime("Status", { verbose: true });
    const types = (s.status?.conditions ?? []).map((c) => c.type);
    expect(types).toEqual(["RuntimeReady", "NetworkReady"]);
    for (const c of s.status?.conditions ?? []) {
      if (!c.status) expect(c.reason).not.toBe("");
    }
    expect(s.info?.config).toContain(`socket: ${d.socket}`);
  });

  it("RuntimeConfig reports the cgroupfs driver", async () => {
    const r = await client.runtime("RuntimeConfig", {});
    expect(r.linux?.cgroupDriver).toBe(1); // CGROUPFS
  });

  it("an unimplemented call answers UNIMPLEMENTED naming the method", async () => {
    const err = await client.runtime("CheckpointContainer", { containerId: "x" }).catch((e: unknown) => e);
    expect((err as { code: number }).code).toBe(status.UNIMPLEMENTED);
    expect((err as Error).message).toContain("CheckpointContainer");
  });

  it("the socket is mode 0660", async () => {
    const st = await stat(d.socket);
    expect(st.mode & 0o777).toBe(0o660);
  });

  it("a second berthd on the same socket refuses to start with a clear message", async () => {
    const second = spawn(
      process.execPath,
      [
        CLI,
        "daemon",
        "--root",
        join(d.dir, "lib2"),
        "--state",
        join(d.dir, "run2"),
        "--socket",
        d.socket,
        "--metrics-address",
        "127.0.0.1:0",
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let err = "";
    second.stderr.on("data", (b: Buffer) => {
      err += b.toString();
    });
    const code = await new Promise<number | null>((r) => second.once("exit", r));
    expect(code).toBe(1);
    expect(err).toMatch(/another server is listening on .*berth\.sock/);
    // The first one still serves.
    await expect(client.runtime("Version", {})).resolves.toMatchObject({ runtimeName: "berth" });
  });

  it("metrics serve the per-method duration histogram after calls, and /healthz", async () => {
    await client.runtime("Version", {});
    const body = await (await fetch(`http://${d.metricsAddress}/metrics`)).text();
    expect(body).toMatch(
      /berth_cri_request_duration_seconds_count\{service="runtime.v1.RuntimeService",method="Version",code="OK"\} [1-9]/,
    );
    expect(body).toMatch(/method="CheckpointContainer",code="UNIMPLEMENTED"/);
    expect(body).toContain("process_resident_memory_bytes");
    const health = await fetch(`http://${d.metricsAddress}/healthz`);
    expect(health.status).toBe(200);
  });

  it("logs one structured line per call with method, duration and code", async () => {
    await client.runtime("RuntimeConfig", {});
    await new Promise((r) => setTimeout(r, 100));
    const line = d.logs.find((l) => l.method === "RuntimeConfig");
    expect(line).toMatchObject({ msg: "cri call", code: "OK" });
    expect(typeof line?.durationMs).toBe("number");
  });
});

describe("berthd lifecycle", () => {
  it("SIGTERM stops berthd and removes the socket", async () => {
    const d = await startBerthd();
    try {
      expect((await lstat(d.socket)).isSocket()).toBe(true);
      const code = await d.stop("SIGTERM");
      expect(code).toBe(0);
      await expect(lstat(d.socket)).rejects.toThrow(/ENOENT/);
    } finally {
      await d.cleanup();
    }
  });

  it("a stale socket left by a killed berthd is replaced", async () => {
    const dir = await mkdtemp(join(tmpdir(), "berthd-stale-"));
    try {
      const first = await startBerthd({ dir });
      await first.stop("SIGKILL");
      expect((await lstat(first.socket)).isSocket()).toBe(true);
      const second = await startBerthd({ dir });
      const c = criClient(second.socket);
      await expect(c.runtime("Version", {})).resolves.toMatchObject({ runtimeName: "berth" });
      c.close();
      await second.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to replace a regular file at the socket path", async () => {
    const dir = await mkdtemp(join(tmpdir(), "berthd-file-"));
    try {
      await writeFile(join(dir, "not-a-socket"), "data");
      const p = spawn(
        process.execPath,
        [
          CLI,
          "daemon",
          "--root",
          join(dir, "lib"),
          "--state",
          join(dir, "run"),
          "--socket",
          join(dir, "not-a-socket"),
          "--metrics-address",
          "127.0.0.1:0",
        ],
        { stdio: ["ignore", "ignore", "pipe"] },
      );
      let err = "";
      p.stderr.on("data", (b: Buffer) => {
        err += b.toString();
      });
      expect(await new Promise((r) => p.once("exit", r))).toBe(1);
      expect(err).toContain("is not a socket");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("rejects a bad configuration naming the key", async () => {
    const p = spawn(process.execPath, [CLI, "daemon", "--set", "registry.concurrency=0"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    p.stderr.on("data", (b: Buffer) => {
      err += b.toString();
    });
    expect(await new Promise((r) => p.once("exit", r))).toBe(1);
    expect(err).toMatch(/key "registry.concurrency"/);
  });
});
