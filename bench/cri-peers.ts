// berthd and containerd side by side for the CRI benchmarks: same busybox image, same CNI plugin
// chain (berthd's embedded default: bridge + host-local + portmap + bandwidth, on separate bridges
// and subnets), both daemons up for the whole run so the measurements can alternate. Teardown runs
// on success, failure, SIGINT and SIGTERM.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runtime } from "../cri-api/runtime/v1/api.js";
import { removeTree } from "../test/helpers/berthd.js";
import { type CriClient, criClient } from "../test/helpers/cri-client.js";
import { ensureBusyboxImage, registryUp } from "../test/helpers/images.js";
import {
  allPids,
  bridgeConflist,
  type CniNetwork,
  type Containerd,
  cmdline,
  containerdVersion,
  removeMasquerade,
  startContainerd,
} from "./containerd.js";
import { ensurePauseImage } from "./pause-image.js";

// The compiled CLI beside this compiled file (test/helpers' startBerthd resolves dist/ relative to
// the test sources, which does not hold once the bench is compiled into dist/).
const CLI = resolve(import.meta.dirname, "../src/cli.js");

interface Berthd {
  proc: ChildProcess;
  dir: string;
  socket: string;
  cri: CriClient;
  /** SIGTERM, SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** Runs `berth daemon` with every root under `dir` and waits until its socket answers Version. */
async function startBerthd(dir: string, cniDir: string, opts: PeerOptions): Promise<Berthd> {
  const socket = join(dir, "run", "berth.sock");
  const args = [CLI, "daemon", "--root", join(dir, "lib"), "--state", join(dir, "run"), "--socket", socket];
  args.push("--metrics-address", "127.0.0.1:0", "--log-level", opts.logLevel ?? "info");
  args.push("--set", `cni.confDir=${cniDir}`);
  if (opts.mirrors) args.push("--set", `registry.mirrors=${JSON.stringify(opts.mirrors)}`);
  // Detached like containerd: Ctrl-C goes to the benchmark alone, which removes the pods first.
  const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-8192);
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const cri = criClient(socket);
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill("SIGTERM");
    const t = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(t);
  };
  for (let i = 0; i < 300 && proc.exitCode === null; i++) {
    if (
      await cri.runtime("Version", {}, 2_000).then(
        () => true,
        () => false,
      )
    )
      return { proc, dir, socket, cri, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  cri.close();
  await stop();
  throw new Error(`berthd did not start:\n${log.slice(-2000)}`);
}

export interface PeerOptions {
  /** Registry host → endpoints, the same for both daemons (critest's image names served locally). */
  mirrors?: Record<string, string[]>;
  /** berthd's log level (info unless given). */
  logLevel?: string;
}

export type PeerName = "berth" | "containerd";

export interface Peer {
  name: PeerName;
  cri: CriClient;
  /** The daemon's CRI socket. */
  socket: string;
  /** The daemon's own process: berthd's Node process, or containerd. */
  daemonPid: number;
  /** The daemon's resident set in KiB, with berthd's spawner helper counted as part of berthd. */
  daemonRssKb(): number;
  /** Per-container processes the runtime keeps: berth's monitors, containerd's shims. */
  keeperPids(): number[];
  /** Processes that only hold a pod's namespaces: containerd's pause containers; berth has none. */
  sandboxPids(): number[];
  /** Folder for pod log directories. */
  logRoot: string;
}

export interface Peers {
  image: string;
  berth: Peer;
  containerd: Peer;
  /** Both, in the order that alternates with i (so each goes first half of the time). */
  order(i: number): Peer[];
  teardown(): Promise<void>;
}

// A container that sleeps and exits on SIGTERM, as a well-behaved workload does; PID 1 without a
// handler would ignore SIGTERM and every StopContainer would wait for its timeout.
export const SLEEPER = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 3600 & wait; done"];

// What kubelet sends for a pod without shareProcessNamespace/hostNetwork: network and IPC per pod,
// PID per container (CRI's zero value would be a PID namespace shared by the pod).
const NAMESPACES: runtime.v1.INamespaceOption = {
  network: runtime.v1.NamespaceMode.POD,
  pid: runtime.v1.NamespaceMode.CONTAINER,
  ipc: runtime.v1.NamespaceMode.POD,
};

export function podConfig(peer: Peer, name: string): runtime.v1.IPodSandboxConfig {
  return {
    metadata: { name, namespace: "bench", uid: `uid-${name}`, attempt: 0 },
    hostname: name,
    logDirectory: join(peer.logRoot, name),
    labels: { bench: "berth" },
    linux: { securityContext: { namespaceOptions: NAMESPACES } },
  };
}

export function containerConfig(image: string, name: string, command = SLEEPER): runtime.v1.IContainerConfig {
  return {
    metadata: { name, attempt: 0 },
    image: { image },
    command,
    logPath: `${name}.log`,
    linux: { securityContext: { namespaceOptions: NAMESPACES } },
  };
}

function statusKb(pid: number, key: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB$`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return Number(m?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident set of a process in KiB (0 once it is gone). */
export const rssKb = (pid: number) => statusKb(pid, "VmRSS");
export const hwmKb = (pid: number) => statusKb(pid, "VmHWM");

/** Proportional set size in KiB: shared pages (binary text, libc) divided among their users. */
export function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return Number(m?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Pids of the processes below `pids` (children, grandchildren, ...). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

export function descendants(roots: number[]): number[] {
  const parent = new Map<number, number>();
  for (const p of allPids()) {
    const ppid = parentOf(p);
    if (ppid !== undefined) parent.set(p, ppid); // else gone meanwhile
  }
  const found = new Set<number>();
  let frontier = new Set(roots);
  while (frontier.size) {
    const next = new Set<number>();
    for (const [p, pp] of parent) if (frontier.has(pp) && !found.has(p)) next.add(p);
    for (const p of next) found.add(p);
    frontier = next;
  }
  return [...found];
}

async function removeAllPods(cri: CriClient): Promise<void> {
  const pods = await cri.runtime("ListPodSandbox", {}, 10_000).catch(() => ({ items: [] }));
  for (const p of pods.items ?? []) {
    const podSandboxId = p.id ?? "";
    await cri.runtime("StopPodSandbox", { podSandboxId }, 30_000).catch(() => {});
    await cri.runtime("RemovePodSandbox", { podSandboxId }, 30_000).catch(() => {});
  }
}

function randomOctet(): number {
  return 1 + Math.floor(Math.random() * 250);
}

/**
 * Starts both daemons with the images pulled. `prefix` names the bench (pods, networks). On SIGINT/
 * SIGTERM the teardown runs and the process exits 130/143.
 */
export async function startPeers(prefix: string, opts: PeerOptions = {}): Promise<Peers> {
  if (!(await registryUp())) throw new Error("no registry on 127.0.0.1:5000: run hack/registry.sh start");
  const [{ ref: image }, pause] = await Promise.all([
    ensureBusyboxImage({ repo: "berth-bench/busybox", tag: "1" }),
    ensurePauseImage(),
  ]);
  const tag = `${prefix}${Math.floor(Math.random() * 1e4)}`;
  // 10.88.0.0/16 is berthd's embedded default, the integration tests draw from 10.200-250: clear of both.
  const octet = randomOctet();
  const berthNet: CniNetwork = {
    name: `bench-berth-${tag}`,
    bridge: `bb${tag}`.slice(0, 15),
    subnet: `10.196.${octet}.0/24`,
  };
  const ctrdNet: CniNetwork = {
    name: `bench-ctrd-${tag}`,
    bridge: `bc${tag}`.slice(0, 15),
    subnet: `10.197.${octet}.0/24`,
  };

  let berthDir: string | undefined;
  let berthd: Berthd | undefined;
  let ctrd: Containerd | undefined;
  // One teardown, however many callers (a signal handler and the failing main flow): each awaits it.
  let tearingDown: Promise<void> | undefined;
  const teardown = () => {
    tearingDown ??= tearDown();
    return tearingDown;
  };
  const tearDown = async () => {
    if (berthd) {
      await removeAllPods(berthd.cri);
      berthd.cri.close();
      await berthd.stop();
      // Monitors outlive berthd by design; whatever CRI did not stop goes now, with its containers.
      const monitors = berthMonitors(berthd.dir);
      for (const p of [...descendants(monitors), ...monitors]) spawnSync("kill", ["-KILL", String(p)]);
      removeMasquerade(berthNet.name);
      spawnSync("ip", ["link", "del", berthNet.bridge], { stdio: "ignore" });
    }
    if (berthDir) await removeTree(berthDir);
    await ctrd?.stop();
  };
  const onSignal = (sig: NodeJS.Signals) => {
    console.error(`\n${sig}: tearing down`);
    void teardown().finally(() => process.exit(sig === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    // Short on purpose: berthd puts each monitor's control socket at <root>/rt/<64-hex id>/ctl and
    // refuses CreateContainer when that exceeds a unix socket path (root over ~32 characters).
    const dir = mkdtempSync(join(tmpdir(), "bbd-"));
    berthDir = dir;
    const cniDir = join(dir, "cni");
    mkdirSync(cniDir);
    writeFileSync(join(cniDir, "10-bench.conflist"), bridgeConflist(berthNet, join(dir, "ipam"), true));
    berthd = await startBerthd(dir, cniDir, opts);
    ctrd = await startContainerd({ sandboxImage: pause, network: ctrdNet, mirrors: opts.mirrors });
    await berthd.cri.image("PullImage", { image: { image } });
    await ctrd.cri.image("PullImage", { image: { image } });
    await ctrd.cri.image("PullImage", { image: { image: pause } });
  } catch (err) {
    await teardown();
    throw err;
  }
  const b = berthd;
  const c = ctrd;
  mkdirSync(join(b.dir, "logs"), { recursive: true });
  mkdirSync(join(c.dir, "logs"), { recursive: true });
  const berth: Peer = {
    name: "berth",
    cri: b.cri,
    socket: b.socket,
    daemonPid: b.proc.pid as number,
    daemonRssKb: () => {
      const pid = b.proc.pid as number;
      // Its direct child: the spawner's own forks (short commands) also read "spawner".
      const spawners = descendants([pid]).filter(
        (p) => cmdline(p).at(-1) === "spawner" && parentOf(p) === pid,
      );
      return [pid, ...spawners].reduce((n, p) => n + rssKb(p), 0);
    },
    keeperPids: () => berthMonitors(b.dir),
    sandboxPids: () => [],
    logRoot: join(b.dir, "logs"),
  };
  const containerd: Peer = {
    name: "containerd",
    cri: c.cri,
    socket: c.socket,
    daemonPid: c.pid,
    daemonRssKb: () => rssKb(c.pid),
    keeperPids: () => c.shimPids(),
    sandboxPids: () => descendants(c.shimPids()).filter((p) => cmdline(p)[0] === "/pause"),
    logRoot: join(c.dir, "logs"),
  };
  console.log(
    `peers: berthd (${process.execPath} ${process.version}, berth-runtime) vs ${containerdVersion()} + runc`,
  );
  console.log(
    `CNI: bridge+host-local+portmap+bandwidth on ${berthNet.bridge} ${berthNet.subnet} (berth), ${ctrdNet.bridge} ${ctrdNet.subnet} (containerd); image ${image}; sandbox image ${pause}`,
  );
  return {
    image,
    berth,
    containerd,
    order: (i) => (i % 2 === 0 ? [berth, containerd] : [containerd, berth]),
    teardown,
  };
}

/** berth-runtime monitor processes of the berthd whose folder is `dir`. */
function berthMonitors(dir: string): number[] {
  return allPids().filter((p) => {
    const argv = cmdline(p);
    return argv[1] === "monitor" && argv.some((a) => a.startsWith(`${dir}/`));
  });
}

/** p-quantile (nearest rank) of a list of numbers. */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
}

/** Milliseconds a promise took, with its value. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

/** Current 1/5/15-minute load averages, for the header of a report. */
export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}
