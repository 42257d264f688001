// Shared parts of the soak runs (hack/soak/hostile.ts, hack/soak/kill9.ts): a throwaway berthd with
// its own roots, socket, cgroup parent and CNI network; a raw gRPC caller that can send any bytes
// to any CRI method; a seeded random source; and the scans that find what berthd left behind.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { createWriteStream, existsSync, readdirSync, readFileSync, type WriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { Client, credentials, Metadata, type ServiceError, status } from "@grpc/grpc-js";
import {
  type ImageMethod,
  ImageServiceDefinition,
  type RuntimeMethod,
  RuntimeServiceDefinition,
} from "../../cri-api/runtime/v1/services.js";

export const CLI = resolve(import.meta.dirname, "../../src/cli.js");
/** kubelet's CRI client limit (pkg/kubelet/cri/remote: maxMsgSize). */
export const MAX_MSG = 16 * 1024 * 1024;

// ---- seeded randomness ------------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error("pick from nothing");
    return xs[this.int(xs.length)] as T;
  }
  hex(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += "0123456789abcdef"[this.int(16)];
    return s;
  }
  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let r = this.next() * entries.reduce((a, [, w]) => a + w, 0);
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return (entries[entries.length - 1] as [K, number])[0];
  }
}

// ---- a throwaway berthd -------------------------------------------------------------------------

export interface SoakDaemon {
  dir: string;
  socket: string;
  root: string;
  state: string;
  /** cgroup parent (under every hierarchy) of pods without a parent of their own. */
  cgroupParent: string;
  bridge: string;
  ipamDir: string;
  logFile: string;
  proc: ChildProcess;
  /** Resolves with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  pid(): number;
  start(extraEnv?: NodeJS.ProcessEnv): Promise<void>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
  /** Everything else: bridge, cgroups, folder (after stop). */
  destroy(): Promise<void>;
}

export async function soakDaemon(dir: string, tag: string): Promise<SoakDaemon> {
  const root = join(dir, "lib");
  const state = join(dir, "run");
  const socket = join(state, "berth.sock");
  const cniDir = join(dir, "cni");
  const ipamDir = join(dir, "ipam");
  const bridge = `bs${randomInt(1000, 9999)}`;
  const subnet = `10.${randomInt(200, 250)}.${randomInt(1, 250)}.0/24`;
  const cgroupParent = `berth-soak-${tag}`;
  await mkdir(cniDir, { recursive: true });
  await writeFile(
    join(cniDir, "10-soak.conflist"),
    JSON.stringify({
      cniVersion: "1.0.0",
      name: "berth-soak",
      plugins: [
        {
          type: "bridge",
          bridge,
          isGateway: true,
          ipMasq: false,
          hairpinMode: true,
          ipam: { type: "host-local", ranges: [[{ subnet }]], dataDir: ipamDir },
        },
        { type: "portmap", capabilities: { portMappings: true } },
      ],
    }),
  );
  const logFile = join(dir, "berthd.log");
  let log: WriteStream | undefined;
  const d: SoakDaemon = {
    dir,
    socket,
    root,
    state,
    cgroupParent,
    bridge,
    ipamDir,
    logFile,
    proc: undefined as unknown as ChildProcess,
    exited: Promise.resolve({ code: 0, signal: null }),
    pid: () => d.proc.pid ?? 0,
    async start(extraEnv = {}) {
      log ??= createWriteStream(logFile, { flags: "a" });
      const args = [
        CLI,
        "daemon",
        "--root",
        root,
        "--state",
        state,
        "--socket",
        socket,
        "--metrics-address",
        "127.0.0.1:0",
        "--set",
        `cni.confDir=${cniDir}`,
        "--set",
        `cgroup.parent=${cgroupParent}`,
      ];
      const proc = spawn(process.execPath, args, {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, ...extraEnv },
      });
      d.proc = proc;
      d.exited = new Promise((res) => proc.once("exit", (code, signal) => res({ code, signal })));
      proc.stderr?.on("data", (b: Buffer) => log?.write(b));
      await new Promise<void>((res, rej) => {
        const rl = createInterface({ input: proc.stdout! });
        let serving = false;
        rl.on("line", (line) => {
          log?.write(`${line}\n`);
          if (!serving && line.includes('"berthd serving"')) {
            serving = true;
            res();
          }
        });
        void d.exited.then((e) => {
          if (!serving) rej(new Error(`berthd ended (${e.code ?? e.signal}) before serving; see ${logFile}`));
        });
      });
    },
    async kill9() {
      if (d.proc.exitCode !== null || d.proc.signalCode !== null) return;
      d.proc.kill("SIGKILL");
      await d.exited;
    },
    async stop() {
      if (d.proc.exitCode !== null || d.proc.signalCode !== null) return;
      d.proc.kill("SIGTERM");
      const t = setTimeout(() => d.proc.kill("SIGKILL"), 30_000);
      await d.exited;
      clearTimeout(t);
    },
    async destroy() {
      await d.kill9();
      log?.end();
      // berthd's own bind mount of its netns folder (and anything a failed run left) goes too.
      for (const m of mountsUnder(dir).sort((a, b) => b.length - a.length))
        spawnSync("umount", ["--lazy", m]);
      spawnSync("ip", ["link", "del", bridge]);
      for (const p of leakedCgroups(d, [])) spawnSync("rmdir", [p]);
      for (const cg of cgroupRoots()) spawnSync("rmdir", [join(cg, cgroupParent)]);
    },
  };
  return d;
}

// ---- raw gRPC ---------------------------------------------------------------------------------

export type Method = { service: "runtime"; name: RuntimeMethod } | { service: "image"; name: ImageMethod };

export interface Outcome {
  code: number;
  details: string;
  ms: number;
  /** Decoded answer (unary) or items received (streams). */
  response?: unknown;
}

interface Codec {
  path: string;
  responseStream: boolean;
  requestSerialize: (v: unknown) => Buffer;
  responseDeserialize: (b: Buffer) => unknown;
}

export function codecOf(m: Method): Codec {
  const def = (
    m.service === "runtime"
      ? (RuntimeServiceDefinition as Record<string, unknown>)[m.name]
      : (ImageServiceDefinition as Record<string, unknown>)[m.name]
  ) as Codec;
  return def;
}

export const ALL_METHODS: Method[] = [
  ...Object.keys(RuntimeServiceDefinition).map((name) => ({
    service: "runtime" as const,
    name: name as RuntimeMethod,
  })),
  ...Object.keys(ImageServiceDefinition).map((name) => ({
    service: "image" as const,
    name: name as ImageMethod,
  })),
];

const identity = (b: Buffer) => b;

/** One connection, as one kubelet would hold: any method, encoded or raw bytes, with a deadline. */
export class RawClient {
  readonly client: Client;
  constructor(socket: string) {
    this.client = new Client(`unix://${socket}`, credentials.createInsecure(), {
      "grpc.max_receive_message_length": MAX_MSG,
      "grpc.max_send_message_length": 64 * 1024 * 1024,
    });
  }
  close(): void {
    this.client.close();
  }

  /** Sends `req` (an object to encode, or bytes as they are) to `m`; never throws. */
  call(m: Method, req: unknown, deadlineMs: number, streamForMs = 2_000): Promise<Outcome> {
    const codec = codecOf(m);
    const t0 = Date.now();
    let bytes: Buffer;
    try {
      bytes = Buffer.isBuffer(req) ? req : codec.requestSerialize(req);
    } catch (err) {
      return Promise.resolve({ code: -1, details: `encode: ${(err as Error).message}`, ms: 0 });
    }
    const opts = { deadline: t0 + deadlineMs };
    return new Promise<Outcome>((res) => {
      if (codec.responseStream) {
        const items: unknown[] = [];
        const call = this.client.makeServerStreamRequest(
          codec.path,
          identity,
          identity,
          bytes,
          new Metadata(),
          opts,
        );
        let done = false;
        const finish = (code: number, details: string) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          res({ code, details, ms: Date.now() - t0, response: items });
        };
        // Event streams never end by themselves: a client hangs up after a while (CANCELLED, by us).
        const timer = setTimeout(() => {
          call.cancel();
          finish(status.OK, "cancelled by the client after streaming");
        }, streamForMs);
        call.on("data", (b: Buffer) => {
          try {
            items.push(codec.responseDeserialize(b));
          } catch {
            items.push(b);
          }
        });
        call.on("error", (e: ServiceError) => finish(e.code, e.details ?? e.message));
        call.on("status", (s) => {
          if (s.code === status.OK) finish(status.OK, "");
        });
        call.on("end", () => setTimeout(() => finish(status.OK, ""), 10));
        return;
      }
      this.client.makeUnaryRequest(codec.path, identity, identity, bytes, new Metadata(), opts, (err, b) => {
        if (err) {
          res({ code: err.code, details: err.details ?? err.message, ms: Date.now() - t0 });
          return;
        }
        let response: unknown;
        try {
          response = b ? codec.responseDeserialize(b) : undefined;
        } catch {
          response = undefined;
        }
        res({ code: status.OK, details: "", ms: Date.now() - t0, response });
      });
    });
  }
}

export const CODE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(status)
    .filter(([, v]) => typeof v === "number")
    .map(([k, v]) => [v as number, k]),
);
CODE_NAMES[-1] = "CLIENT_ENCODE";

// ---- what berthd leaves behind -----------------------------------------------------------------

export function cgroupRoots(): string[] {
  const base = "/sys/fs/cgroup";
  const out = [base];
  for (const e of readdirSync(base, { withFileTypes: true }))
    if (e.isDirectory()) out.push(join(base, e.name));
  return out.filter((p) => existsSync(join(p, "cgroup.procs")));
}

function walkDirs(dir: string, out: string[], depth = 0): void {
  if (depth > 8) return;
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const p = join(dir, e.name);
    out.push(p);
    walkDirs(p, out, depth + 1);
  }
}

/** Cgroup directories below the daemon's parent (and below any of `extraParents`), every hierarchy. */
export function leakedCgroups(d: Pick<SoakDaemon, "cgroupParent">, extraParents: string[]): string[] {
  const out: string[] = [];
  for (const cg of cgroupRoots())
    for (const parent of [d.cgroupParent, ...extraParents]) {
      const top = join(cg, parent);
      if (existsSync(top)) walkDirs(top, out);
    }
  return out.sort((a, b) => b.length - a.length);
}

export function mountsUnder(prefix: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[4] ?? "")
    .filter((m) => m !== "" && (m === prefix || m.startsWith(`${prefix}/`)));
}

function ls(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Pod ids host-local IPAM holds an address for (a file per address holding the owner's id). */
export function ipOwners(ipamDir: string): string[] {
  const out: string[] = [];
  for (const net of ls(ipamDir))
    for (const f of ls(join(ipamDir, net))) {
      if (!/^[0-9a-f.:]+$/.test(f)) continue;
      try {
        out.push(readFileSync(join(ipamDir, net, f), "utf8").split(/\s/)[0] ?? "");
      } catch {
        // released meanwhile
      }
    }
  return out;
}

/** Processes (other than berthd) whose command line names the soak folder: monitors, inits, pause. */
export function processesUnder(dir: string, except: number[]): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const p of ls("/proc")) {
    if (!/^\d+$/.test(p) || except.includes(Number(p))) continue;
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").join(" ");
      if (cmd.includes(dir)) out.push({ pid: Number(p), cmd: cmd.slice(0, 200) });
    } catch {
      // gone
    }
  }
  return out;
}

/** Processes in any cgroup below `parent`. */
export function processesInCgroups(cgroups: string[]): number[] {
  const out: number[] = [];
  for (const cg of cgroups) {
    try {
      for (const l of readFileSync(join(cg, "cgroup.procs"), "utf8").split("\n")) if (l) out.push(Number(l));
    } catch {
      // gone
    }
  }
  return [...new Set(out)];
}

export interface Leftovers {
  mounts: string[];
  cgroups: string[];
  netns: string[];
  ips: string[];
  processes: string[];
  runtimeDirs: string[];
}

/**
 * What is there that no listed object owns. `pods`/`containers`: the ids berthd lists (empty
 * after everything was removed: then every leftover is a leak).
 */
export function leftovers(
  d: SoakDaemon,
  pods: Set<string>,
  containers: Set<string>,
  extraCgroupParents: string[] = [],
): Leftovers {
  const owned = (name: string) => pods.has(name) || containers.has(name);
  const ownedPath = (p: string) => p.split("/").some((part) => owned(part));
  const cgroups = leakedCgroups(d, extraCgroupParents).filter((p) => !ownedPath(p));
  const procs = processesUnder(d.dir, [d.pid(), process.pid])
    .filter((p) => !ownedPath(p.cmd.replace(/ /g, "/")))
    .map((p) => `${p.pid} ${p.cmd}`);
  for (const pid of processesInCgroups(cgroups)) procs.push(`${pid} (in a leaked cgroup)`);
  return {
    mounts: mountsUnder(d.dir).filter((m) => !m.endsWith("/run/netns") && !ownedPath(m)),
    cgroups,
    netns: ls(join(d.state, "netns")).filter((n) => !owned(n)),
    ips: ipOwners(d.ipamDir).filter((p) => !owned(p)),
    processes: procs,
    runtimeDirs: [
      ...ls(join(d.root, "rt", "c")).map((n) => `rt/c/${n}`),
      ...ls(join(d.state, "podns")).map((n) => `podns/${n}`),
      ...ls(join(d.root, "pod-data")).map((n) => `pod-data/${n}`),
    ].filter((p) => !owned(p.split("/").pop() ?? "")),
  };
}

export function countLeftovers(l: Leftovers): number {
  return Object.values(l).reduce((a, xs: string[]) => a + xs.length, 0);
}

/** Resident set of a process in bytes (0 when gone). */
export function rss(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The resident set split as /proc/<pid>/status does: anonymous memory and mapped files. */
export function rssParts(pid: number): { anon: number; file: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    return { anon: kb("RssAnon"), file: kb("RssFile") };
  } catch {
    return { anon: 0, file: 0 };
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const mib = (b: number) => `${(b / 1048576).toFixed(1)} MiB`;

export function envNumber(name: string, dflt: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name}=${v} is not a number`);
  return n;
}
