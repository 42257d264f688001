import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { type Berthd, removeTree, startBerthd } from "../helpers/berthd.js";
import { type CriClient, criClient } from "../helpers/cri-client.js";
import { ensureBusyboxImage } from "../helpers/images.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  let d: Berthd;
  let client: CriClient;
  let image: string;
  const bridge = `bs${randomInt(1000, 9999)}`;
  const subnet = `10.215.${randomInt(1, 250)}.0/24`;
  const pods: string[] = [];

  async function podWithHttpd(name: string, hostNetwork: boolean, port: number): Promise<string> {
    const config: runtime.v1.IPodSandboxConfig = {
      metadata: { name, namespace: "default", uid: `uid-${name}`, attempt: 0 },
      hostname: name,
      logDirectory: join(d.dir, "logs", name),
      ...(hostNetwork ? { linux: { securityContext: { namespaceOptions: { network: 2 } } } } : {}),
    };
    const { podSandboxId } = await client.runtime("RunPodSandbox", { config });
    pods.push(podSandboxId as string);
    const { containerId } = await client.runtime("CreateContainer", {
      podSandboxId,
      config: {
        metadata: { name: "web" },
        image: { image },
        command: [
          "sh",
          "-c",
          `mkdir -p /www && echo hello-${name} > /www/index.html && exec httpd -f -p ${port} -h /www`,
        ],
        logPath: "web.log",
      },
      sandboxConfig: config,
    });
    await client.runtime("StartContainer", { containerId: containerId as string });
    await sleep(500);
    return podSandboxId as string;
  }

  beforeAll(async () => {
    ({ ref: image } = await ensureBusyboxImage({ repo: "berth-test/streaming", tag: "v1" }));
    const dir = await mkdtemp(join(tmpdir(), "berthd-pf-"));
    const cniDir = join(dir, "cni");
    await mkdir(cniDir, { recursive: true });
    await writeFile(
      join(cniDir, "10-test.conflist"),
      JSON.stringify({
        cniVersion: "1.0.0",
        name: "berth-pf-test",
        plugins: [
          {
            type: "bridge",
            bridge,
            isGateway: true,
            ipMasq: false,
            ipam: { type: "host-local", ranges: [[{ subnet }]], dataDir: join(dir, "ipam") },
          },
        ],
      }),
    );
    d = await startBerthd({ dir, extraArgs: ["--set", `cni.confDir=${cniDir}`] });
    client = criClient(d.socket);
    await client.image("PullImage", { image: { image } });
  }, 120_000);

  afterAll(async () => {
    if (client) {
      for (const id of pods) await client.runtime("RemovePodSandbox", { podSandboxId: id }).catch(() => {});
      client.close();
    }
    await d?.cleanup();
    spawnSync("ip", ["link", "del", bridge]);
    if (d) await removeTree(d.dir);
  });

  const GET = "GET /index.html HTTP/1.0\r\n\r\n";

  it("forwards to busybox httpd inside a pod's own network namespace", async () => {
    const id = await podWithHttpd("pf-cni", false, 8080);
    const { url } = await client.runtime("PortForward", { podSandboxId: id, port: [8080] });
    const r = await forward(url as string, 8080, GET);
    expect(r.data).toContain("hello-pf-cni");
    expect(r.error).toBe("");
  });

  it("forwards to busybox httpd in a host-network pod", async () => {
    const port = randomInt(20000, 30000);
    const id = await podWithHttpd("pf-host", true, port);
    const { url } = await client.runtime("PortForward", { podSandboxId: id, port: [port] });
    const r = await forward(url as string, port, GET);
    expect(r.data).toContain("hello-pf-host");
  });

  it("a closed port inside the pod is reported on the port's error channel", async () => {
    const id = pods[0] as string;
    const { url } = await client.runtime("PortForward", { podSandboxId: id, port: [9] });
    const r = await forward(url as string, 9, GET);
    expect(r.data).toBe("");
    expect(r.error).toMatch(/error forwarding port 9/);
  });
});
