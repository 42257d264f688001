// Benchmark (issue #15, memory): daemon RSS of berthd vs containerd 1.6 in the same run.
//   1. idle: both daemons up with no pods, after BENCH_SETTLE_S seconds (default 30);
//   2. load: BENCH_CALLS mixed CRI calls (default 10,000) from 4 concurrent clients on each daemon in
//      turn: status and list calls, lookups of unknown ids, pod and container lifecycles (run, create,
//      start, exec, stop, remove), image status; RSS sampled every 100 ms (peak);
//   3. after: RSS when the load ended, and again after BENCH_SETTLE_S seconds with no calls.
// Prints a table and the goals: idle RSS ≤ containerd's, ≤ 100 MiB after the load, back to idle ± 20%.
//
//   make bench B=memory      (root; BENCH_CALLS, BENCH_SETTLE_S)
import { randomBytes } from "node:crypto";
import { containerConfig, type Peer, podConfig } from "./cri-peers.js";
import { goal, runBench } from "./report.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_S ?? 30) * 1000;
const CLIENTS = 4;

const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Figures {
  idle: number;
  peak: number;
  end: number;
  settled: number;
  seconds: number;
  failed: number;
}

/** One client's share of the load: mostly reads, a lifecycle every 50 calls. */
async function client(peer: Peer, image: string, id: number, calls: number, state: { failed: number }) {
  const cri = peer.cri;
  const unknown = randomBytes(32).toString("hex");
  let podId = "";
  let ctrId = "";
  for (let i = 0; i < calls; i++) {
    const step = i % 50;
    const ok = <T>(p: Promise<T>) =>
      p.catch(() => {
        state.failed++;
        return undefined;
      });
    if (step === 0) {
      const name = `mem-${id}-${i}`;
      const r = await ok(cri.runtime("RunPodSandbox", { config: podConfig(peer, name) }));
      podId = r?.podSandboxId ?? "";
      const c = podId
        ? await ok(
            cri.runtime("CreateContainer", {
              podSandboxId: podId,
              config: containerConfig(image, "c"),
              sandboxConfig: podConfig(peer, name),
            }),
          )
        : undefined;
      ctrId = c?.containerId ?? "";
      if (ctrId) await ok(cri.runtime("StartContainer", { containerId: ctrId }));
    } else if (step === 49 && podId) {
      if (ctrId) await ok(cri.runtime("StopContainer", { containerId: ctrId, timeout: 2 }));
      if (ctrId) await ok(cri.runtime("RemoveContainer", { containerId: ctrId }));
      await ok(cri.runtime("StopPodSandbox", { podSandboxId: podId }));
      await ok(cri.runtime("RemovePodSandbox", { podSandboxId: podId }));
      podId = ctrId = "";
    } else if (step === 25 && ctrId) {
      await ok(cri.runtime("ExecSync", { containerId: ctrId, cmd: ["true"], timeout: 10 }));
    } else {
      switch (step % 8) {
        case 0:
          await ok(cri.runtime("Version", {}));
          break;
        case 1:
          await ok(cri.runtime("Status", { verbose: step % 16 === 1 }));
          break;
        case 2:
          await ok(cri.runtime("ListPodSandbox", {}));
          break;
        case 3:
          await ok(cri.runtime("ListContainers", {}));
          break;
        case 4:
          if (ctrId) await ok(cri.runtime("ContainerStatus", { containerId: ctrId, verbose: true }));
          break;
        case 5:
          if (podId) await ok(cri.runtime("PodSandboxStatus", { podSandboxId: podId }));
          break;
        case 6:
          await ok(cri.image("ImageStatus", { image: { image } }));
          break;
        default:
          // An unknown id answers NOT_FOUND: expected, not counted as a failure.
          await cri.runtime("ContainerStatus", { containerId: unknown }).catch(() => undefined);
      }
    }
  }
  if (ctrId) await cri.runtime("RemoveContainer", { containerId: ctrId }).catch(() => undefined);
  if (podId) {
    await cri.runtime("StopPodSandbox", { podSandboxId: podId }).catch(() => undefined);
    await cri.runtime("RemovePodSandbox", { podSandboxId: podId }).catch(() => undefined);
  }
}

async function measure(peer: Peer, image: string): Promise<Figures> {
  const rss = () => peer.daemonRssKb();
  const idle = rss();
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 100);
  const state = { failed: 0 };
  const t0 = Date.now();
  const perClient = Math.ceil(CALLS / CLIENTS);
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(peer, image, i, perClient, state)));
  const seconds = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  const end = rss();
  await sleep(SETTLE_MS);
  return { idle, peak: Math.max(peak, end), end, settled: rss(), seconds, failed: state.failed };
}

runBench("memory", async (peers) => {
  console.log(`idle: ${SETTLE_MS / 1000} s after start; load: ${CALLS} calls from ${CLIENTS} clients`);
  await sleep(SETTLE_MS);
  const results: Record<string, Figures> = {};
  for (const peer of [peers.berth, peers.containerd]) {
    results[peer.name] = await measure(peer, peers.image);
  }
  const b = results.berth as Figures;
  const c = results.containerd as Figures;
  console.log(
    `\n${"daemon RSS".padEnd(24)} ${"berthd".padStart(12)} ${"containerd".padStart(12)} ${"ratio".padStart(7)}`,
  );
  for (const [label, key] of [
    ["idle", "idle"],
    [`peak under ${CALLS} calls`, "peak"],
    ["when the load ended", "end"],
    [`${SETTLE_MS / 1000} s later`, "settled"],
  ] as const) {
    console.log(
      `${label.padEnd(24)} ${mib(b[key]).padStart(12)} ${mib(c[key]).padStart(12)} ${(b[key] / c[key]).toFixed(2).padStart(7)}`,
    );
  }
  console.log(
    `load took berthd ${b.seconds.toFixed(1)} s (${b.failed} failed calls), containerd ${c.seconds.toFixed(1)} s (${c.failed} failed calls)`,
  );
  goal("idle RSS berthd/containerd", b.idle / c.idle, "<=", 1);
  goal(`berthd RSS after ${CALLS} calls / 100 MiB`, b.end / (100 * 1024), "<=", 1);
  goal("berthd RSS settled / idle", b.settled / b.idle, "<=", 1.2);
});
