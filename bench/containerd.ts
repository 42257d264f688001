// Debian's containerd 1.6 (+ runc) as the benchmarks' peer: started with its own temporary root,
// state, socket, runc root, netns folder and CNI network, and torn down completely by stop(), even
// after a failure: pods removed through CRI, then containerd, its shims and their runc containers
// killed, mounts under its folder unmounted, its bridge and masquerade rules deleted.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultNetwork } from "../src/network/cni-config.js";
import { removeTree } from "../test/helpers/berthd.js";
import { type CriClient, criClient } from "../test/helpers/cri-client.js";
import { PLAIN_REGISTRY } from "../test/helpers/images.js";

export const CONTAINERD = process.env.BENCH_CONTAINERD ?? "/usr/bin/containerd";
const SHIM = "containerd-shim-runc-v2";

export interface CniNetwork {
  name: string;
  bridge: string;
  subnet: string;
}

export interface ContainerdOptions {
  /** The CRI plugin's sandbox_image; needed before any RunPodSandbox. */
  sandboxImage?: string;
  /** The pod network (bridge + host-local + portmap + bandwidth, as berthd's default); none for image-only use. */
  network?: CniNetwork;
  /** Registry host → endpoints, beside the local registry's own (e.g. critest's names served locally). */
  mirrors?: Record<string, string[]>;
}

export interface Containerd {
  proc: ChildProcess;
  pid: number;
  dir: string;
  socket: string;
  cri: CriClient;
  /** Pids of this containerd's shims (processes that serve its socket). */
  shimPids(): number[];
  /** Removes every pod, stops containerd and everything it started; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The conflist both peers run: berthd's embedded default network itself, with its own name, bridge,
 * subnet and IPAM folder. containerd's CRI adds loopback on its own, so `loopback: false` drops it.
 */
export function bridgeConflist(net: CniNetwork, ipamDataDir: string, loopback: boolean): string {
  const list = defaultNetwork({ bridge: net.bridge, subnet: net.subnet, ipamDataDir });
  const plugins = list.plugins.map((p) => p.raw).filter((p) => loopback || p.type !== "loopback");
  return JSON.stringify({ cniVersion: list.cniVersion, name: net.name, plugins }, null, 2);
}

/** A TCP port free right now on 127.0.0.1 (containerd 1.6 puts port 0 verbatim into its exec URLs). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/** argv of a process ([] once it is gone). */
export function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return [];
  }
}

/** Every pid in /proc. */
export function allPids(): number[] {
  return readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
}

/** Deletes the NAT rules and chains the bridge plugin's ipMasq made for network `name` (left when DEL never ran). */
export function removeMasquerade(name: string): void {
  const save = spawnSync("iptables-save", ["-t", "nat"], { encoding: "utf8" }).stdout ?? "";
  const tag = `--comment "name: \\"${name}\\" `;
  for (const line of save.split("\n")) {
    if (!line.startsWith("-A POSTROUTING ") || !line.includes(tag)) continue;
    const src = /-s (\S+)/.exec(line)?.[1];
    const chain = /-j (CNI-\S+)/.exec(line)?.[1];
    const comment = /--comment "((?:[^"\\]|\\.)*)"/.exec(line)?.[1]?.replace(/\\"/g, '"');
    if (!src || !chain || comment === undefined) continue;
    spawnSync("iptables", [
      "-t",
      "nat",
      "-D",
      "POSTROUTING",
      "-s",
      src,
      "-m",
      "comment",
      "--comment",
      comment,
      "-j",
      chain,
    ]);
    spawnSync("iptables", ["-t", "nat", "-F", chain]);
    spawnSync("iptables", ["-t", "nat", "-X", chain]);
  }
}

async function waitExit(proc: ChildProcess, ms: number): Promise<boolean> {
  if (proc.exitCode !== null || proc.signalCode !== null) return true;
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    proc.once("exit", () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/** Starts containerd with its CRI plugin on a private socket and waits until it answers. */
export async function startContainerd(opts: ContainerdOptions = {}): Promise<Containerd> {
  const dir = mkdtempSync(join(tmpdir(), "berth-bench-containerd-"));
  const socket = join(dir, "containerd.sock");
  const runcRoot = join(dir, "runc");
  const cniDir = join(dir, "cni");
  mkdirSync(cniDir);
  if (opts.network)
    writeFileSync(join(cniDir, "10-bench.conflist"), bridgeConflist(opts.network, join(dir, "ipam"), false));
  const streamPort = await freePort();
  const config = `version = 2
root = "${dir}/root"
state = "${dir}/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.internal.v1.opt", "io.containerd.tracing.processor.v1.otlp"]
[grpc]
  address = "${socket}"
[ttrpc]
  address = "${socket}.ttrpc"
[debug]
  level = "info"
[metrics]
  address = ""
[plugins."io.containerd.grpc.v1.cri"]
  disable_tcp_service = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "${streamPort}"
  netns_mounts_under_state_dir = true
  # Root here lacks CAP_SYS_RESOURCE: the -998 kubelet-style sandboxes get would fail runc create.
  restrict_oom_score_adj = true
  sandbox_image = "${opts.sandboxImage ?? "registry.k8s.io/pause:3.6"}"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        Root = "${runcRoot}"
  [plugins."io.containerd.grpc.v1.cri".cni]
    conf_dir = "${cniDir}"
    bin_dir = "/usr/lib/cni"
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."${PLAIN_REGISTRY}"]
    endpoint = ["http://${PLAIN_REGISTRY}"]
${Object.entries(opts.mirrors ?? {})
  .map(
    ([host, eps]) =>
      `  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."${host}"]\n    endpoint = ${JSON.stringify(eps)}\n`,
  )
  .join("")}`;
  writeFileSync(join(dir, "config.toml"), config);
  // Its own process group: a terminal's Ctrl-C reaches only the benchmark, whose teardown then
  // removes the pods through CRI before stopping containerd.
  const proc = spawn(CONTAINERD, ["--config", join(dir, "config.toml")], {
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let log = "";
  proc.stderr?.on("data", (d: Buffer) => {
    log = (log + d.toString()).slice(-8192);
  });
  const cri = criClient(socket);
  const shimPids = () =>
    allPids().filter((p) => {
      const argv = cmdline(p);
      return (argv[0] ?? "").endsWith(SHIM) && argv.includes(socket);
    });

  // One teardown, however many callers (a signal handler and the failing main flow): each awaits it.
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= teardown();
    return stopping;
  };
  const teardown = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      // Through CRI first: that runs CNI DEL, so the netns, veths and NAT rules go the normal way.
      const pods = await cri.runtime("ListPodSandbox", {}, 10_000).catch(() => ({ items: [] }));
      for (const p of pods.items ?? []) {
        const podSandboxId = p.id ?? "";
        await cri.runtime("StopPodSandbox", { podSandboxId }, 30_000).catch(() => {});
        await cri.runtime("RemovePodSandbox", { podSandboxId }, 30_000).catch(() => {});
      }
      proc.kill("SIGTERM");
      if (!(await waitExit(proc, 10_000))) {
        proc.kill("SIGKILL");
        await waitExit(proc, 5_000);
      }
    }
    cri.close();
    // Whatever CRI could not remove: shims die with SIGKILL, their containers through runc.
    for (const p of shimPids()) spawnSync("kill", ["-KILL", String(p)]);
    const ns = join(runcRoot, "k8s.io");
    const ids = spawnSync("runc", ["--root", ns, "list", "-q"], { encoding: "utf8" }).stdout ?? "";
    for (const id of ids.split("\n").filter(Boolean))
      spawnSync("runc", ["--root", ns, "delete", "--force", id]);
    if (opts.network) {
      removeMasquerade(opts.network.name);
      spawnSync("ip", ["link", "del", opts.network.bridge], { stdio: "ignore" });
    }
    // Snapshots, /dev/shm of sandboxes and (netns_mounts_under_state_dir) netns pins live below dir.
    await removeTree(dir);
  };

  for (let i = 0; i < 200; i++) {
    const ok = await cri.image("ListImages", {}, 2_000).then(
      () => true,
      () => false,
    );
    if (ok) return { proc, pid: proc.pid as number, dir, socket, cri, shimPids, stop };
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`containerd did not start:\n${log.slice(-2000)}`);
}

/** The containerd version string, for the report header. */
export function containerdVersion(): string {
  return execFileSync(CONTAINERD, ["--version"], { encoding: "utf8" }).trim();
}
