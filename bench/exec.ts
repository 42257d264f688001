// Benchmark (issue #6): exec into a running container, berthd vs containerd 1.6 + runc in the same
// run, alternating call by call so both see the same machine load:
//   - ExecSync of `true`, BENCH_N times: p50/p95 and the ratio;
//   - streaming Exec of `true`, BENCH_N times: the Exec RPC, then its URL over WebSocket with the
//     `v4.channel.k8s.io` subprotocol (what kubectl/client-go speak; containerd 1.6's streaming server,
//     kubelet's code, accepts it beside SPDY) until the server closes with the exit Status;
//   - throughput: `head -c 268435456 /dev/zero` read from the stdout channel of a streaming exec
//     (stdout rather than `cat` on stdin: v4 has no way to close stdin, which v5 added and containerd
//     1.6 lacks), BENCH_TP_RUNS times, median MiB/s and the ratio.
//
//   hack/registry.sh start && make build   # dist/ then holds cri-api/runtime/v1/api.js
//   BERTH_BENCH_DEPS=1 hack/deps.sh        # containerd, crun
//   npx tsc --outDir dist --rootDir . --module nodenext --target es2022 --strict --skipLibCheck --allowJs \
//     --types node bench/exec.ts && node dist/bench/exec.js
//   (root; BENCH_N=<execs per kind and daemon>, default 200; BENCH_TP_RUNS=<256 MiB reads per daemon>,
//   default 3; BENCH_CONTAINERD=/usr/bin/containerd)
import WebSocket from "ws";
import { containerConfig, type Peer, type PeerName, podConfig, quantile, timed } from "./cri-peers.js";
import { goal, latencyTable, runBench } from "./report.js";

const N = Number(process.env.BENCH_N ?? 200);
const TP_RUNS = Number(process.env.BENCH_TP_RUNS ?? 3);
const TP_BYTES = 256 * 1024 * 1024;
const PROTOCOL = "v4.channel.k8s.io";

/** A failed call names the daemon, the call and its request: a finding, not noise to retry. */
async function must<T>(peer: Peer, what: string, req: unknown, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new Error(`${peer.name}: ${what} ${JSON.stringify(req)} failed: ${(err as Error).message}`);
  }
}

/** One pod with a sleeping container; returns the container id. */
async function sleeper(peer: Peer, image: string): Promise<string> {
  const config = podConfig(peer, "exec");
  const { podSandboxId } = await must(peer, "RunPodSandbox", { config }, () =>
    peer.cri.runtime("RunPodSandbox", { config }, 60_000),
  );
  const req = { podSandboxId, config: containerConfig(image, "main"), sandboxConfig: config };
  const { containerId } = await must(peer, "CreateContainer", req, () =>
    peer.cri.runtime("CreateContainer", req, 60_000),
  );
  await must(peer, "StartContainer", { containerId }, () =>
    peer.cri.runtime("StartContainer", { containerId }, 60_000),
  );
  return containerId as string;
}

async function execSync(peer: Peer, containerId: string): Promise<void> {
  const req = { containerId, cmd: ["true"], timeout: 10 };
  const res = await must(peer, "ExecSync", req, () => peer.cri.runtime("ExecSync", req));
  if (res.exitCode !== 0)
    throw new Error(`${peer.name}: ExecSync ${JSON.stringify(req)} exit ${res.exitCode}`);
}

/**
 * Exec RPC, then the stream: counts stdout bytes until the server closes; the error channel (3)
 * carries the Kubernetes Status, which must say Success.
 */
async function streamExec(peer: Peer, containerId: string, cmd: string[]): Promise<number> {
  const req = { containerId, cmd, stdout: true, stderr: true };
  const { url } = await must(peer, "Exec", req, () => peer.cri.runtime("Exec", req));
  const ws = new WebSocket(String(url).replace(/^http/, "ws"), [PROTOCOL]);
  let stdout = 0;
  let stderr = "";
  let status = "";
  ws.on("message", (raw: Buffer) => {
    if (raw[0] === 1) stdout += raw.length - 1;
    else if (raw[0] === 2) stderr += raw.subarray(1).toString();
    else if (raw[0] === 3) status += raw.subarray(1).toString();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("unexpected-response", (_r, res) =>
      reject(new Error(`${peer.name}: exec stream ${url} answered HTTP ${res.statusCode}`)),
    );
    ws.once("error", (err) => reject(new Error(`${peer.name}: exec stream ${url}: ${err.message}`)));
    ws.once("close", () => resolve());
  });
  if (ws.protocol !== PROTOCOL) throw new Error(`${peer.name}: exec stream negotiated "${ws.protocol}"`);
  let parsed: { status?: string } = {};
  try {
    parsed = JSON.parse(status) as { status?: string };
  } catch {
    // not JSON: reported below
  }
  if (parsed.status !== "Success")
    throw new Error(
      `${peer.name}: exec ${JSON.stringify(cmd)} ended with status ${JSON.stringify(status)}, stderr ${JSON.stringify(stderr)}`,
    );
  return stdout;
}

runBench("ex", async (peers) => {
  const ids = {} as Record<PeerName, string>;
  for (const peer of peers.order(0)) ids[peer.name] = await sleeper(peer, peers.image);
  // Warm-up: first exec paths (process image in page cache, streaming server connections).
  for (const peer of peers.order(0)) {
    for (let i = 0; i < 5; i++) await execSync(peer, ids[peer.name]);
    for (let i = 0; i < 5; i++) await streamExec(peer, ids[peer.name], ["true"]);
  }

  const lat: Record<string, Record<PeerName, number[]>> = {
    "ExecSync true": { berth: [], containerd: [] },
    "Exec+WebSocket true": { berth: [], containerd: [] },
  };
  for (let i = 0; i < N; i++)
    for (const peer of peers.order(i)) {
      const id = ids[peer.name];
      lat["ExecSync true"]?.[peer.name].push((await timed(() => execSync(peer, id)))[1]);
    }
  for (let i = 0; i < N; i++)
    for (const peer of peers.order(i)) {
      const id = ids[peer.name];
      lat["Exec+WebSocket true"]?.[peer.name].push((await timed(() => streamExec(peer, id, ["true"])))[1]);
    }

  const tp: Record<PeerName, number[]> = { berth: [], containerd: [] };
  for (let i = 0; i < TP_RUNS; i++)
    for (const peer of peers.order(i)) {
      const cmd = ["head", "-c", String(TP_BYTES), "/dev/zero"];
      const [bytes, ms] = await timed(() => streamExec(peer, ids[peer.name], cmd));
      if (bytes !== TP_BYTES)
        throw new Error(`${peer.name}: exec ${cmd.join(" ")} gave ${bytes} bytes on stdout`);
      tp[peer.name].push(TP_BYTES / 1048576 / (ms / 1000));
    }

  console.log(`\nexec latency, ${N} calls per daemon and kind`);
  const [rs, rw] = latencyTable("call (ms)", Object.entries(lat)) as [number, number];
  const tb = quantile(tp.berth, 0.5);
  const tc = quantile(tp.containerd, 0.5);
  console.log(
    `\nthroughput, 256 MiB from \`head -c ${TP_BYTES} /dev/zero\` on the exec stream's stdout (median of ${TP_RUNS}; MiB/s)`,
  );
  console.log(`berth ${tb.toFixed(0)} MiB/s (${tp.berth.map((x) => x.toFixed(0)).join(", ")})`);
  console.log(`containerd ${tc.toFixed(0)} MiB/s (${tp.containerd.map((x) => x.toFixed(0)).join(", ")})`);
  console.log("");
  goal("ExecSync p50 berth/containerd", rs, "<=", 0.5);
  goal("streaming Exec p50 berth/containerd", rw, "<=", 0.5);
  goal("throughput berth/containerd", tb / tc, ">=", 1);
});
