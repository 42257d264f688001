// Printing and running shared by the CRI benchmarks: a p50/p95 table of berth beside containerd
// with the ratios, goal lines, and main() with both daemons up and torn down whatever happens.
import {
  loadAverage,
  type PeerName,
  type PeerOptions,
  type Peers,
  quantile,
  startPeers,
} from "./cri-peers.js";

export type PerPeer = Record<PeerName, number[]>;

const cell = (ms: number) => ms.toFixed(1).padStart(9);
const ratio = (r: number) => r.toFixed(2).padStart(9);

/** Rows of p50/p95 for both daemons and the berth/containerd ratios; returns each row's p50 ratio. */
export function latencyTable(label: string, rows: [string, PerPeer][]): number[] {
  const heads = ["berth p50", "p95", "ctrd p50", "p95", "p50 ratio", "p95 ratio"];
  console.log(`${label.padEnd(30)} ${heads.map((h) => h.padStart(9)).join(" ")}`);
  return rows.map(([name, v]) => {
    const [b50, b95] = [quantile(v.berth, 0.5), quantile(v.berth, 0.95)];
    const [c50, c95] = [quantile(v.containerd, 0.5), quantile(v.containerd, 0.95)];
    console.log(
      `${name.padEnd(30)} ${cell(b50)} ${cell(b95)} ${cell(c50)} ${cell(c95)} ${ratio(b50 / c50)} ${ratio(b95 / c95)}`,
    );
    return b50 / c50;
  });
}

/** `ratio <what>: 0.78 (goal <= 0.50: NOT met)` */
export function goal(what: string, value: number, op: "<=" | ">=", target: number): void {
  const met = op === "<=" ? value <= target : value >= target;
  console.log(
    `ratio ${what}: ${value.toFixed(2)} (goal ${op} ${target.toFixed(2)}: ${met ? "met" : "NOT met"})`,
  );
}

/** Runs a benchmark body between startPeers and teardown, with the load average before and after. */
export function runBench(
  prefix: string,
  body: (peers: Peers) => Promise<void>,
  opts: PeerOptions = {},
): void {
  const main = async () => {
    console.log(`load average at start: ${loadAverage()}`);
    const peers = await startPeers(prefix, opts);
    try {
      await body(peers);
      console.log(`load average at end: ${loadAverage()}`);
    } finally {
      await peers.teardown();
    }
  };
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
