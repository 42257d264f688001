import { spawnSync } from "node:child_process";
import { status as grpcStatus } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { codeOf } from "../helpers/cri-client.js";
import { type CriEnv, criEnv, type Pod, sleep } from "../helpers/cri-env.js";

interface Session {
  ws: WebSocket;
  out: () => string;
  err: () => string;
  /** Resolves with the error channel's text once the server closes the socket. */
  closed: Promise<string>;
  send(channel: number, data: string): void;
}

/** A client-go style channel.k8s.io peer. */
function open(url: string, protocol = "v5.channel.k8s.io"): Promise<Session> {
  const ws = new WebSocket(url.replace(/^http/, "ws"), [protocol]);
  let out = "";
  let err = "";
  let status = "";
  ws.on("message", (raw: Buffer) => {
    const data = raw.subarray(1).toString("utf8");
    if (raw[0] === 1) out += data;
    else if (raw[0] === 2) err += data;
    else if (raw[0] === 3) status += data;
  });
  const closed = new Promise<string>((r) => ws.once("close", () => r(status)));
  return new Promise((resolve, reject) => {
    ws.once("open", () =>
      resolve({
        ws,
        out: () => out,
        err: () => err,
        closed,
        send: (channel, data) => ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)])),
      }),
    );
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

describe("streaming Exec and Attach over WebSocket", () => {
  let env: CriEnv;
  let pod: Pod;
  let sleeper: string;

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/streaming" });
    pod = await env.runPod("stream", {
      linux: { securityContext: { namespaceOptions: { network: 2, pid: 1 } } },
    });
    sleeper = await env.runContainer(pod, "sleeper", ["sleep", "1000"]);
  }, 120_000);

  afterAll(async () => {
    await env?.cleanup();
  });

  const execUrl = async (cmd: string[], extra: Partial<runtime.v1.IExecRequest> = {}) =>
    (await env.client.runtime("Exec", { containerId: sleeper, cmd, stdout: true, stderr: true, ...extra }))
      .url as string;

  it("exec of echo streams stdout and reports Success", async () => {
    const s = await open(await execUrl(["sh", "-c", "echo hello; echo oops >&2"]));
    const status = await s.closed;
    expect(s.out()).toBe("hello\n");
    expect(s.err()).toBe("oops\n");
    expect(JSON.parse(status)).toEqual({ metadata: {}, status: "Success" });
  });

  it("a non-zero exit is reported as NonZeroExitCode with the ExitCode cause", async () => {
    const s = await open(await execUrl(["sh", "-c", "exit 7"]), "v4.channel.k8s.io");
    const status = JSON.parse(await s.closed);
    expect(status.status).toBe("Failure");
    expect(status.reason).toBe("NonZeroExitCode");
    expect(status.details.causes).toEqual([{ reason: "ExitCode", message: "7" }]);
  });

  it("stdin goes through cat and back, ending on close-stream", async () => {
    const s = await open(await execUrl(["cat"], { stdin: true }));
    s.send(0, "round trip\n");
    await sleep(200);
    s.ws.send(Buffer.from([255, 0]));
    const status = await s.closed;
    expect(s.out()).toBe("round trip\n");
    expect(JSON.parse(status).status).toBe("Success");
  });

  it("a used token gets 404 and an unknown one too", async () => {
    const url = await execUrl(["true"]);
    await (await open(url)).closed;
    await expect(open(url)).rejects.toThrow("HTTP 404");
    await expect(open(url.replace(/\/[^/]+$/, "/notatoken"))).rejects.toThrow("HTTP 404");
  });

  it("exec validates like kubelet: tty with stderr, nothing streamed, unknown container", async () => {
    expect(
      await codeOf(
        env.client.runtime("Exec", { containerId: sleeper, cmd: ["true"], tty: true, stderr: true }),
      ),
    ).toBe(grpcStatus.INVALID_ARGUMENT);
    expect(await codeOf(env.client.runtime("Exec", { containerId: sleeper, cmd: ["true"] }))).toBe(
      grpcStatus.INVALID_ARGUMENT,
    );
    expect(
      await codeOf(env.client.runtime("Exec", { containerId: "nope", cmd: ["true"], stdout: true })),
    ).toBe(grpcStatus.NOT_FOUND);
  });

  it("a client that goes away mid-stream leaves no process behind", async () => {
    const s = await open(await execUrl(["sleep", "4242"]));
    await sleep(500);
    expect(spawnSync("pgrep", ["-f", "sleep 4242"]).status).toBe(0);
    s.ws.terminate();
    const until = Date.now() + 5000;
    while (spawnSync("pgrep", ["-f", "sleep 4242"]).status === 0 && Date.now() < until) await sleep(100);
    expect(spawnSync("pgrep", ["-f", "sleep 4242"]).status).toBe(1);
  });

  it("attach to a container printing a counter receives its lines", async () => {
    const id = await env.runContainer(pod, "counter", [
      "sh",
      "-c",
      "i=0; while true; do echo line $i; i=$((i+1)); sleep 0.1; done",
    ]);
    const { url } = await env.client.runtime("Attach", { containerId: id, stdout: true, stderr: true });
    const s = await open(url as string);
    await sleep(800);
    expect(s.out()).toMatch(/line \d+\nline \d+\n/);
    s.ws.close();
    await s.closed;
    const st = await env.client.runtime("ContainerStatus", { containerId: id });
    expect(st.status?.state).toBe(1); // still RUNNING after detach
  });
});
