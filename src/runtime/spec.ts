// ContainerSpec: the runtime's own small description of a container, and its translation into an
// OCI runtime-spec config.json with containerd's defaults. Nothing else in Berth writes config.json.
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { InvalidArgumentError } from "../errors.js";
import { writeJsonReplace } from "../fsutil.js";
import {
  OCI_VERSION,
  type OciCapabilities,
  type OciDevice,
  type OciDeviceCgroup,
  type OciIdMapping,
  type OciMount,
  type OciNamespace,
  type OciNamespaceType,
  type OciProcess,
  type OciResources,
  type OciRlimit,
  type OciSeccomp,
  type OciSpec,
} from "./oci.js";
import { loadSeccompFile, runtimeDefaultSeccomp } from "./seccomp/resolve.js";

export type NamespaceType = OciNamespaceType;

export interface NamespaceSpec {
  type: NamespaceType;
  /** Join this namespace (e.g. a pod's pinned /run/berth/ns/net/<pod>) instead of creating one. */
  path?: string;
}

export interface MountSpec {
  destination: string;
  /** Host path for bind mounts; the mount's source for other types. */
  source?: string;
  /** Default "bind" when a source is given. */
  type?: string;
  options?: string[];
  readonly?: boolean;
  propagation?: "private" | "rprivate" | "slave" | "rslave" | "shared" | "rshared";
  /** An id-mapped bind mount (the container must have a user namespace). */
  idmap?: IdMaps;
}

/** The uid and gid maps of a user namespace (or of an id-mapped mount). */
export interface IdMaps {
  uids: OciIdMapping[];
  gids: OciIdMapping[];
}

export interface DeviceSpec {
  /** Path inside the container. */
  path: string;
  type: "c" | "b";
  major: number;
  minor: number;
  fileMode?: number;
  uid?: number;
  gid?: number;
  /** cgroup device access, default "rwm". */
  permissions?: string;
}

export interface ResourceSpec {
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuShares?: number;
  cpusetCpus?: string;
  cpusetMems?: string;
  memoryLimit?: number;
  memorySwap?: number;
  pidsLimit?: number;
  hugepageLimits?: { pageSize: string; limit: number }[];
  oomScoreAdj?: number;
}

export type SeccompSpec =
  | { type: "RuntimeDefault" }
  | { type: "Unconfined" }
  | { type: "Localhost"; path: string };

export interface ContainerSpec {
  id: string;
  /** Absolute path of the (already mounted) root filesystem. */
  rootfs: string;
  args: string[];
  env?: string[];
  cwd?: string;
  user?: { uid: number; gid: number; additionalGids?: number[] };
  terminal?: boolean;
  hostname?: string;
  /** Exactly the namespaces of the container; default: new pid, ipc, uts, mount, network. */
  namespaces?: NamespaceSpec[];
  /** The maps of the container's user namespace (a `user` entry in namespaces, new or joined). Its
   * root filesystem is then mounted with id-mapped layers. */
  userns?: IdMaps;
  mounts?: MountSpec[];
  devices?: DeviceSpec[];
  /** Absolute cgroup path, e.g. "/berth/pod-abc/ctr-1" (cgroupfs driver). */
  cgroupsPath?: string;
  resources?: ResourceSpec;
  /** Over containerd's default set; "ALL" (every capability the runtime holds) is accepted in both
   * lists. Ignored when privileged. */
  capabilities?: { add?: string[]; drop?: string[] };
  privileged?: boolean;
  noNewPrivileges?: boolean;
  readonlyRootfs?: boolean;
  /** Default: containerd's masked/readonly paths (none when privileged). */
  maskedPaths?: string[];
  readonlyPaths?: string[];
  /** Default RuntimeDefault (Unconfined when privileged). */
  seccomp?: SeccompSpec;
  sysctls?: Record<string, string>;
  rlimits?: OciRlimit[];
  annotations?: Record<string, string>;
}

/** containerd's default capability set (oci/spec.go, populateDefaultUnixSpec). */
export const DEFAULT_CAPABILITIES: readonly string[] = [
  "CAP_CHOWN",
  "CAP_DAC_OVERRIDE",
  "CAP_FSETID",
  "CAP_FOWNER",
  "CAP_MKNOD",
  "CAP_NET_RAW",
  "CAP_SETGID",
  "CAP_SETUID",
  "CAP_SETFCAP",
  "CAP_SETPCAP",
  "CAP_NET_BIND_SERVICE",
  "CAP_SYS_CHROOT",
  "CAP_KILL",
  "CAP_AUDIT_WRITE",
];

/** Every capability Linux knows (up to CAP_CHECKPOINT_RESTORE, 40), in number order. */
export const ALL_CAPABILITIES: readonly string[] = [
  "CAP_CHOWN",
  "CAP_DAC_OVERRIDE",
  "CAP_DAC_READ_SEARCH",
  "CAP_FOWNER",
  "CAP_FSETID",
  "CAP_KILL",
  "CAP_SETGID",
  "CAP_SETUID",
  "CAP_SETPCAP",
  "CAP_LINUX_IMMUTABLE",
  "CAP_NET_BIND_SERVICE",
  "CAP_NET_BROADCAST",
  "CAP_NET_ADMIN",
  "CAP_NET_RAW",
  "CAP_IPC_LOCK",
  "CAP_IPC_OWNER",
  "CAP_SYS_MODULE",
  "CAP_SYS_RAWIO",
  "CAP_SYS_CHROOT",
  "CAP_SYS_PTRACE",
  "CAP_SYS_PACCT",
  "CAP_SYS_ADMIN",
  "CAP_SYS_BOOT",
  "CAP_SYS_NICE",
  "CAP_SYS_RESOURCE",
  "CAP_SYS_TIME",
  "CAP_SYS_TTY_CONFIG",
  "CAP_MKNOD",
  "CAP_LEASE",
  "CAP_AUDIT_WRITE",
  "CAP_AUDIT_CONTROL",
  "CAP_SETFCAP",
  "CAP_MAC_OVERRIDE",
  "CAP_MAC_ADMIN",
  "CAP_SYSLOG",
  "CAP_WAKE_ALARM",
  "CAP_BLOCK_SUSPEND",
  "CAP_AUDIT_READ",
  "CAP_PERFMON",
  "CAP_BPF",
  "CAP_CHECKPOINT_RESTORE",
];

/** The capabilities set in a /proc/<pid>/status mask such as CapBnd ("000001fffeffffff"). */
export function capabilitiesOfMask(hex: string): string[] {
  const mask = BigInt(`0x${hex}`);
  return ALL_CAPABILITIES.filter((_, bit) => ((mask >> BigInt(bit)) & 1n) === 1n);
}

let held: readonly string[] | undefined;

/**
 * What "ALL" and privileged grant: the capabilities in this process's bounding set, which the
 * runtime it starts inherits and can grant at most (containerd and CRI-O count the same way). A node
 * whose root lacks one (a sandbox without CAP_SYS_RESOURCE, a user namespace) would otherwise fail
 * every privileged container.
 */
export function heldCapabilities(): readonly string[] {
  if (!held) {
    let status = "";
    try {
      status = readFileSync("/proc/self/status", "utf8");
    } catch {
      // Not Linux or no /proc: assume everything, the runtime will say what it cannot grant.
    }
    const bnd = /^CapBnd:\s*([0-9a-f]+)$/m.exec(status)?.[1];
    held = bnd ? capabilitiesOfMask(bnd) : ALL_CAPABILITIES;
  }
  return held;
}

/** containerd's default masked paths (oci/spec.go). */
export const DEFAULT_MASKED_PATHS: readonly string[] = [
  "/proc/acpi",
  "/proc/asound",
  "/proc/kcore",
  "/proc/keys",
  "/proc/latency_stats",
  "/proc/timer_list",
  "/proc/timer_stats",
  "/proc/sched_debug",
  "/sys/firmware",
  "/sys/devices/virtual/powercap",
  "/proc/scsi",
];

export const DEFAULT_READONLY_PATHS: readonly string[] = [
  "/proc/bus",
  "/proc/fs",
  "/proc/irq",
  "/proc/sys",
  "/proc/sysrq-trigger",
];

export const DEFAULT_PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const DEFAULT_NAMESPACES: readonly NamespaceType[] = ["pid", "ipc", "uts", "mount", "network"];
const NAMESPACE_TYPES = new Set<string>(["pid", "network", "mount", "ipc", "uts", "user", "cgroup"]);
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The mounts every container gets (containerd defaults plus the CRI plugin's /sys/fs/cgroup). */
function defaultMounts(privileged: boolean): OciMount[] {
  const sysOpts = ["nosuid", "noexec", "nodev", privileged ? "rw" : "ro"];
  return [
    { destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"] },
    {
      destination: "/dev",
      type: "tmpfs",
      source: "tmpfs",
      options: ["nosuid", "strictatime", "mode=755", "size=65536k"],
    },
    {
      destination: "/dev/pts",
      type: "devpts",
      source: "devpts",
      options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"],
    },
    {
      destination: "/dev/shm",
      type: "tmpfs",
      source: "shm",
      options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
    },
    { destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"] },
    { destination: "/sys", type: "sysfs", source: "sysfs", options: sysOpts },
    {
      destination: "/sys/fs/cgroup",
      type: "cgroup",
      source: "cgroup",
      options: ["nosuid", "noexec", "nodev", "relatime", privileged ? "rw" : "ro"],
    },
  ];
}

// Device cgroup: deny everything, then allow the nodes every container needs (containerd's list).
const DEFAULT_DEVICE_RULES: readonly OciDeviceCgroup[] = [
  { allow: false, access: "rwm" },
  { allow: true, type: "c", access: "m" },
  { allow: true, type: "b", access: "m" },
  { allow: true, type: "c", major: 1, minor: 3, access: "rwm" },
  { allow: true, type: "c", major: 1, minor: 8, access: "rwm" },
  { allow: true, type: "c", major: 1, minor: 7, access: "rwm" },
  { allow: true, type: "c", major: 5, minor: 0, access: "rwm" },
  { allow: true, type: "c", major: 1, minor: 5, access: "rwm" },
  { allow: true, type: "c", major: 1, minor: 9, access: "rwm" },
  { allow: true, type: "c", major: 5, minor: 1, access: "rwm" },
  { allow: true, type: "c", major: 136, access: "rwm" },
  { allow: true, type: "c", major: 5, minor: 2, access: "rwm" },
  { allow: true, type: "c", major: 10, minor: 200, access: "rwm" },
];

/** "net_admin", "CAP_NET_ADMIN" → "CAP_NET_ADMIN"; unknown names are an error. */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  if (upper === "ALL") return upper;
  const full = upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
  if (!ALL_CAPABILITIES.includes(full)) throw new InvalidArgumentError(`unknown capability "${name}"`);
  return full;
}

/**
 * The capability list of a container: containerd's rules (ALL in add, then ALL in drop, then the
 * rest), within `all`, the runtime's own capabilities: ALL and privileged mean those, and one named
 * that the runtime lacks is left out (see unheldCapabilities), as rlimits and oom_score_adj are
 * clamped, rather than failing in capset.
 */
export function resolveCapabilities(
  spec: Pick<ContainerSpec, "capabilities" | "privileged">,
  all: readonly string[] = heldCapabilities(),
): string[] {
  if (spec.privileged) return ALL_CAPABILITIES.filter((c) => all.includes(c));
  const add = (spec.capabilities?.add ?? []).map(normalizeCapability);
  const drop = (spec.capabilities?.drop ?? []).map(normalizeCapability);
  let caps = new Set<string>(DEFAULT_CAPABILITIES);
  if (add.includes("ALL")) caps = new Set(all);
  if (drop.includes("ALL")) caps = new Set();
  for (const c of add) if (c !== "ALL") caps.add(c);
  for (const c of drop) if (c !== "ALL") caps.delete(c);
  // Keep the kernel's order so the generated spec is stable.
  return ALL_CAPABILITIES.filter((c) => caps.has(c) && all.includes(c));
}

/** The capabilities `spec` adds by name that resolveCapabilities leaves out: the runtime lacks them. */
export function unheldCapabilities(
  spec: Pick<ContainerSpec, "capabilities" | "privileged">,
  all: readonly string[] = heldCapabilities(),
): string[] {
  if (spec.privileged) return [];
  const add = (spec.capabilities?.add ?? []).map(normalizeCapability);
  return add.filter((c) => c !== "ALL" && !all.includes(c));
}

function capabilitySets(caps: string[]): OciCapabilities {
  // Inheritable stays empty (containerd since CVE-2022-24769); ambient is not granted implicitly.
  return { bounding: [...caps], effective: [...caps], permitted: [...caps], inheritable: [], ambient: [] };
}

/** An absolute path inside the container, with no ".." that could climb out of the rootfs. */
function checkContainerPath(what: string, p: string): string {
  if (!p.startsWith("/")) throw new InvalidArgumentError(`${what} "${p}" must be an absolute path`);
  if (p.split("/").includes(".."))
    throw new InvalidArgumentError(`${what} "${p}" escapes the container root`);
  return posix.normalize(p);
}

function checkNonNegativeInt(what: string, v: number | undefined): void {
  if (v === undefined) return;
  if (!Number.isSafeInteger(v) || v < 0)
    throw new InvalidArgumentError(`${what} must be a non-negative integer, got ${v}`);
}

function namespaces(spec: ContainerSpec): OciNamespace[] {
  const list: NamespaceSpec[] = spec.namespaces ?? DEFAULT_NAMESPACES.map((type) => ({ type }));
  const seen = new Set<string>();
  return list.map((ns) => {
    if (!NAMESPACE_TYPES.has(ns.type)) throw new InvalidArgumentError(`unknown namespace type "${ns.type}"`);
    if (seen.has(ns.type)) throw new InvalidArgumentError(`namespace "${ns.type}" is listed twice`);
    seen.add(ns.type);
    if (ns.path !== undefined && !ns.path.startsWith("/")) {
      throw new InvalidArgumentError(`namespace "${ns.type}" path "${ns.path}" must be absolute`);
    }
    return ns.path !== undefined ? { type: ns.type, path: ns.path } : { type: ns.type };
  });
}

function userMount(m: MountSpec): OciMount {
  const destination = checkContainerPath("mount destination", m.destination);
  const type = m.type ?? (m.source !== undefined ? "bind" : undefined);
  if (type === undefined)
    throw new InvalidArgumentError(`mount "${destination}" has neither type nor source`);
  const options = [...(m.options ?? [])];
  if (type === "bind") {
    if (!m.source?.startsWith("/")) {
      throw new InvalidArgumentError(
        `bind mount "${destination}" needs an absolute source, got "${m.source}"`,
      );
    }
    if (!options.includes("bind") && !options.includes("rbind")) options.unshift("rbind");
    options.push(
      m.propagation ? (m.propagation.startsWith("r") ? m.propagation : `r${m.propagation}`) : "rprivate",
    );
  } else if (m.propagation) {
    options.push(m.propagation);
  }
  if (m.readonly && !options.includes("ro")) options.push("ro");
  const mount: OciMount = { destination, type, source: m.source ?? type, options };
  if (m.idmap) {
    if (type !== "bind")
      throw new InvalidArgumentError(`mount "${destination}": only bind mounts can be id-mapped`);
    mount.uidMappings = m.idmap.uids.map((x) => ({ ...x }));
    mount.gidMappings = m.idmap.gids.map((x) => ({ ...x }));
  }
  return mount;
}

function mounts(spec: ContainerSpec): OciMount[] {
  const user = (spec.mounts ?? []).map(userMount);
  const taken = new Set(user.map((m) => m.destination));
  // A user mount over a default destination replaces the default (containerd does the same), and
  // a user mount over /dev or /sys also drops the defaults beneath it.
  const defaults = defaultMounts(spec.privileged === true).filter(
    (d) => ![...taken].some((t) => d.destination === t || d.destination.startsWith(`${t}/`)),
  );
  // Parents before children: sort by depth, stable within a depth.
  return [...defaults, ...user].sort(
    (a, b) => a.destination.split("/").length - b.destination.split("/").length,
  );
}

/** The cgroup limits of `r` as OCI `linux.resources` (also the body of `<runtime> update`). */
export function ociResources(r: ResourceSpec): OciResources {
  for (const k of ["cpuPeriod", "cpuQuota", "cpuShares", "pidsLimit"] as const) checkNonNegativeInt(k, r[k]);
  if (r.memoryLimit !== undefined && r.memoryLimit !== -1) checkNonNegativeInt("memoryLimit", r.memoryLimit);
  if (r.memorySwap !== undefined && r.memorySwap !== -1) checkNonNegativeInt("memorySwap", r.memorySwap);
  if (r.cpuQuota && r.cpuPeriod !== undefined && r.cpuPeriod < 1000) {
    throw new InvalidArgumentError(`cpuPeriod must be at least 1000 µs, got ${r.cpuPeriod}`);
  }
  if (r.memoryLimit && r.memorySwap && r.memorySwap !== -1 && r.memorySwap < r.memoryLimit) {
    throw new InvalidArgumentError(`memorySwap (${r.memorySwap}) is below memoryLimit (${r.memoryLimit})`);
  }
  const out: OciResources = {};
  const cpu: NonNullable<OciResources["cpu"]> = {};
  if (r.cpuShares) cpu.shares = r.cpuShares;
  if (r.cpuQuota) {
    cpu.quota = r.cpuQuota;
    cpu.period = r.cpuPeriod ?? 100_000;
  } else if (r.cpuPeriod) cpu.period = r.cpuPeriod;
  if (r.cpusetCpus) cpu.cpus = r.cpusetCpus;
  if (r.cpusetMems) cpu.mems = r.cpusetMems;
  if (Object.keys(cpu).length > 0) out.cpu = cpu;
  if (r.memoryLimit) {
    out.memory = { limit: r.memoryLimit };
    if (r.memorySwap) out.memory.swap = r.memorySwap;
  }
  if (r.pidsLimit) out.pids = { limit: r.pidsLimit };
  if (r.hugepageLimits?.length) out.hugepageLimits = r.hugepageLimits.map((h) => ({ ...h }));
  return out;
}

function resources(spec: ContainerSpec): OciResources {
  return {
    devices: spec.privileged
      ? [{ allow: true, access: "rwm" }]
      : [
          ...DEFAULT_DEVICE_RULES.map((d) => ({ ...d })),
          ...(spec.devices ?? []).map((d) => ({
            allow: true,
            type: d.type,
            major: d.major,
            minor: d.minor,
            access: d.permissions ?? "rwm",
          })),
        ],
    ...ociResources(spec.resources ?? {}),
  };
}

function devices(spec: ContainerSpec): OciDevice[] {
  return (spec.devices ?? []).map((d) => {
    const path = checkContainerPath("device path", d.path);
    if (!path.startsWith("/dev/")) throw new InvalidArgumentError(`device path "${path}" is not under /dev`);
    checkNonNegativeInt(`device "${path}" major`, d.major);
    checkNonNegativeInt(`device "${path}" minor`, d.minor);
    return {
      type: d.type,
      path,
      major: d.major,
      minor: d.minor,
      fileMode: d.fileMode ?? 0o666,
      uid: d.uid ?? 0,
      gid: d.gid ?? 0,
    };
  });
}

async function seccomp(spec: ContainerSpec, caps: string[]): Promise<OciSeccomp | undefined> {
  const s = spec.seccomp ?? (spec.privileged ? { type: "Unconfined" } : { type: "RuntimeDefault" });
  switch (s.type) {
    case "Unconfined":
      return undefined;
    case "RuntimeDefault":
      return runtimeDefaultSeccomp(caps);
    case "Localhost":
      if (!s.path.startsWith("/"))
        throw new InvalidArgumentError(`seccomp profile path "${s.path}" must be absolute`);
      return loadSeccompFile(s.path);
    default:
      throw new InvalidArgumentError(`unknown seccomp type "${(s as { type: string }).type}"`);
  }
}

/** The process section; also the base of exec's process.json. */
export function processSection(spec: ContainerSpec, caps: string[]): OciProcess {
  if (spec.args.length === 0 || spec.args[0] === "")
    throw new InvalidArgumentError(`container "${spec.id}" has no command`);
  const user = spec.user ?? { uid: 0, gid: 0 };
  checkNonNegativeInt("user uid", user.uid);
  checkNonNegativeInt("user gid", user.gid);
  for (const g of user.additionalGids ?? []) checkNonNegativeInt("additional gid", g);
  const env = [...(spec.env ?? [])];
  for (const e of env)
    if (!e.includes("=")) throw new InvalidArgumentError(`environment entry "${e}" has no "="`);
  if (!env.some((e) => e.startsWith("PATH="))) env.unshift(DEFAULT_PATH_ENV);
  if (spec.terminal && !env.some((e) => e.startsWith("TERM="))) env.push("TERM=xterm");
  const proc: OciProcess = {
    terminal: spec.terminal === true,
    user: {
      uid: user.uid,
      gid: user.gid,
      ...(user.additionalGids?.length ? { additionalGids: [...user.additionalGids] } : {}),
    },
    args: [...spec.args],
    env,
    cwd: checkContainerPath("working directory", spec.cwd ?? "/"),
    capabilities: capabilitySets(caps),
    rlimits: spec.rlimits?.map((r) => ({ ...r })) ?? [{ type: "RLIMIT_NOFILE", hard: 1024, soft: 1024 }],
    noNewPrivileges: spec.noNewPrivileges ?? false,
  };
  if (spec.resources?.oomScoreAdj !== undefined) {
    const adj = spec.resources.oomScoreAdj;
    if (!Number.isInteger(adj) || adj < -1000 || adj > 1000) {
      throw new InvalidArgumentError(`oomScoreAdj must be an integer in [-1000, 1000], got ${adj}`);
    }
    proc.oomScoreAdj = adj;
  }
  for (const r of proc.rlimits ?? []) {
    if (!/^RLIMIT_[A-Z]+$/.test(r.type)) throw new InvalidArgumentError(`unknown rlimit "${r.type}"`);
    if (r.soft > r.hard)
      throw new InvalidArgumentError(`rlimit ${r.type}: soft ${r.soft} above hard ${r.hard}`);
  }
  return proc;
}

/** Translates a ContainerSpec into an OCI config.json object, filling in containerd's defaults. */
export async function generateOciSpec(spec: ContainerSpec): Promise<OciSpec> {
  if (!ID_RE.test(spec.id)) throw new InvalidArgumentError(`container id "${spec.id}" is not valid`);
  if (!spec.rootfs.startsWith("/"))
    throw new InvalidArgumentError(`rootfs "${spec.rootfs}" must be an absolute path`);
  const caps = resolveCapabilities(spec);
  const ns = namespaces(spec);
  if (spec.hostname !== undefined && !ns.some((n) => n.type === "uts")) {
    throw new InvalidArgumentError(`container "${spec.id}" sets a hostname without a UTS namespace`);
  }
  if (spec.cgroupsPath !== undefined) checkContainerPath("cgroupsPath", spec.cgroupsPath);
  const hasUserns = ns.some((n) => n.type === "user");
  if (spec.userns && !hasUserns)
    throw new InvalidArgumentError(`container "${spec.id}" has user namespace maps but no user namespace`);
  if (hasUserns && !ns.some((n) => n.type === "user" && n.path) && !spec.userns)
    throw new InvalidArgumentError(`container "${spec.id}" creates a user namespace without maps`);
  if (!hasUserns && spec.mounts?.some((m) => m.idmap))
    throw new InvalidArgumentError(`container "${spec.id}" has id-mapped mounts but no user namespace`);
  const privileged = spec.privileged === true;
  const oci: OciSpec = {
    ociVersion: OCI_VERSION,
    process: processSection(spec, caps),
    root: { path: spec.rootfs, readonly: spec.readonlyRootfs === true },
    mounts: mounts(spec),
    linux: {
      namespaces: ns,
      devices: devices(spec),
      resources: resources(spec),
      maskedPaths: privileged ? [] : [...(spec.maskedPaths ?? DEFAULT_MASKED_PATHS)],
      readonlyPaths: privileged ? [] : [...(spec.readonlyPaths ?? DEFAULT_READONLY_PATHS)],
    },
  };
  // A bidirectional mount needs the container's mount namespace to stay a peer of the host's
  // (containerd asks for the same); the runtime keeps the container's own mounts private.
  if (spec.mounts?.some((m) => m.propagation === "shared" || m.propagation === "rshared"))
    oci.linux.rootfsPropagation = "rshared";
  if (spec.hostname !== undefined) oci.hostname = spec.hostname;
  if (spec.userns) {
    oci.linux.uidMappings = spec.userns.uids.map((x) => ({ ...x }));
    oci.linux.gidMappings = spec.userns.gids.map((x) => ({ ...x }));
  }
  if (spec.cgroupsPath !== undefined) oci.linux.cgroupsPath = posix.normalize(spec.cgroupsPath);
  if (spec.sysctls && Object.keys(spec.sysctls).length > 0) oci.linux.sysctl = { ...spec.sysctls };
  if (spec.annotations && Object.keys(spec.annotations).length > 0) oci.annotations = { ...spec.annotations };
  const sc = await seccomp(spec, caps);
  if (sc) oci.linux.seccomp = sc;
  return oci;
}

/** Generates config.json for `spec` and writes it into the bundle `dir` atomically. */
export async function writeBundle(dir: string, spec: ContainerSpec): Promise<OciSpec> {
  const oci = await generateOciSpec(spec);
  // Read only by the runtime while the container exists: a power loss ends that (see writeJsonReplace).
  await writeJsonReplace(join(dir, "config.json"), oci, 0o600);
  return oci;
}
