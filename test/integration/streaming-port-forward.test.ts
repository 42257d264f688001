import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type CriEnv, criEnv, sleep } from "../helpers/cri-env.js";

/** A client-go style v4.channel.k8s.io port-forward peer for one port: sends `request`, collects. */
function forward(url: string, port: number, request: string): Promise<{ data: string; error: string }> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}?port=${port}`, ["v4.channel.k8s.io"]);
  const seen = new Set<number>();
  let data = "";
  let error = "";
  ws.on("message", (raw: Buffer) => {
    const ch = raw[0] as number;
    let body = raw.subarray(1);
    if (!seen.has(ch)) {
      seen.add(ch);
      expect(body.readUInt16LE(0)).toBe(port);
      body = body.subarray(2);
    }
    if (ch === 0) data += body.toString("utf8");
    else if (ch === 1) error += body.toString("utf8");
  });
  ws.once("open", () => ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(request)])));
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    ws.once("close", () => resolve({ data, error }));
  });
}

describe("streaming PortForward over WebSocket", () => {
  let env: CriEnv;
  const pods: string[] = [];

  async function podWithHttpd(name: string, hostNetwork: boolean, port: number): Promise<string> {
    const pod = await env.runPod(
      name,
      hostNetwork ? { linux: { securityContext: { namespaceOptions: { network: 2, pid: 1 } } } } : {},
    );
    pods.push(pod.id);
    await env.runContainer(pod, "web", [
      "sh",
      "-c",
      `mkdir -p /www && echo hello-${name} > /www/index.html && exec httpd -f -p ${port} -h /www`,
    ]);
    await sleep(500);
    return pod.id;
  }

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/streaming" });
  }, 120_000);

  afterAll(async () => {
    await env?.cleanup();
  });

  const GET = "GET /index.html HTTP/1.0\r\n\r\n";

  it("forwards to busybox httpd inside a pod's own network namespace", async () => {
    const id = await podWithHttpd("pf-cni", false, 8080);
    const { url } = await env.client.runtime("PortForward", { podSandboxId: id, port: [8080] });
    const r = await forward(url as string, 8080, GET);
    expect(r.data).toContain("hello-pf-cni");
    expect(r.error).toBe("");
  });

  it("forwards to busybox httpd in a host-network pod", async () => {
    const port = randomInt(20000, 30000);
    const id = await podWithHttpd("pf-host", true, port);
    const { url } = await env.client.runtime("PortForward", { podSandboxId: id, port: [port] });
    const r = await forward(url as string, port, GET);
    expect(r.data).toContain("hello-pf-host");
  });

  it("a closed port inside the pod is reported on the port's error channel", async () => {
    const id = pods[0] as string;
    const { url } = await env.client.runtime("PortForward", { podSandboxId: id, port: [9] });
    const r = await forward(url as string, 9, GET);
    expect(r.data).toBe("");
    expect(r.error).toMatch(/error forwarding port 9/);
  });
});
