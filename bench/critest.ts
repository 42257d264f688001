// Benchmark (issue #15): critest v1.32 `-benchmark` against berthd and against containerd 1.6 + runc
// in the same run, alternating which goes first each round, and the issue's table of CRI calls
// (p50/p95, berth/containerd ratios) from critest's own *_benchmark_data.json files.
//   - critest's names (registry.k8s.io, gcr.io, public.ecr.aws) are served by the local registry
//     through both daemons' registry mirrors ("mirror mode"; the critest image set must be pushed:
//     ../shared/tools/install.sh --images);
//   - each round runs critest twice per daemon: sequential samples, then BENCH_PARALLEL at a time;
//   - pod start = p50 RunPodSandbox + p50 CreateContainer + p50 StartContainer (critest times
//     RunPodSandbox in its pod spec and Create/Start in its container spec).
//
//   make bench B=critest
//   (root; BENCH_N=<samples per spec, daemon and round>, default 25; BENCH_ROUNDS, default 2;
//   BENCH_PARALLEL=<samples at once in the concurrent pass>, default 10, 0 skips that pass)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Peer, PeerName } from "./cri-peers.js";
import { quantile } from "./cri-peers.js";
import { goal, latencyTable, type PerPeer, runBench } from "./report.js";

const N = Number(process.env.BENCH_N ?? 25);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 10);
const LOCAL = "http://127.0.0.1:5000";
const MIRRORS = { "registry.k8s.io": [LOCAL], "gcr.io": [LOCAL], "public.ecr.aws": [LOCAL] };
// Small and not used by the other specs: the image spec pulls and removes it every sample.
const PULL_IMAGE = "gcr.io/k8s-staging-cri-tools/test-image-1:latest";
const LIST_IMAGES = [
  "public.ecr.aws/docker/library/busybox:1",
  "public.ecr.aws/docker/library/busybox:1-musl",
];

/** critest's LifecycleBenchmarksResultsSet, as it writes it. */
interface ResultsSet {
  operationsNames: string[];
  datapoints: { operationsDurationsNs: number[] }[];
}

/** operation name (critest's) → milliseconds of every sample. */
type Ops = Map<string, number[]>;

function params(parallel: number): string {
  const n = parallel > 1 ? Math.max(N, parallel * 2) : N;
  return [
    `containersNumber: ${n}`,
    `containersNumberParallel: ${parallel}`,
    `podsNumber: ${n}`,
    `podsNumberParallel: ${parallel}`,
    `imagesNumber: ${parallel > 1 ? 0 : N}`,
    "imagesNumberParallel: 1",
    `imagePullingBenchmarkImage: ${PULL_IMAGE}`,
    `imageListingBenchmarkImages: [${LIST_IMAGES.join(", ")}]`,
    "",
  ].join("\n");
}

/**
 * critest's exit code and output. Asynchronous on purpose: both daemons write their logs into pipes
 * this process reads, and a blocked event loop (spawnSync) fills containerd's stderr pipe until its
 * next log line blocks it mid-RunPodSandbox, which critest reports as a panic 60 s later.
 */
function run(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn("critest", args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-(1 << 20));
    };
    p.stdout.on("data", keep);
    p.stderr.on("data", keep);
    const t = setTimeout(() => p.kill("SIGKILL"), 20 * 60_000);
    p.once("error", reject);
    p.once("close", (status) => {
      clearTimeout(t);
      resolve({ status, output });
    });
  });
}

/** One critest -benchmark run against a peer; appends each operation's samples to `ops`. */
async function critest(peer: Peer, parallel: number, ops: Ops): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `berth-critest-${peer.name}-`));
  try {
    const paramsFile = join(dir, "params.yaml");
    writeFileSync(paramsFile, params(parallel));
    const out = join(dir, "out");
    mkdirSync(out);
    const endpoint = `unix://${peer.socket}`;
    const args = ["-benchmark", "-runtime-endpoint", endpoint, "-image-endpoint", endpoint];
    args.push("-benchmarking-params-file", paramsFile, "-benchmarking-output-dir", out, "--ginkgo.no-color");
    const t0 = performance.now();
    const r = await run(args);
    const secs = ((performance.now() - t0) / 1000).toFixed(0);
    const files = ["pod", "container", "image_lifecycle"].map((f) => join(out, `${f}_benchmark_data.json`));
    const missing = files.filter((f) => !existsSync(f) && !(parallel > 1 && f.includes("image")));
    if (r.status !== 0 || missing.length) {
      const log = join(tmpdir(), `berth-critest-${peer.name}.log`);
      writeFileSync(log, r.output);
      throw new Error(
        `critest against ${peer.name} failed (exit ${r.status}, ${secs} s; no ${missing}): see ${log}`,
      );
    }
    console.log(
      `  critest against ${peer.name}, ${parallel > 1 ? `${parallel} at a time` : "sequential"}: ${secs} s`,
    );
    for (const f of files.filter((x) => existsSync(x))) {
      const set = JSON.parse(readFileSync(f, "utf8")) as ResultsSet;
      set.operationsNames.forEach((name, i) => {
        const list = ops.get(name) ?? [];
        for (const d of set.datapoints) list.push((d.operationsDurationsNs[i] ?? Number.NaN) / 1e6);
        ops.set(name, list);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The issue's rows: its name for the call, critest's name for the operation.
const ROWS: [string, string][] = [
  ["RunPodSandbox", "CreatePod"],
  ["PodSandboxStatus", "StatusPod"],
  ["CreateContainer", "CreateContainer"],
  ["StartContainer", "StartContainer"],
  ["ContainerStatus", "StatusContainer"],
  ["StopContainer", "StopContainer"],
  ["RemoveContainer", "RemoveContainer"],
  ["StopPodSandbox", "StopPod"],
  ["RemovePodSandbox", "RemovePod"],
  ["PullImage (local registry)", "PullImage"],
  ["ImageStatus", "StatusImage"],
  ["RemoveImage", "RemoveImage"],
];

function report(label: string, ops: Record<PeerName, Ops>): number {
  const rows: [string, PerPeer][] = ROWS.filter(([, op]) => ops.berth.has(op)).map(([name, op]) => [
    name,
    { berth: ops.berth.get(op) ?? [], containerd: ops.containerd.get(op) ?? [] },
  ]);
  latencyTable(label, rows);
  const start = (name: PeerName, q: number) =>
    ["CreatePod", "CreateContainer", "StartContainer"].reduce(
      (s, op) => s + quantile(ops[name].get(op) ?? [], q),
      0,
    );
  const b = start("berth", 0.5);
  const c = start("containerd", 0.5);
  console.log(
    `${"pod start (run+create+start)".padEnd(30)} ${b.toFixed(1).padStart(9)} ${start("berth", 0.95).toFixed(1).padStart(9)} ${c.toFixed(1).padStart(9)} ${start("containerd", 0.95).toFixed(1).padStart(9)} ${(b / c).toFixed(2).padStart(9)} ${(start("berth", 0.95) / start("containerd", 0.95)).toFixed(2).padStart(9)}`,
  );
  return b / c;
}

runBench(
  "ct",
  async (peers) => {
    const version = spawnSync("critest", ["--version"], { encoding: "utf8" }).stdout.split("\n")[0];
    console.log(`${version}; ${N} samples per spec, daemon and round, ${ROUNDS} rounds`);
    const seq: Record<PeerName, Ops> = { berth: new Map(), containerd: new Map() };
    const par: Record<PeerName, Ops> = { berth: new Map(), containerd: new Map() };
    for (let r = 0; r < ROUNDS; r++)
      for (const peer of peers.order(r)) {
        await critest(peer, 1, seq[peer.name]);
        if (PARALLEL > 1) await critest(peer, PARALLEL, par[peer.name]);
      }
    console.log(`\ncritest -benchmark, sequential (${ROUNDS * N} samples per call and daemon)`);
    const startSeq = report("call (ms)", seq);
    let startPar = Number.NaN;
    if (PARALLEL > 1) {
      console.log(`\ncritest -benchmark, ${PARALLEL} samples at a time`);
      startPar = report("call (ms)", par);
    }
    console.log("");
    goal("pod start p50 berth/containerd (sequential)", startSeq, "<=", 0.5);
    if (PARALLEL > 1) goal(`pod start p50 berth/containerd (${PARALLEL} at a time)`, startPar, "<=", 0.5);
  },
  { mirrors: MIRRORS },
);
