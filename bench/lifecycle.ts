// Benchmark (issue #5): the pod lifecycle through CRI, berthd vs containerd 1.6 + runc in the same
// run, same busybox image and CNI plugins, alternating so both see the same machine load.
//   - BENCH_N sequential cycles: RunPodSandbox → CreateContainer → StartContainer → StopContainer →
//     RemoveContainer → StopPodSandbox → RemovePodSandbox; p50/p95 of each phase and the ratios;
//   - BENCH_ROUNDS rounds of 10 concurrent pods (one container each) started, then torn down;
//   - memory: daemon RSS, and with 10 containers running the RSS of what keeps each one (berth's
//     monitors vs containerd's shims; containerd 1.6 runs one shim per pod, which serves the pause
//     container and the pod's container), per running container.
//
//   hack/registry.sh start && make build   # dist/ then holds cri-api/runtime/v1/api.js
//   BERTH_BENCH_DEPS=1 hack/deps.sh        # containerd, crun
//   npx tsc --outDir dist --rootDir . --module nodenext --target es2022 --strict --skipLibCheck --allowJs \
//     --types node bench/lifecycle.ts && node dist/bench/lifecycle.js
//   (root; BENCH_N=<sequential cycles per daemon>, default 50; BENCH_ROUNDS=<concurrent rounds>,
//   default 3; BENCH_PODS=<pods per concurrent round>, default 10; BENCH_CONTAINERD=/usr/bin/containerd)
import {
  containerConfig,
  hwmKb,
  type Peer,
  type PeerName,
  podConfig,
  pssKb,
  quantile,
  rssKb,
  timed,
} from "./cri-peers.js";
import { goal, latencyTable, runBench } from "./report.js";

const N = Number(process.env.BENCH_N ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PODS = Number(process.env.BENCH_PODS ?? 10);
const STOP_TIMEOUT_S = 10;

const PHASES = [
  "RunPodSandbox",
  "CreateContainer",
  "StartContainer",
  "StopContainer",
  "RemoveContainer",
  "StopPodSandbox",
  "RemovePodSandbox",
] as const;
type Phase = (typeof PHASES)[number];
type Samples = Map<string, number[]>;

function record(s: Samples, key: string, ms: number): void {
  const list = s.get(key) ?? [];
  list.push(ms);
  s.set(key, list);
}

/**
 * One pod with one container, started. A failed call is a finding, not noise: it is rethrown with
 * the daemon, the call and its request named.
 */
async function startPod(peer: Peer, image: string, name: string, s?: Samples) {
  const call = async <T>(phase: Phase, req: unknown, fn: () => Promise<T>): Promise<T> => {
    try {
      const [v, ms] = await timed(fn);
      if (s) record(s, phase, ms);
      return v;
    } catch (err) {
      throw new Error(`${peer.name}: ${phase} ${JSON.stringify(req)} failed: ${(err as Error).message}`);
    }
  };
  const config = podConfig(peer, name);
  const podReq = { config };
  const { podSandboxId } = await call("RunPodSandbox", podReq, () =>
    peer.cri.runtime("RunPodSandbox", podReq, 60_000),
  );
  const createReq = { podSandboxId, config: containerConfig(image, "main"), sandboxConfig: config };
  const { containerId } = await call("CreateContainer", createReq, () =>
    peer.cri.runtime("CreateContainer", createReq, 60_000),
  );
  const startReq = { containerId };
  await call("StartContainer", startReq, () => peer.cri.runtime("StartContainer", startReq, 60_000));
  return { podSandboxId: podSandboxId as string, containerId: containerId as string, call };
}

type Started = Awaited<ReturnType<typeof startPod>>;

async function stopPod(peer: Peer, p: Started): Promise<void> {
  const { podSandboxId, containerId, call } = p;
  const stopReq = { containerId, timeout: STOP_TIMEOUT_S };
  await call("StopContainer", stopReq, () => peer.cri.runtime("StopContainer", stopReq, 60_000));
  await call("RemoveContainer", { containerId }, () => peer.cri.runtime("RemoveContainer", { containerId }));
  await call("StopPodSandbox", { podSandboxId }, () => peer.cri.runtime("StopPodSandbox", { podSandboxId }));
  await call("RemovePodSandbox", { podSandboxId }, () =>
    peer.cri.runtime("RemovePodSandbox", { podSandboxId }),
  );
}

async function cycle(peer: Peer, image: string, name: string, s: Samples): Promise<void> {
  const t0 = performance.now();
  const p = await startPod(peer, image, name, s);
  const started = performance.now();
  await stopPod(peer, p);
  record(s, "pod start (run+create+start)", started - t0);
  record(s, "pod teardown (stop..remove)", performance.now() - started);
  record(s, "whole cycle", performance.now() - t0);
}

interface Round {
  startWallMs: number;
  teardownWallMs: number;
  keepers: number;
  keeperRssKb: number;
  keeperPssKb: number;
  sandboxes: number;
  sandboxRssKb: number;
  daemonRssKb: number;
}

/** PODS pods started at once, measured while all run, then torn down at once. */
async function concurrent(peer: Peer, image: string, round: number, s: Samples): Promise<Round> {
  const t0 = performance.now();
  const pods = await Promise.all(
    Array.from({ length: PODS }, async (_, k) => {
      const t = performance.now();
      const p = await startPod(peer, image, `c${round}-${k}`);
      record(s, "concurrent pod start", performance.now() - t);
      return p;
    }),
  );
  const startWallMs = performance.now() - t0;
  // Settle: the shims and monitors have finished their start-up allocations.
  await new Promise((r) => setTimeout(r, 1000));
  const keepers = peer.keeperPids();
  const sandboxes = peer.sandboxPids();
  const r: Round = {
    startWallMs,
    teardownWallMs: 0,
    keepers: keepers.length,
    keeperRssKb: keepers.reduce((n, p) => n + rssKb(p), 0),
    keeperPssKb: keepers.reduce((n, p) => n + pssKb(p), 0),
    sandboxes: sandboxes.length,
    sandboxRssKb: sandboxes.reduce((n, p) => n + rssKb(p), 0),
    daemonRssKb: peer.daemonRssKb(),
  };
  const t1 = performance.now();
  await Promise.all(pods.map((p) => stopPod(peer, p)));
  r.teardownWallMs = performance.now() - t1;
  return r;
}

const fmt = (ms: number) => ms.toFixed(1).padStart(9);
const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;
const median = (xs: number[]) => quantile(xs, 0.5);

function table(b: Samples, c: Samples, keys: string[]): void {
  latencyTable(
    "phase (ms)",
    keys.map((k) => [k, { berth: b.get(k) ?? [], containerd: c.get(k) ?? [] }]),
  );
}

runBench("lc", async (peers) => {
  const samples: Record<PeerName, Samples> = { berth: new Map(), containerd: new Map() };
  const idleRss: Record<PeerName, number> = { berth: 0, containerd: 0 };
  // Warm-up: first-use costs (snapshot of the image, CNI bridge creation) stay out of the figures.
  for (const peer of peers.order(0)) await cycle(peer, peers.image, "warmup", new Map());
  for (const peer of peers.order(0)) idleRss[peer.name] = peer.daemonRssKb();

  for (let i = 0; i < N; i++)
    for (const peer of peers.order(i)) await cycle(peer, peers.image, `seq-${i}`, samples[peer.name]);
  console.log(
    `\n${N} sequential cycles per daemon (StopContainer timeout ${STOP_TIMEOUT_S} s; the container exits on SIGTERM)`,
  );
  table(samples.berth, samples.containerd, [
    ...PHASES,
    "pod start (run+create+start)",
    "pod teardown (stop..remove)",
    "whole cycle",
  ]);

  const rounds: Record<PeerName, Round[]> = { berth: [], containerd: [] };
  for (let r = 0; r < ROUNDS; r++)
    for (const peer of peers.order(r))
      rounds[peer.name].push(await concurrent(peer, peers.image, r, samples[peer.name]));
  console.log(`\n${ROUNDS} rounds of ${PODS} concurrent pods (one container each); medians over rounds`);
  table(samples.berth, samples.containerd, ["concurrent pod start"]);
  const med = (name: PeerName, f: (r: Round) => number) => median(rounds[name].map(f));
  for (const [label, f] of [
    ["all pods started, wall (ms)", (r: Round) => r.startWallMs],
    ["all pods removed, wall (ms)", (r: Round) => r.teardownWallMs],
  ] as const) {
    const b = med("berth", f);
    const c = med("containerd", f);
    console.log(
      `${label.padEnd(30)} ${fmt(b)} ${"".padStart(9)} ${fmt(c)} ${"".padStart(9)} ${(b / c).toFixed(2).padStart(9)}`,
    );
  }

  console.log(`\nmemory with ${PODS} containers running (median over rounds)`);
  const per = (name: PeerName, key: "keeperRssKb" | "keeperPssKb" | "sandboxRssKb") =>
    med(name, (r) => r[key]) / PODS;
  const keepers = (name: PeerName) => rounds[name].map((r) => r.keepers).join("/");
  console.log(
    `berth monitors:    ${keepers("berth")} processes, RSS ${mib(med("berth", (r) => r.keeperRssKb))} in all, ${mib(per("berth", "keeperRssKb"))} per container (PSS ${mib(per("berth", "keeperPssKb"))})`,
  );
  console.log(
    `containerd shims:  ${keepers("containerd")} processes, RSS ${mib(med("containerd", (r) => r.keeperRssKb))} in all, ${mib(per("containerd", "keeperRssKb"))} per container (PSS ${mib(per("containerd", "keeperPssKb"))}; pause processes not counted)`,
  );
  console.log(
    `containerd pauses: ${rounds.containerd.map((r) => r.sandboxes).join("/")} processes, RSS ${mib(per("containerd", "sandboxRssKb"))} per pod (berth pins pod namespaces without a process)`,
  );
  const memRatio = per("berth", "keeperRssKb") / per("containerd", "keeperRssKb");
  console.log(
    `daemon RSS: berthd ${mib(idleRss.berth)} idle, ${mib(med("berth", (r) => r.daemonRssKb))} with ${PODS} running, VmHWM ${mib(hwmKb(peers.berth.daemonPid))}; containerd ${mib(idleRss.containerd)} idle, ${mib(med("containerd", (r) => r.daemonRssKb))} with ${PODS} running, VmHWM ${mib(hwmKb(peers.containerd.daemonPid))}`,
  );

  const startRatio =
    median(samples.berth.get("pod start (run+create+start)") ?? []) /
    median(samples.containerd.get("pod start (run+create+start)") ?? []);
  console.log("");
  goal("pod start p50 berth/containerd", startRatio, "<=", 0.5);
  goal("memory per running container berth monitor/containerd shim (RSS)", memRatio, "<=", 0.2);
});
