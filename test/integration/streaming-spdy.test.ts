import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { type CriEnv, criEnv, type Pod, sleep } from "../helpers/cri-env.js";
import {
  forwardOnce,
  HttpUpgradeError,
  openRemoteCommand,
  SpdyClient,
  spdyRemoteCommand,
} from "../helpers/spdy-client.js";

const TOKEN_TTL_MS = 4000;

/** A v5.channel.k8s.io WebSocket exec to the end: stdout and the error channel's Status. */
function wsExec(url: string): Promise<{ out: string; status: string }> {
  const ws = new WebSocket(url.replace(/^http/, "ws"), ["v5.channel.k8s.io"]);
  let out = "";
  let status = "";
  ws.on("message", (raw: Buffer) => {
    if (raw[0] === 1) out += raw.subarray(1).toString();
    else if (raw[0] === 3) status += raw.subarray(1).toString();
  });
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    ws.once("close", () => resolve({ out, status }));
  });
}

/** The pids in the pids-controller cgroup of `pid`. */
async function cgroupProcs(pid: number): Promise<number[]> {
  const line = (await readFile(`/proc/${pid}/cgroup`, "utf8")).split("\n").find((l) => /:pids:/.test(l));
  const path = line?.split(":")[2];
  if (path === undefined) throw new Error(`no pids cgroup for ${pid}`);
  const procs = await readFile(`/sys/fs/cgroup/pids${path}/cgroup.procs`, "utf8");
  return procs
    .split("\n")
    .filter((s) => s !== "")
    .map(Number)
    .sort((a, b) => a - b);
}

const pgrep = (pattern: string) =>
  spawnSync("pgrep", ["-f", pattern], { encoding: "utf8" })
    .stdout.split("\n")
    .filter((s) => s !== "")
    .map(Number);

type ExecUrl = (cmd: string[], extra?: Partial<runtime.v1.IExecRequest>) => Promise<string>;

// Busybox stty fails on a terminal whose size was never set, so the size must arrive first.
const STTY = ["sh", "-c", "sleep 1; stty size"];
const TTY = { stdin: true, stderr: false, tty: true };

/** kubectl exec -it over SPDY v4: stdin (kept open), stdout, resize with one size. */
async function ttyOverSpdy(execUrl: ExecUrl): Promise<void> {
  const url = await execUrl(STTY, TTY);
  const r = await spdyRemoteCommand(url, {
    tty: true,
    stdin: "",
    keepStdinOpen: true,
    size: { Width: 123, Height: 45 },
  });
  expect(r.stdout.trim()).toBe("45 123");
  expect(JSON.parse(r.error).status).toBe("Success");
}

async function ttyOverWebSocket(execUrl: ExecUrl): Promise<void> {
  const url = await execUrl(STTY, TTY);
  const ws = new WebSocket(url.replace(/^http/, "ws"), ["v5.channel.k8s.io"]);
  let out = "";
  ws.on("message", (raw: Buffer) => {
    if (raw[0] === 1) out += raw.subarray(1).toString();
  });
  ws.once("open", () => ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":99,"Height":33}')])));
  await new Promise((r) => ws.once("close", r));
  expect(out.trim()).toBe("33 99");
}

describe("streaming over SPDY/3.1 (client-go's transport)", () => {
  let env: CriEnv;
  let pod: Pod;
  let sleeper: string;
  const marker = `${randomInt(1000, 9999)}`;
  let ttyWorks = false;

  const execUrl = async (cmd: string[], extra: Partial<runtime.v1.IExecRequest> = {}) =>
    (await env.client.runtime("Exec", { containerId: sleeper, cmd, stdout: true, stderr: true, ...extra }))
      .url as string;

  beforeAll(async () => {
    env = await criEnv({
      repo: "berth-test/streaming",
      extraArgs: ["--set", `streaming.tokenTTL=${TOKEN_TTL_MS}ms`],
    });
    pod = await env.runPod("spdy");
    sleeper = await env.runContainer(pod, "sleeper", [
      "sh",
      "-c",
      `mkdir -p /www${marker} && echo hello-spdy > /www${marker}/index.html && exec httpd -f -p 8080 -h /www${marker}`,
    ]);
    await sleep(300);
    // TTY exec needs the runtime's foreground --tty; probe it once (a plain `tty`) and report.
    const probe = await wsExec(await execUrl(["sh", "-c", "test -t 0 && test -t 1 && echo tty"], TTY)).catch(
      () => ({ out: "" }),
    );
    ttyWorks = probe.out.trim() === "tty";
    if (!ttyWorks)
      console.warn(`TTY exec tests skipped: the runtime's exec --tty gave ${JSON.stringify(probe.out)}`);
  }, 120_000);

  afterAll(async () => {
    await env?.cleanup();
  });

  it("exec of echo over v4 streams stdout and stderr and reports Success", async () => {
    const s = await openRemoteCommand(await execUrl(["sh", "-c", "echo hello; echo oops >&2"]));
    expect(s.client.protocol).toBe("v4.channel.k8s.io");
    const r = await s.result();
    expect(r.stdout).toBe("hello\n");
    expect(r.stderr).toBe("oops\n");
    expect(JSON.parse(r.error)).toEqual({ metadata: {}, status: "Success" });
  });

  it("a non-zero exit is a NonZeroExitCode Status with the ExitCode cause", async () => {
    const r = await spdyRemoteCommand(await execUrl(["sh", "-c", "exit 7"]));
    const status = JSON.parse(r.error);
    expect(status.status).toBe("Failure");
    expect(status.reason).toBe("NonZeroExitCode");
    expect(status.details.causes).toEqual([{ reason: "ExitCode", message: "7" }]);
  });

  it("output far beyond SPDY's initial 64 KiB window arrives complete (spdystream never opens it)", async () => {
    const r = await spdyRemoteCommand(await execUrl(["sh", "-c", "head -c 4000000 /dev/zero | tr '\\0' x"]));
    expect(r.stdout.length).toBe(4_000_000);
    expect(/^x+$/.test(r.stdout)).toBe(true);
    expect(JSON.parse(r.error).status).toBe("Success");
  });

  it("v2 reports the failure as text on the error stream", async () => {
    const r = await spdyRemoteCommand(await execUrl(["sh", "-c", "exit 3"]), {
      protocols: ["v2.channel.k8s.io"],
    });
    expect(r.error).toMatch(/non-zero exit code.*exit status 3/);
  });

  it("stdin goes through cat and back, ending with the stdin stream's FIN", async () => {
    const text = "round trip\n".repeat(20_000); // 220 kB: more than one window, more than one pipe
    const r = await spdyRemoteCommand(await execUrl(["cat"], { stdin: true }), { stdin: text });
    expect(r.stdout.length).toBe(text.length);
    expect(r.stdout).toBe(text);
    expect(JSON.parse(r.error).status).toBe("Success");
  });

  it("attach to a container printing a counter receives its lines, and detaching leaves it running", async () => {
    const id = await env.runContainer(pod, "counter", [
      "sh",
      "-c",
      "i=0; while true; do echo line $i; i=$((i+1)); sleep 0.1; done",
    ]);
    const { url } = await env.client.runtime("Attach", { containerId: id, stdout: true, stderr: true });
    const s = await openRemoteCommand(url as string);
    await sleep(800);
    expect(s.streams.stdout?.text()).toMatch(/line \d+\nline \d+\n/);
    s.client.close();
    await s.client.closed;
    await sleep(200);
    const st = await env.client.runtime("ContainerStatus", { containerId: id });
    expect(st.status?.state).toBe(1); // RUNNING
  });

  it("port-forward reaches httpd in the pod; a closed port errors its pair and the session goes on", async () => {
    const { url } = await env.client.runtime("PortForward", { podSandboxId: pod.id, port: [8080] });
    const c = await SpdyClient.connect(url as string, ["portforward.k8s.io"]);
    expect(c.protocol).toBe("portforward.k8s.io");
    const GET = "GET /index.html HTTP/1.0\r\n\r\n";
    const first = await forwardOnce(c, 8080, 0, GET);
    expect(first.data).toContain("hello-spdy");
    expect(first.error).toBe("");
    const refused = await forwardOnce(c, 9, 1, GET);
    expect(refused.data).toBe("");
    expect(refused.error).toMatch(/error forwarding port 9 to pod/);
    const again = await Promise.all([forwardOnce(c, 8080, 2, GET), forwardOnce(c, 8080, 3, GET)]);
    for (const r of again) expect(r.data).toContain("hello-spdy");
    c.close();
    await c.closed;
  });

  it("a used token gets 404, and so does one past streaming.tokenTTL", async () => {
    const url = await execUrl(["true"]);
    await spdyRemoteCommand(url);
    await expect(SpdyClient.connect(url, ["v4.channel.k8s.io"])).rejects.toMatchObject({ status: 404 });
    const late = await execUrl(["true"]);
    await sleep(TOKEN_TTL_MS + 300);
    const err = await SpdyClient.connect(late, ["v4.channel.k8s.io"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpUpgradeError);
    expect((err as HttpUpgradeError).status).toBe(404);
  });

  it("50 parallel execs, half WebSocket and half SPDY, each get their own output and exit code", async () => {
    const started = Date.now();
    const runs = Array.from({ length: 50 }, async (_, i) => {
      const url = await execUrl(["sh", "-c", `echo run-${i}; exit ${i % 5}`]);
      if (i % 2 === 0) {
        const r = await wsExec(url);
        return { i, out: r.out, status: JSON.parse(r.status) };
      }
      const r = await spdyRemoteCommand(url);
      return { i, out: r.stdout, status: JSON.parse(r.error) };
    });
    const results = await Promise.all(runs);
    const ms = Date.now() - started;
    console.log(`50 parallel execs (25 WebSocket, 25 SPDY): ${ms} ms`);
    for (const r of results) {
      expect(r.out).toBe(`run-${r.i}\n`);
      if (r.i % 5 === 0) expect(r.status.status).toBe("Success");
      else expect(r.status.details.causes).toEqual([{ reason: "ExitCode", message: String(r.i % 5) }]);
    }
  });

  it("a client killed mid-stream leaves no process behind in the container's cgroup", async () => {
    const [main] = pgrep(`p 8080 -h /www${marker}`);
    expect(main).toBeGreaterThan(0);
    const before = await cgroupProcs(main as number);
    const s = await openRemoteCommand(await execUrl(["sleep", `1${marker}`]));
    const until = Date.now() + 5000;
    while (pgrep(`sleep 1${marker}`).length === 0 && Date.now() < until) await sleep(50);
    expect((await cgroupProcs(main as number)).length).toBeGreaterThan(before.length);
    s.client.socket.destroy();
    const deadline = Date.now() + 5000;
    while ((await cgroupProcs(main as number)).length > before.length && Date.now() < deadline)
      await sleep(100);
    expect(await cgroupProcs(main as number)).toEqual(before);
    expect(pgrep(`sleep 1${marker}`)).toEqual([]);
  });

  it("TTY exec over SPDY applies the size sent on the resize stream", async (ctx) => {
    if (!ttyWorks) ctx.skip();
    await ttyOverSpdy(execUrl);
  });

  it("TTY exec over WebSocket applies the size sent on the resize channel", async (ctx) => {
    if (!ttyWorks) ctx.skip();
    await ttyOverWebSocket(execUrl);
  });
});

describe("TTY exec and resize with runc as the OCI runtime", () => {
  const runc = spawnSync("sh", ["-c", "command -v runc"], { encoding: "utf8" }).stdout.trim();
  let env: CriEnv;
  let sleeper: string;
  const execUrl: ExecUrl = async (cmd, extra = {}) =>
    (await env.client.runtime("Exec", { containerId: sleeper, cmd, stdout: true, ...extra })).url as string;

  beforeAll(async () => {
    if (!runc) return;
    env = await criEnv({ repo: "berth-test/streaming", extraArgs: ["--set", `runtime.binary=${runc}`] });
    sleeper = await env.runContainer(await env.runPod("spdy-tty"), "s", ["sleep", "1000"]);
  }, 120_000);

  afterAll(async () => {
    await env?.cleanup();
  });

  it("over SPDY, stty size prints the size sent on the resize stream", async (ctx) => {
    if (!runc) ctx.skip();
    await ttyOverSpdy(execUrl);
  });

  it("over WebSocket, stty size prints the size sent on the resize channel", async (ctx) => {
    if (!runc) ctx.skip();
    await ttyOverWebSocket(execUrl);
  });
});
