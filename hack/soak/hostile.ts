// Soak: N clients send random, mutated and hostile CRI requests over every RuntimeService and
// ImageService method to a throwaway berthd for D minutes, then everything is removed and the run
// reports crashes, escapes, calls past their deadline, INTERNAL answers (with the request class),
// GOAWAY/UNAVAILABLE errors, leftovers, berthd's RSS and the request rate. See docs/soak.md.
//
//   make soak SOAK=hostile        SOAK_CLIENTS=4 SOAK_MINUTES=10 SOAK_SEED=1 (the defaults)
//
// Each client's request stream is a function of SOAK_SEED and its index only (timing still varies:
// which of two racing calls lands first is up to the machine). Exit status 1 when a figure that
// must be 0 is not.
import { existsSync, lstatSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync } from "node:fs";
import { chmod, mkdir, rm, rmdir, symlink, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { status } from "@grpc/grpc-js";
import Long from "long";
import { removeTree } from "../../test/helpers/berthd.js";
import { ensureBusyboxImage, PLAIN_REGISTRY } from "../../test/helpers/images.js";
import {
  ALL_METHODS,
  CODE_NAMES,
  cgroupRoots,
  codecOf,
  countLeftovers,
  envNumber,
  leakedCgroups,
  leftovers,
  type Method,
  mib,
  type Outcome,
  RawClient,
  Rng,
  rss,
  rssParts,
  type SoakDaemon,
  sleep,
  soakDaemon,
} from "./lib.js";

const CLIENTS = envNumber("SOAK_CLIENTS", 4);
const MINUTES = envNumber("SOAK_MINUTES", 10);
const SEED = envNumber("SOAK_SEED", 1);
const DEADLINE_MS = envNumber("SOAK_DEADLINE_MS", 10_000);
const BASE = process.env.SOAK_DIR ?? `/var/tmp/berth-soak-hostile-${SEED}`;
const TAG = `h${SEED}`;
const IDLE_MS = envNumber("SOAK_IDLE_MS", 30_000);

/** Answers a client may act on; anything else is counted and shown. */
const ACTIONABLE = new Set([
  status.OK,
  status.INVALID_ARGUMENT,
  status.NOT_FOUND,
  status.FAILED_PRECONDITION,
  status.ALREADY_EXISTS,
  status.UNIMPLEMENTED,
  status.RESOURCE_EXHAUSTED,
  status.OUT_OF_RANGE,
]);

const CLASSES = {
  valid: 30,
  "out-of-order": 10,
  oversized: 8,
  "huge-metadata": 4,
  "symlink-log": 4,
  "mount-traversal": 2,
  "stop-storm": 3,
  "echo-probe": 4,
  mutated: 15,
  "protobuf-mutation": 20,
} as const;
type Class = keyof typeof CLASSES;

const SECRET = `SOAK-SECRET-${SEED}-7f3a9c`;
const BIG = "a".repeat(1 << 20);

// ---- shared world ------------------------------------------------------------------------------

interface PodInfo {
  id: string;
  name: string;
  config: Record<string, unknown>;
  logDir: string;
  removed: boolean;
}
interface ContainerInfo {
  id: string;
  pod: PodInfo;
  name: string;
  removed: boolean;
}

const world = {
  pods: [] as PodInfo[],
  containers: [] as ContainerInfo[],
  image: "",
  images: [] as string[],
  ids: new Set<string>(),
};

interface CallRecord {
  cls: Class;
  method: string;
  code: number;
  details: string;
  ms: number;
}

const stats = {
  calls: 0,
  byMethod: new Map<string, number>(),
  byClassCode: new Map<string, number>(),
  internal: [] as CallRecord[],
  unexpected: [] as CallRecord[],
  deadline: [] as CallRecord[],
  unavailable: [] as CallRecord[],
  echoes: [] as CallRecord[],
  listTooLarge: [] as CallRecord[],
  slowest: [] as CallRecord[],
  registryUnavailable: 0,
};

function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function note(cls: Class, m: Method, o: Outcome, deadline: number): void {
  stats.calls++;
  bump(stats.byMethod, `${m.service}.${m.name}`);
  bump(stats.byClassCode, `${cls} ${CODE_NAMES[o.code] ?? o.code}`);
  const rec: CallRecord = { cls, method: m.name, code: o.code, details: o.details.slice(0, 300), ms: o.ms };
  if (o.details.includes(SECRET)) stats.echoes.push(rec);
  if (o.code === status.INTERNAL) stats.internal.push(rec);
  // The client's deadline passed (berthd's own DEADLINE_EXCEEDED, an exec's timeout, comes sooner).
  else if (o.code === status.DEADLINE_EXCEEDED && o.ms >= deadline - 100) stats.deadline.push(rec);
  // A registry that cannot be reached (a mutated reference naming docker.io on an offline machine)
  // is an honest UNAVAILABLE from berthd; the connection failing is not.
  else if (
    o.code === status.UNAVAILABLE &&
    m.name === "PullImage" &&
    /getaddrinfo|ECONNREFUSED|registry/.test(o.details)
  )
    stats.registryUnavailable++;
  else if (o.code === status.UNAVAILABLE || /GOAWAY/i.test(o.details)) stats.unavailable.push(rec);
  else if (o.code === status.RESOURCE_EXHAUSTED && /larger than max/i.test(o.details))
    stats.listTooLarge.push(rec);
  else if (!ACTIONABLE.has(o.code) && o.code !== -1) stats.unexpected.push(rec);
  stats.slowest.push(rec);
  if (stats.slowest.length > 40) {
    stats.slowest.sort((a, b) => b.ms - a.ms);
    stats.slowest.length = 20;
  }
}

const rt = (name: string): Method => ({ service: "runtime", name }) as Method;
const img = (name: string): Method => ({ service: "image", name }) as Method;

// ---- request builders ----------------------------------------------------------------------------

class Client {
  readonly c: RawClient;
  n = 0;
  constructor(
    readonly idx: number,
    readonly r: Rng,
    readonly d: SoakDaemon,
    readonly paths: Paths,
  ) {
    this.c = new RawClient(d.socket);
  }

  async call(cls: Class, m: Method, req: unknown, deadline = DEADLINE_MS): Promise<Outcome> {
    const o = await this.c.call(m, req, deadline, this.r.range(200, 3000));
    note(cls, m, o, deadline);
    return o;
  }

  uniq(prefix: string): string {
    return `${prefix}-${this.idx}-${++this.n}`;
  }

  livePods(): PodInfo[] {
    return world.pods.filter((p) => !p.removed);
  }
  liveContainers(): ContainerInfo[] {
    return world.containers.filter((c) => !c.removed);
  }
  anyPodId(): string {
    if (world.pods.length === 0 || this.r.chance(0.1)) return this.r.hex(64);
    return this.r.pick(this.r.chance(0.8) && this.livePods().length ? this.livePods() : world.pods).id;
  }
  anyContainerId(): string {
    if (world.containers.length === 0 || this.r.chance(0.1)) return this.r.hex(64);
    const live = this.liveContainers();
    return this.r.pick(this.r.chance(0.8) && live.length ? live : world.containers).id;
  }

  podConfig(name: string): Record<string, unknown> {
    const r = this.r;
    const cfg: Record<string, unknown> = {
      metadata: { name, namespace: "soak", uid: `uid-${name}`, attempt: r.int(3) },
      hostname: name,
      logDirectory: join(this.paths.logs, name),
      labels: { app: name, client: String(this.idx) },
      annotations: { "soak/at": String(Date.now()) },
      linux: {
        securityContext: { namespaceOptions: { network: r.chance(0.1) ? 2 : 0, pid: 1, ipc: 0 } },
        ...(r.chance(0.2) ? { cgroupParent: `/${this.paths.cgroupParent}/${name}` } : {}),
        ...(r.chance(0.2) ? { sysctls: { "net.ipv4.ip_unprivileged_port_start": "0" } } : {}),
      },
      ...(r.chance(0.2) ? { portMappings: [{ protocol: 0, containerPort: 80 }] } : {}),
      ...(r.chance(0.2)
        ? { dnsConfig: { servers: ["10.0.0.10"], searches: ["soak.svc"], options: ["ndots:5"] } }
        : {}),
    };
    return cfg;
  }

  containerConfig(name: string): Record<string, unknown> {
    const r = this.r;
    const command = r.pick([
      ["sleep", "1000"],
      ["sh", "-c", 'trap "exit 0" TERM; while true; do sleep 1; done'],
      ["true"],
      ["sh", "-c", "while true; do echo tick; sleep 1; done"],
      ["sh", "-c", "exit 3"],
    ]);
    return {
      metadata: { name, attempt: r.int(2) },
      image: { image: world.image },
      command,
      logPath: `${name}.log`,
      labels: { c: name, client: String(this.idx) },
      annotations: { "soak/c": name },
      envs: [{ key: "SOAK", value: "1" }],
      ...(r.chance(0.3)
        ? { mounts: [{ containerPath: "/mnt/host", hostPath: this.paths.host, readonly: r.chance(0.5) }] }
        : {}),
      linux: {
        resources: r.chance(0.5) ? { cpuShares: 512, memoryLimitInBytes: 64 * 1024 * 1024 } : {},
        securityContext: r.chance(0.2) ? { runAsUser: { value: 1000 } } : {},
      },
    };
  }

  /** A well-formed request for `m`, with real ids where there are some. */
  validRequest(m: Method): unknown {
    const r = this.r;
    const podId = this.anyPodId();
    const cid = this.anyContainerId();
    const filterChoice = () =>
      r.pick([
        {},
        { id: r.chance(0.5) ? podId : cid },
        { labelSelector: { client: String(r.int(4)) } },
        { podSandboxId: podId },
      ]);
    switch (m.name) {
      case "Version":
        return { version: "v1" };
      case "RunPodSandbox":
        return { config: this.podConfig(this.uniq("pod")) };
      case "StopPodSandbox":
      case "RemovePodSandbox":
      case "PodSandboxStats":
        return { podSandboxId: podId };
      case "PodSandboxStatus":
        return { podSandboxId: podId, verbose: r.chance(0.5) };
      case "ListPodSandbox":
      case "StreamPodSandboxes":
        return {
          filter: r.pick([
            {},
            { id: podId },
            { state: { state: r.int(2) } },
            { labelSelector: { app: "x" } },
          ]),
        };
      case "CreateContainer": {
        const pod = this.livePods().length ? r.pick(this.livePods()) : undefined;
        return {
          podSandboxId: pod?.id ?? podId,
          config: this.containerConfig(this.uniq("c")),
          sandboxConfig: pod?.config ?? this.podConfig("none"),
        };
      }
      case "StartContainer":
      case "RemoveContainer":
      case "ReopenContainerLog":
      case "ContainerStats":
        return { containerId: cid };
      case "StopContainer":
        return { containerId: cid, timeout: r.int(3) };
      case "ContainerStatus":
        return { containerId: cid, verbose: r.chance(0.5) };
      case "ListContainers":
      case "StreamContainers":
        return { filter: r.pick([{}, { id: cid }, { podSandboxId: podId }, { state: { state: r.int(4) } }]) };
      case "UpdateContainerResources":
        return {
          containerId: cid,
          linux: { cpuShares: r.range(2, 1024), memoryLimitInBytes: r.range(32, 128) * 1024 * 1024 },
        };
      case "ExecSync":
        return {
          containerId: cid,
          cmd: r.pick([
            ["true"],
            ["echo", "hi"],
            ["cat", "/etc/hostname"],
            ["ls", "/"],
            ["sh", "-c", "exit 7"],
          ]),
          timeout: r.pick([0, 1, 5, Long.MAX_VALUE]),
        };
      case "Exec":
        return { containerId: cid, cmd: ["sh"], stdout: true, stderr: true, tty: r.chance(0.5) };
      case "Attach":
        return { containerId: cid, stdout: true, stderr: true };
      case "PortForward":
        return { podSandboxId: podId, port: [80] };
      case "ListContainerStats":
      case "StreamContainerStats":
        return { filter: filterChoice() };
      case "ListPodSandboxStats":
      case "StreamPodSandboxStats":
        return { filter: r.pick([{}, { id: podId }, { labelSelector: { app: "x" } }]) };
      case "UpdateRuntimeConfig":
        return { runtimeConfig: { networkConfig: { podCidr: "10.244.0.0/24" } } };
      case "Status":
        return { verbose: r.chance(0.5) };
      case "CheckpointContainer":
        return { containerId: cid, location: join(this.paths.scratch, this.uniq("ckpt")), timeout: 5 };
      case "GetContainerEvents":
      case "ListMetricDescriptors":
      case "ListPodSandboxMetrics":
      case "StreamPodSandboxMetrics":
      case "RuntimeConfig":
      case "ImageFsInfo":
        return {};
      case "UpdatePodSandboxResources":
        return { podSandboxId: podId, resources: { cpuShares: 512 } };
      case "ListImages":
      case "StreamImages":
        return { filter: r.chance(0.5) ? {} : { image: { image: r.pick(world.images) } } };
      case "ImageStatus":
        return { image: { image: r.pick(world.images) }, verbose: r.chance(0.3) };
      case "PullImage":
        return { image: { image: r.pick(world.images) } };
      case "RemoveImage":
        // Not the image the clients run; the others come back with PullImage.
        return { image: { image: r.pick(world.images.filter((i) => i !== world.image)) } };
      default:
        return {};
    }
  }

  /** Records what a well-formed call made, so later calls use real ids. */
  track(m: Method, req: Record<string, unknown>, o: Outcome): void {
    if (o.code !== status.OK) return;
    const res = o.response as Record<string, unknown> | undefined;
    if (m.name === "RunPodSandbox" && res?.podSandboxId) {
      const config = req.config as Record<string, unknown>;
      const name = (config.metadata as { name: string }).name;
      world.pods.push({
        id: String(res.podSandboxId),
        name,
        config,
        logDir: String(config.logDirectory),
        removed: false,
      });
      world.ids.add(String(res.podSandboxId));
    } else if (m.name === "CreateContainer" && res?.containerId) {
      const pod = world.pods.find((p) => p.id === req.podSandboxId);
      const name = ((req.config as Record<string, unknown>).metadata as { name: string }).name;
      if (pod) world.containers.push({ id: String(res.containerId), pod, name, removed: false });
      world.ids.add(String(res.containerId));
    } else if (m.name === "RemovePodSandbox") {
      for (const p of world.pods) if (p.id === req.podSandboxId) p.removed = true;
      for (const c of world.containers) if (c.pod.id === req.podSandboxId) c.removed = true;
    } else if (m.name === "RemoveContainer") {
      for (const c of world.containers) if (c.id === req.containerId) c.removed = true;
    }
  }

  // ---- classes ----

  async valid(): Promise<void> {
    const r = this.r;
    // Keep a working set: some pods and containers exist most of the time.
    let m: Method;
    if (this.livePods().length < 2 && r.chance(0.5)) m = rt("RunPodSandbox");
    else if (this.liveContainers().length < 4 && r.chance(0.5)) m = rt("CreateContainer");
    else if (this.livePods().length > 8 && r.chance(0.5)) m = rt("RemovePodSandbox");
    else if (this.liveContainers().length > 12 && r.chance(0.5)) m = rt("RemoveContainer");
    else m = r.pick(ALL_METHODS);
    const req = this.validRequest(m) as Record<string, unknown>;
    const o = await this.call("valid", m, req, m.name === "PullImage" ? 60_000 : DEADLINE_MS);
    this.track(m, req, o);
    if (m.name === "CreateContainer" && o.code === status.OK && r.chance(0.7)) {
      const containerId = (o.response as { containerId: string }).containerId;
      await this.call("valid", rt("StartContainer"), { containerId });
    }
  }

  async outOfOrder(): Promise<void> {
    const r = this.r;
    const m = r.pick(
      [
        "StartContainer",
        "StopContainer",
        "RemoveContainer",
        "ExecSync",
        "Exec",
        "Attach",
        "ReopenContainerLog",
        "UpdateContainerResources",
        "ContainerStats",
        "CreateContainer",
        "StopPodSandbox",
        "RemovePodSandbox",
        "PortForward",
        "PodSandboxStats",
        "UpdatePodSandboxResources",
        "CheckpointContainer",
      ].map(rt),
    );
    const req = this.validRequest(m) as Record<string, unknown>;
    // Containers go into removed or stopped pods; ids of removed objects; a pod torn down while
    // another call on it is in flight.
    if (m.name === "CreateContainer" && world.pods.length) {
      const pod = r.pick(world.pods);
      req.podSandboxId = pod.id;
      req.sandboxConfig = pod.config;
    }
    if (r.chance(0.3) && world.pods.length) {
      const pod = r.pick(this.livePods().length ? this.livePods() : world.pods);
      const other = this.validRequest(m) as Record<string, unknown>;
      const [a, b] = await Promise.all([
        this.call("out-of-order", m, other),
        this.call("out-of-order", rt(r.pick(["StopPodSandbox", "RemovePodSandbox"])), {
          podSandboxId: pod.id,
        }),
      ]);
      this.track(m, other, a);
      this.track(rt("RemovePodSandbox"), { podSandboxId: pod.id }, b);
      return;
    }
    const o = await this.call("out-of-order", m, req);
    this.track(m, req, o);
  }

  async oversized(): Promise<void> {
    const r = this.r;
    const pod = this.livePods().length ? r.pick(this.livePods()) : undefined;
    const cfg = () => this.containerConfig(this.uniq("big"));
    const pc = () => this.podConfig(this.uniq("bigpod"));
    const variants: [Method, () => Record<string, unknown>][] = [
      [rt("ContainerStatus"), () => ({ containerId: BIG })],
      [rt("PodSandboxStatus"), () => ({ podSandboxId: BIG })],
      [rt("StartContainer"), () => ({ containerId: BIG })],
      [rt("StopContainer"), () => ({ containerId: BIG, timeout: 1 })],
      [rt("RemoveContainer"), () => ({ containerId: BIG })],
      [rt("StopPodSandbox"), () => ({ podSandboxId: BIG })],
      [rt("RemovePodSandbox"), () => ({ podSandboxId: BIG })],
      [rt("ContainerStats"), () => ({ containerId: BIG })],
      [rt("PodSandboxStats"), () => ({ podSandboxId: BIG })],
      [rt("ReopenContainerLog"), () => ({ containerId: BIG })],
      [rt("Attach"), () => ({ containerId: BIG, stdout: true })],
      [rt("Exec"), () => ({ containerId: BIG, cmd: ["sh"], stdout: true })],
      [rt("ExecSync"), () => ({ containerId: this.anyContainerId(), cmd: [BIG], timeout: 1 })],
      [rt("PortForward"), () => ({ podSandboxId: BIG, port: [80] })],
      [rt("Version"), () => ({ version: BIG })],
      [
        rt("ListContainers"),
        () => ({ filter: { id: BIG, podSandboxId: BIG, labelSelector: { [BIG]: BIG } } }),
      ],
      [rt("ListPodSandbox"), () => ({ filter: { id: BIG, labelSelector: { a: BIG } } })],
      [rt("ListContainerStats"), () => ({ filter: { id: BIG } })],
      [rt("UpdateContainerResources"), () => ({ containerId: BIG, linux: { cpusetCpus: BIG } })],
      [rt("UpdateRuntimeConfig"), () => ({ runtimeConfig: { networkConfig: { podCidr: BIG } } })],
      [rt("CheckpointContainer"), () => ({ containerId: BIG, location: BIG })],
      [rt("UpdatePodSandboxResources"), () => ({ podSandboxId: BIG })],
      [img("ImageStatus"), () => ({ image: { image: BIG } })],
      [img("PullImage"), () => ({ image: { image: BIG } })],
      [img("RemoveImage"), () => ({ image: { image: BIG } })],
      [img("ListImages"), () => ({ filter: { image: { image: BIG } } })],
      ...(
        [
          ["metadata", { name: BIG, namespace: "soak", uid: "u" }],
          ["metadata", { name: "ok", namespace: BIG, uid: "u" }],
          ["metadata", { name: "ok", namespace: "soak", uid: BIG }],
          ["hostname", BIG],
          ["logDirectory", `/${BIG}`],
          ["labels", { [BIG]: "v" }],
          ["labels", { k: BIG }],
          ["annotations", { [BIG]: "v" }],
          ["linux", { cgroupParent: `/${BIG}` }],
          ["linux", { sysctls: { [BIG]: "1" } }],
          ["dnsConfig", { servers: [BIG] }],
          ["portMappings", [{ containerPort: 80, hostIp: BIG }]],
        ] as [string, unknown][]
      ).map(([k, v]): [Method, () => Record<string, unknown>] => [
        rt("RunPodSandbox"),
        () => ({ config: { ...pc(), [k]: v }, runtimeHandler: r.chance(0.1) ? BIG : "" }),
      ]),
      ...(
        [
          ["metadata", { name: BIG }],
          ["image", { image: BIG }],
          ["command", [BIG]],
          ["args", [BIG]],
          ["workingDir", `/${BIG}`],
          ["envs", [{ key: BIG, value: "v" }]],
          ["envs", [{ key: "K", value: BIG }]],
          ["mounts", [{ containerPath: `/${BIG}`, hostPath: "/tmp" }]],
          ["mounts", [{ containerPath: "/m", hostPath: `/${BIG}` }]],
          ["labels", { k: BIG }],
          ["annotations", { k: BIG }],
          ["logPath", BIG],
          ["linux", { securityContext: { seccomp: { profileType: 2, localhostRef: `/${BIG}` } } }],
          ["linux", { securityContext: { apparmor: { profileType: 2, localhostRef: BIG } } }],
          ["linux", { resources: { cpusetCpus: BIG } }],
        ] as [string, unknown][]
      ).map(([k, v]): [Method, () => Record<string, unknown>] => [
        rt("CreateContainer"),
        () => ({
          podSandboxId: pod?.id ?? this.anyPodId(),
          config: { ...cfg(), [k]: v },
          sandboxConfig: pod?.config ?? pc(),
        }),
      ]),
    ];
    const [m, build] = r.pick(variants);
    const req = build();
    const o = await this.call("oversized", m, req);
    this.track(m, req, o);
  }

  async hugeMetadata(): Promise<void> {
    const r = this.r;
    const many = (n: number, size: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v".repeat(size)]));
    const meta = r.pick([
      { annotations: { big: "x".repeat(300 * 1024) } },
      { annotations: { big: "x".repeat(256 * 1024 - 100) } },
      { annotations: many(10_000, 10) },
      { annotations: many(40, 8 * 1024) },
      { labels: many(5000, 8) },
      { labels: { ["l".repeat(64)]: "v" } },
      { labels: { k: "v".repeat(64) } },
      { labels: { "a/b/c": "v" } },
      { annotations: many(200, 4 * 1024), labels: many(100, 63) },
    ]);
    if (r.chance(0.4) || this.livePods().length === 0) {
      const config = { ...this.podConfig(this.uniq("meta")), ...meta };
      const req = { config };
      const o = await this.call("huge-metadata", rt("RunPodSandbox"), req);
      this.track(rt("RunPodSandbox"), req, o);
    } else {
      const pod = r.pick(this.livePods());
      const req = {
        podSandboxId: pod.id,
        config: { ...this.containerConfig(this.uniq("meta")), ...meta },
        sandboxConfig: pod.config,
      };
      const o = await this.call("huge-metadata", rt("CreateContainer"), req);
      this.track(rt("CreateContainer"), req, o);
    }
    // Lists must stay answerable whatever was accepted.
    await this.call(
      "huge-metadata",
      rt(r.pick(["ListContainers", "ListPodSandbox", "ListContainerStats"])),
      {},
    );
  }

  async symlinkLog(): Promise<void> {
    const r = this.r;
    // Only pods whose log directory is where the clients keep them (a mutated request may have none).
    const pods = this.livePods().filter((p) => p.logDir.startsWith(`${this.paths.logs}/`));
    if (pods.length === 0) return this.valid();
    const pod = r.pick(pods);
    await mkdir(pod.logDir, { recursive: true });
    const name = this.uniq("esc");
    const target = join(this.paths.outside, `${name}-target`);
    const variant = r.int(5);
    let logPath = `${name}.log`;
    if (variant === 0) await symlink(target, join(pod.logDir, logPath)).catch(() => {});
    else if (variant === 1) {
      await symlink(this.paths.outside, join(pod.logDir, name)).catch(() => {});
      logPath = `${name}/${name}.log`;
    } else if (variant === 2) logPath = `../../../outside/${name}.log`;
    else if (variant === 3) logPath = `${this.paths.outside}/${name}.log`;
    if (variant <= 3) {
      const req = {
        podSandboxId: pod.id,
        config: { ...this.containerConfig(name), logPath },
        sandboxConfig: pod.config,
      };
      const o = await this.call("symlink-log", rt("CreateContainer"), req);
      this.track(rt("CreateContainer"), req, o);
      if (o.code === status.OK)
        await this.call("symlink-log", rt("StartContainer"), {
          containerId: (o.response as { containerId: string }).containerId,
        });
      return;
    }
    // A running container's log swapped for a link out, then reopened.
    const c = this.liveContainers().filter((x) => x.pod === pod);
    if (c.length === 0) return;
    const victim = r.pick(c);
    const logFile = join(pod.logDir, `${victim.name}.log`);
    try {
      await rm(logFile, { force: true });
      await symlink(join(this.paths.outside, `${name}-reopen`), logFile);
    } catch {
      return;
    }
    await this.call("symlink-log", rt("ReopenContainerLog"), { containerId: victim.id });
    await sleep(200);
    await unlink(logFile).catch(() => {});
  }

  async mountTraversal(): Promise<void> {
    const r = this.r;
    const pods = this.livePods();
    if (pods.length === 0) return this.valid();
    const pod = r.pick(pods);
    const name = this.uniq("mnt");
    const containerPath = r.pick([
      `/../../../../../../../../..${this.paths.outside}/${name}`,
      `../../../../../../../..${this.paths.outside}/${name}`,
      `/proc/self/root${this.paths.outside}/${name}`,
      `/etc/../../../../${this.paths.outside}/${name}`,
    ]);
    const req = {
      podSandboxId: pod.id,
      config: {
        ...this.containerConfig(name),
        mounts: [{ containerPath, hostPath: this.paths.host }],
        workingDir: r.chance(0.5) ? containerPath : "/",
      },
      sandboxConfig: pod.config,
    };
    const o = await this.call("mount-traversal", rt("CreateContainer"), req);
    this.track(rt("CreateContainer"), req, o);
    if (o.code === status.OK)
      await this.call("mount-traversal", rt("StartContainer"), {
        containerId: (o.response as { containerId: string }).containerId,
      });
  }

  async stopStorm(): Promise<void> {
    const r = this.r;
    const pods = this.livePods();
    if (pods.length === 0) return this.valid();
    const pod = r.pick(pods);
    if (r.chance(0.3)) {
      // 11 concurrent StopPodSandbox of one pod: each answers within the deadline.
      await Promise.all(
        Array.from({ length: 11 }, () =>
          this.call("stop-storm", rt("StopPodSandbox"), { podSandboxId: pod.id }),
        ),
      );
      return;
    }
    // A container that ignores SIGTERM (sleep as pid 1), stopped with an int64-sized grace period by
    // 9 callers at once, then force-stopped (grace 0) as kubelet's force deletion does: all 10 calls
    // answer within the deadline counted from the force stop.
    const name = this.uniq("storm");
    const req = {
      podSandboxId: pod.id,
      config: { ...this.containerConfig(name), command: ["sleep", "1000"] },
      sandboxConfig: pod.config,
    };
    const o = await this.call("stop-storm", rt("CreateContainer"), req);
    this.track(rt("CreateContainer"), req, o);
    if (o.code !== status.OK) return;
    const containerId = (o.response as { containerId: string }).containerId;
    await this.call("stop-storm", rt("StartContainer"), { containerId });
    const huge = r.pick([Long.MAX_VALUE, Long.fromNumber(2 ** 40), Long.fromNumber(86_400 * 365)]);
    const delay = r.range(0, 2000);
    const slow = Array.from({ length: 9 }, () =>
      this.call("stop-storm", rt("StopContainer"), { containerId, timeout: huge }, delay + DEADLINE_MS),
    );
    await sleep(delay);
    await Promise.all([
      ...slow,
      this.call("stop-storm", rt("StopContainer"), { containerId, timeout: r.int(2) }),
    ]);
  }

  async echoProbe(): Promise<void> {
    const r = this.r;
    const ref = r.pick([...this.paths.canaries, "/etc/shadow", "/proc/self/environ", this.paths.outside]);
    const profile = { profileType: 2, localhostRef: ref };
    const pods = this.livePods();
    if (r.chance(0.4) || pods.length === 0) {
      const base = this.podConfig(this.uniq("echo"));
      const linux = base.linux as Record<string, unknown>;
      const sc = linux.securityContext as Record<string, unknown>;
      const config = {
        ...base,
        linux: {
          ...linux,
          securityContext: {
            ...sc,
            ...(r.chance(0.5) ? { seccomp: profile } : { seccompProfilePath: `localhost/${ref}` }),
          },
        },
      };
      const req = { config };
      const o = await this.call("echo-probe", rt("RunPodSandbox"), req);
      this.track(rt("RunPodSandbox"), req, o);
      return;
    }
    const pod = r.pick(pods);
    const cfg = this.containerConfig(this.uniq("echo"));
    const sec = r.pick([
      { seccomp: profile },
      { apparmor: profile },
      { seccompProfilePath: `localhost/${ref}` },
      { apparmorProfile: `localhost/${ref}` },
    ]);
    const req = {
      podSandboxId: pod.id,
      config: { ...cfg, linux: { securityContext: sec } },
      sandboxConfig: pod.config,
    };
    const o = await this.call("echo-probe", rt("CreateContainer"), req);
    this.track(rt("CreateContainer"), req, o);
  }

  /** Replaces leaves of a well-formed request with hostile values. */
  mutateObject(v: unknown, depth = 0): unknown {
    const r = this.r;
    if (depth > 6) return v;
    if (typeof v === "string") {
      if (!r.chance(0.3)) return v;
      return r.pick([
        "",
        "..",
        "../../etc/passwd",
        "/",
        "\0",
        "a\nb",
        "x".repeat(5000),
        "f".repeat(65),
        r.hex(64),
        "-rf",
        "$(reboot)",
        "é",
        `${v}${v}`,
        v.slice(0, r.int(v.length + 1)),
        this.anyContainerId(),
        this.anyPodId(),
      ]);
    }
    if (typeof v === "number" || Long.isLong(v)) {
      if (!r.chance(0.3)) return v;
      return r.pick([
        0,
        -1,
        1,
        2 ** 31 - 1,
        -(2 ** 31),
        65536,
        Long.MAX_VALUE,
        Long.MIN_VALUE,
        r.int(1 << 20),
      ]);
    }
    if (typeof v === "boolean") return r.chance(0.3) ? !v : v;
    if (Array.isArray(v)) {
      const out = v.map((x) => this.mutateObject(x, depth + 1));
      if (r.chance(0.1)) out.push(...out);
      return out;
    }
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (r.chance(0.1)) continue;
        out[r.chance(0.05) ? (this.mutateObject(k, depth + 1) as string) : k] = this.mutateObject(
          x,
          depth + 1,
        );
      }
      return out;
    }
    return v;
  }

  async mutated(): Promise<void> {
    const m = this.r.pick(ALL_METHODS);
    const req = this.mutateObject(this.validRequest(m)) as Record<string, unknown>;
    const o = await this.call("mutated", m, req, m.name === "PullImage" ? 60_000 : DEADLINE_MS);
    this.track(m, req, o);
  }

  async protobufMutation(): Promise<void> {
    const r = this.r;
    const m = r.pick(ALL_METHODS);
    const valid = this.validRequest(m);
    let bytes: Buffer;
    try {
      bytes = Buffer.from(codecOf(m).requestSerialize(valid));
    } catch {
      bytes = Buffer.alloc(0);
    }
    const buf = [...bytes];
    const rounds = r.range(1, 6);
    for (let i = 0; i < rounds; i++) {
      const at = buf.length ? r.int(buf.length) : 0;
      switch (r.int(7)) {
        case 0:
          if (buf.length) buf[at] = (buf[at] as number) ^ (1 << r.int(8));
          break;
        case 1:
          buf.splice(at, 0, ...Array.from({ length: r.range(1, 16) }, () => r.int(256)));
          break;
        case 2:
          buf.splice(at, r.range(1, 16));
          break;
        case 3:
          buf.length = at;
          break;
        case 4:
          buf.splice(at, 0, ...buf.slice(at, at + r.range(1, 64)));
          break;
        case 5:
          // A length or varint that claims far more than there is.
          buf.splice(at, 0, 0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f);
          break;
        default:
          buf.splice(0, buf.length, ...Array.from({ length: r.int(256) }, () => r.int(256)));
      }
    }
    const target = r.chance(0.8) ? m : r.pick(ALL_METHODS);
    await this.call(
      "protobuf-mutation",
      target,
      Buffer.from(buf),
      target.name === "PullImage" ? 60_000 : DEADLINE_MS,
    );
  }

  async step(): Promise<void> {
    const cls = this.r.weighted(CLASSES);
    switch (cls) {
      case "valid":
        return this.valid();
      case "out-of-order":
        return this.outOfOrder();
      case "oversized":
        return this.oversized();
      case "huge-metadata":
        return this.hugeMetadata();
      case "symlink-log":
        return this.symlinkLog();
      case "mount-traversal":
        return this.mountTraversal();
      case "stop-storm":
        return this.stopStorm();
      case "echo-probe":
        return this.echoProbe();
      case "mutated":
        return this.mutated();
      case "protobuf-mutation":
        return this.protobufMutation();
    }
  }
}

// ---- escapes -----------------------------------------------------------------------------------

interface Paths {
  logs: string;
  host: string;
  outside: string;
  scratch: string;
  canaries: string[];
  cgroupParent: string;
}

/** Every entry under `dir` with what would show a write: type, size, mode, mtime. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (p: string) => {
    let st: import("node:fs").Stats;
    try {
      st = lstatSync(p);
    } catch {
      return;
    }
    out.set(p, `${st.mode.toString(8)} ${st.size} ${st.mtimeMs} ${st.uid}`);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
  };
  walk(dir);
  return out;
}

function diff(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [p, v] of after)
    if (before.get(p) !== v) out.push(`${before.has(p) ? "changed" : "created"} ${p}`);
  for (const p of before.keys()) if (!after.has(p)) out.push(`removed ${p}`);
  return out;
}

/**
 * Whether `file` is the log of a container in a pod berthd accepted, in that pod's log directory: where
 * the request said logs go. A mutation can cut a pod's log directory down to any prefix of the
 * clients' folder ("/var/tmp/berth-soak-h"), so such logs land outside it, and they are the soak's
 * own, not escapes: they are removed, with the folder if nothing else is in it.
 */
function podLog(file: string): boolean {
  const dir = dirname(file);
  const pod = world.pods.find((p) => p.logDir === dir);
  if (!pod || !world.containers.some((c) => c.pod === pod && file === join(dir, `${c.name}.log`)))
    return false;
  for (const c of world.containers)
    if (c.pod.logDir === dir) rmSync(join(dir, `${c.name}.log`), { force: true });
  try {
    rmdirSync(dir);
  } catch {
    // not empty, or "/": stays
  }
  return true;
}

/** Files named after the run's hostile names anywhere they could have landed outside the soak folder. */
function strays(base: string): string[] {
  const out: string[] = [];
  const marker = /^(esc|mnt|echo|big|meta|storm)-\d+-\d+/;
  const walk = (p: string, depth: number) => {
    if (depth > 4 || p === base) return;
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(p, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const q = join(p, e.name);
      if (marker.test(e.name)) out.push(q);
      if (e.isDirectory() && !e.isSymbolicLink()) walk(q, depth + 1);
    }
  };
  for (const top of ["/", "/tmp", "/var/tmp", "/etc", "/root", "/run", "/var/log", "/mnt"])
    walk(top, top === "/" ? 4 : 1);
  return [...new Set(out)].filter((p) => !p.startsWith(`${base}/`));
}

// ---- main --------------------------------------------------------------------------------------

async function cleanupAll(socket: string): Promise<string[]> {
  const c = new RawClient(socket);
  const problems: string[] = [];
  try {
    for (let round = 0; round < 3; round++) {
      const cs = await c.call(rt("ListContainers"), {}, 30_000);
      for (const x of (cs.response as { containers?: { id: string }[] })?.containers ?? []) {
        const o = await c.call(rt("RemoveContainer"), { containerId: x.id }, 60_000);
        if (o.code !== status.OK)
          problems.push(`RemoveContainer ${x.id}: ${CODE_NAMES[o.code]} ${o.details}`);
      }
      const ps = await c.call(rt("ListPodSandbox"), {}, 30_000);
      const items = (ps.response as { items?: { id: string }[] })?.items ?? [];
      for (const p of items) {
        const s = await c.call(rt("StopPodSandbox"), { podSandboxId: p.id }, 60_000);
        if (s.code !== status.OK) problems.push(`StopPodSandbox ${p.id}: ${CODE_NAMES[s.code]} ${s.details}`);
        const o = await c.call(rt("RemovePodSandbox"), { podSandboxId: p.id }, 60_000);
        if (o.code !== status.OK)
          problems.push(`RemovePodSandbox ${p.id}: ${CODE_NAMES[o.code]} ${o.details}`);
      }
      if (cs.code !== status.OK) problems.push(`ListContainers: ${CODE_NAMES[cs.code]} ${cs.details}`);
      if (ps.code !== status.OK) problems.push(`ListPodSandbox: ${CODE_NAMES[ps.code]} ${ps.details}`);
      if (items.length === 0 && cs.code === status.OK) break;
    }
    const cs = await c.call(rt("ListContainers"), {}, 30_000);
    const ps = await c.call(rt("ListPodSandbox"), {}, 30_000);
    const nc = (cs.response as { containers?: unknown[] })?.containers?.length ?? -1;
    const np = (ps.response as { items?: unknown[] })?.items?.length ?? -1;
    if (nc !== 0) problems.push(`${nc} containers still listed`);
    if (np !== 0) problems.push(`${np} pods still listed`);
  } finally {
    c.close();
  }
  return problems;
}

async function main(): Promise<void> {
  await removeTree(BASE);
  const dir = join(BASE, "d");
  const paths: Paths = {
    logs: join(dir, "logs"),
    host: join(dir, "host"),
    outside: join(BASE, "outside"),
    scratch: join(dir, "scratch"),
    canaries: [],
    cgroupParent: `berth-soak-${TAG}-cp`,
  };
  for (const p of [paths.logs, paths.host, paths.outside, paths.scratch]) await mkdir(p, { recursive: true });
  // Canaries: files whose content must never come back in an answer, and a tree nothing may touch.
  const canaryFiles: [string, string][] = [
    [
      "profile.json",
      JSON.stringify({ defaultAction: SECRET, syscalls: [{ names: [SECRET], action: "SCMP_ACT_ALLOW" }] }),
    ],
    ["arch.json", JSON.stringify({ defaultAction: "SCMP_ACT_ALLOW", architectures: [SECRET] })],
    [
      "action.json",
      JSON.stringify({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["read"], action: SECRET }] }),
    ],
    ["plain.txt", `${SECRET}\n`],
    ["secret.yaml", `defaultAction: ${SECRET}\n`],
  ];
  for (const [n, content] of canaryFiles) {
    const p = join(paths.outside, n);
    await writeFile(p, content);
    await chmod(p, 0o600);
    paths.canaries.push(p);
  }
  await mkdir(join(paths.outside, "canary-dir"));
  const outsideBefore = snapshot(paths.outside);

  const d = await soakDaemon(dir, TAG);
  // A previous run's cgroups (it was killed, say) would count as this run's leaks.
  for (const p of leakedCgroups(d, [paths.cgroupParent])) await rmdir(p).catch(() => {});
  const crashes: string[] = [];
  let stopping = false;
  const t0 = Date.now();
  const rssSamples: number[] = [];
  try {
    await d.start();
    const { ref } = await ensureBusyboxImage({ repo: "berth-soak/busybox", tag: "v1" });
    world.image = ref;
    world.images = [
      ref,
      `${PLAIN_REGISTRY}/e2e-test-images/busybox:1.29-2`,
      `${PLAIN_REGISTRY}/k8s-staging-cri-tools/test-image-1:latest`,
      `${PLAIN_REGISTRY}/k8s-staging-cri-tools/test-image-2:latest`,
      `${PLAIN_REGISTRY}/pause:3.10`,
      `${PLAIN_REGISTRY}/does-not/exist:1`,
    ];
    const setup = new RawClient(d.socket);
    for (const i of world.images.slice(0, 2)) {
      const o = await setup.call(img("PullImage"), { image: { image: i } }, 120_000);
      if (o.code !== status.OK) throw new Error(`pull ${i}: ${o.details}`);
    }
    setup.close();
    await sleep(5_000);
    const rssBefore = rss(d.pid());
    const partsBefore = rssParts(d.pid());
    console.log(
      `berthd pid ${d.pid()} serving; RSS before load ${mib(rssBefore)}; ${CLIENTS} clients for ${MINUTES} min, seed ${SEED}`,
    );

    // Crashes: berthd ending by itself is counted, and a new one takes over so the run goes on.
    const watch = async () => {
      while (!stopping) {
        const e = await d.exited;
        if (stopping) return;
        const tail = readFileSync(d.logFile, "utf8").split("\n").slice(-20).join("\n");
        crashes.push(`exit ${e.code ?? e.signal} at +${((Date.now() - t0) / 1000).toFixed(0)} s:\n${tail}`);
        console.log(`berthd CRASHED (${e.code ?? e.signal}); restarting`);
        await d.start();
      }
    };
    void watch();
    const sampler = setInterval(() => rssSamples.push(rss(d.pid())), 1000);
    const until = Date.now() + MINUTES * 60_000;
    const clients = Array.from(
      { length: CLIENTS },
      (_, i) => new Client(i, new Rng(SEED * 1000 + i), d, paths),
    );
    const progress = setInterval(() => {
      console.log(
        `+${((Date.now() - t0) / 1000).toFixed(0)} s: ${stats.calls} calls, RSS ${mib(rss(d.pid()))}, internal ${stats.internal.length}, deadline ${stats.deadline.length}, unavailable ${stats.unavailable.length}, pods ${world.pods.filter((p) => !p.removed).length}, containers ${world.containers.filter((c) => !c.removed).length}`,
      );
    }, 30_000);
    const loadStart = Date.now();
    await Promise.all(
      clients.map(async (c) => {
        while (Date.now() < until) {
          try {
            await c.step();
          } catch (err) {
            console.log(`client ${c.idx}: ${(err as Error).stack}`);
          }
        }
        c.c.close();
      }),
    );
    const loadSecs = (Date.now() - loadStart) / 1000;
    clearInterval(progress);
    const rssPeak = Math.max(...rssSamples);
    clearInterval(sampler);

    const cleanupProblems = await cleanupAll(d.socket);
    await sleep(2_000);
    // Pod cgroups named by the client (kubelet's pod cgroups) are the client's to remove, as kubelet
    // does once the pod is gone; what is below them (containers) is berthd's.
    for (const p of world.pods) {
      const parent = ((p.config.linux as Record<string, unknown> | undefined)?.cgroupParent as string) ?? "";
      if (parent.startsWith(`/${paths.cgroupParent}/`))
        for (const cg of cgroupRoots()) await rmdir(join(cg, parent)).catch(() => {});
    }
    const left = leftovers(d, new Set(), new Set(), [paths.cgroupParent]);
    // A cgroup_parent a mutation turned into "/" or ".." would put containers anywhere: look for
    // cgroups named after any id berthd handed out, three levels down every hierarchy.
    for (const cg of cgroupRoots()) {
      const walk = (p: string, depth: number) => {
        if (depth > 3) return;
        for (const e of readdirSync(p, { withFileTypes: true })) {
          if (!e.isDirectory()) continue;
          if (world.ids.has(e.name)) left.cgroups.push(join(p, e.name));
          walk(join(p, e.name), depth + 1);
        }
      };
      walk(cg, 1);
    }
    const outsideAfter = snapshot(paths.outside);
    const escapes = [...diff(outsideBefore, outsideAfter), ...strays(BASE).filter((f) => !podLog(f))];
    for (const f of paths.canaries)
      if (!readFileSync(f, "utf8").includes(SECRET)) escapes.push(`canary ${f} changed`);
    if (
      existsSync(join(paths.outside, "canary-dir")) &&
      statSync(join(paths.outside, "canary-dir")).nlink !== 2
    )
      escapes.push("canary-dir gained entries");
    console.log(`idle ${IDLE_MS / 1000} s before the last RSS sample`);
    await sleep(IDLE_MS);
    const rssAfter = rss(d.pid());
    const partsAfter = rssParts(d.pid());
    stopping = true;
    const logSize = statSync(d.logFile).size;
    await d.stop();
    const exit = await d.exited;

    // ---- report ----
    const line = (k: string, v: unknown) => console.log(`${k.padEnd(34)} ${v}`);
    console.log("\n==== hostile soak report ====");
    line(
      "command",
      `SOAK_CLIENTS=${CLIENTS} SOAK_MINUTES=${MINUTES} SOAK_SEED=${SEED} make soak SOAK=hostile`,
    );
    line(
      "calls",
      `${stats.calls} in ${loadSecs.toFixed(0)} s = ${(stats.calls / loadSecs).toFixed(1)} requests/s`,
    );
    line("methods called", `${stats.byMethod.size} of ${ALL_METHODS.length}`);
    line("crashes", crashes.length);
    line("escapes", escapes.length);
    line("echoed file contents", stats.echoes.length);
    line("calls past their deadline", stats.deadline.length);
    line("INTERNAL answers", stats.internal.length);
    line("GOAWAY/UNAVAILABLE", stats.unavailable.length);
    line("lists over 16 MiB", stats.listTooLarge.length);
    line("pulls from unreachable registries", `${stats.registryUnavailable} (UNAVAILABLE, expected offline)`);
    line("other unexpected codes", stats.unexpected.length);
    line("cleanup problems", cleanupProblems.length);
    for (const [k, v] of Object.entries(left)) line(`leaked ${k}`, (v as string[]).length);
    line("berthd RSS before load", mib(rssBefore));
    line("berthd RSS peak under load", mib(rssPeak));
    line(
      `berthd RSS after (+${IDLE_MS / 1000} s idle)`,
      `${mib(rssAfter)} (${(((rssAfter - rssBefore) / rssBefore) * 100).toFixed(0)}% vs before)`,
    );
    const parts = (p: { anon: number; file: number }) => `anon ${mib(p.anon)}, file ${mib(p.file)}`;
    line("berthd RSS parts before / after", `${parts(partsBefore)} / ${parts(partsAfter)}`);
    line("berthd log size", mib(logSize));
    line("berthd exit on SIGTERM", exit.code ?? exit.signal);
    const methodsMissing = ALL_METHODS.filter((m) => !stats.byMethod.has(`${m.service}.${m.name}`)).map(
      (m) => m.name,
    );
    if (methodsMissing.length) line("methods never called", methodsMissing.join(" "));
    console.log("\ncodes by class:");
    for (const [k, v] of [...stats.byClassCode].sort()) console.log(`  ${k.padEnd(40)} ${v}`);
    const show = (title: string, xs: unknown[]) => {
      if (xs.length === 0) return;
      console.log(`\n${title}:`);
      for (const x of xs.slice(0, 30)) console.log(`  ${typeof x === "string" ? x : JSON.stringify(x)}`);
      if (xs.length > 30) console.log(`  … ${xs.length - 30} more`);
    };
    show("crashes", crashes);
    show("escapes", escapes);
    show("echoes", stats.echoes);
    show("past deadline", stats.deadline);
    show("INTERNAL", stats.internal);
    show("GOAWAY/UNAVAILABLE", stats.unavailable);
    show("lists over 16 MiB", stats.listTooLarge);
    show("unexpected codes", stats.unexpected);
    show("cleanup problems", cleanupProblems);
    for (const [k, v] of Object.entries(left)) show(`leaked ${k}`, v as string[]);
    stats.slowest.sort((a, b) => b.ms - a.ms);
    show("slowest calls", stats.slowest.slice(0, 8));
    const bad =
      crashes.length +
      escapes.length +
      stats.echoes.length +
      stats.deadline.length +
      stats.internal.length +
      stats.unavailable.length +
      stats.listTooLarge.length +
      stats.unexpected.length +
      cleanupProblems.length +
      countLeftovers(left);
    console.log(`\nlog: ${d.logFile}`);
    process.exitCode = bad === 0 && rssAfter <= rssBefore * 1.2 ? 0 : 1;
  } finally {
    stopping = true;
    await d.destroy();
    // The clients' own pod-cgroup parent (kubelet's kubepods, here) is theirs to remove.
    for (const cg of cgroupRoots()) await rmdir(join(cg, paths.cgroupParent)).catch(() => {});
  }
}

await main();
process.exit(process.exitCode ?? 0);
