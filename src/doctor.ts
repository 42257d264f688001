// `berth doctor`: checks that a node can run berthd and says how to fix what is missing.
// Every check reads files under injectable roots (proc, sys, CNI folders, PATH), so the unit tests
// run them over fake trees and the integration test over this machine's real ones.
import { constants } from "node:fs";
import { access, readdir, readFile, stat } from "node:fs/promises";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { type Config, DEFAULT_CONFIG_PATH, loadConfig } from "./config.js";
import { errnoCode, errorMessage } from "./errors.js";
import { probeUserns } from "./runtime/userns-probe.js";
import { HELPER_BINARY } from "./version.js";

/** "fail" only for what berthd cannot run without; the exit code is 1 when any check fails. */
export type CheckStatus = "ok" | "warn" | "fail";

export interface CheckResult {
  /** Short name, e.g. "overlayfs". */
  name: string;
  status: CheckStatus;
  /** What was found. */
  detail: string;
  /** How to fix it, when not ok. */
  fix?: string;
}

export interface DoctorEnv {
  /** procfs root, normally /proc. */
  proc: string;
  /** sysfs root, normally /sys; cgroup mount points under /sys are read below it. */
  sys: string;
  /** Directories searched for executables (runc, iptables), normally $PATH. */
  pathDirs: string[];
  socket: string;
  helperBinary: string;
  /** The OCI runtime to use; empty means the helper. */
  runtimeBinary: string;
  cniConfDir: string;
  cniBinDirs: string[];
  /** berthd's persistent root (config `root`): writable layers live below it. */
  stateRoot: string;
}

const ok = (name: string, detail: string): CheckResult => ({ name, status: "ok", detail });
const warn = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: "warn",
  detail,
  fix,
});
const fail = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: "fail",
  detail,
  fix,
});

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if (errnoCode(err) === "ENOENT" || errnoCode(err) === "ENOTDIR") return undefined;
    throw err;
  }
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findExecutable(name: string, dirs: string[]): Promise<string | undefined> {
  if (name.includes("/")) return (await isExecutable(name)) ? name : undefined;
  for (const d of dirs) if (await isExecutable(join(d, name))) return join(d, name);
  return undefined;
}

export async function checkKernel(env: DoctorEnv): Promise<CheckResult> {
  const release = (await readText(join(env.proc, "sys/kernel/osrelease")))?.trim();
  if (!release) return warn("kernel", "cannot read the kernel release", "run doctor on the node itself");
  const [major = 0, minor = 0] = release.split(/[.-]/).map((n) => Number.parseInt(n, 10));
  const version = major * 1000 + minor;
  // 4.18: overlayfs with redirect_dir/index fixes and cgroup2 cpu controller; 5.4: the LTS the
  // compatibility table names (cgroup2 pids/memory.high, clone3, pidfd).
  if (version < 4018)
    return fail("kernel", `Linux ${release}`, "upgrade the kernel to 5.4 or newer (4.18 at the very least)");
  if (version < 5004) return warn("kernel", `Linux ${release}`, "kernels older than 5.4 are not tested");
  return ok("kernel", `Linux ${release}`);
}

export async function checkOverlayfs(env: DoctorEnv): Promise<CheckResult> {
  const fs = await readText(join(env.proc, "filesystems"));
  if (fs === undefined) return fail("overlayfs", "cannot read /proc/filesystems", "mount procfs at /proc");
  if (fs.split("\n").some((l) => l.trim().split(/\s+/).pop() === "overlay"))
    return ok("overlayfs", "overlay is in /proc/filesystems");
  return fail(
    "overlayfs",
    "the kernel does not offer overlay (container root filesystems are overlay mounts)",
    "modprobe overlay && echo overlay > /etc/modules-load.d/berth.conf",
  );
}

const REQUIRED_NAMESPACES = ["mnt", "uts", "ipc", "pid", "net"];
const OPTIONAL_NAMESPACES = ["cgroup", "user"];

export async function checkNamespaces(env: DoctorEnv): Promise<CheckResult> {
  let present: string[];
  try {
    present = await readdir(join(env.proc, "self/ns"));
  } catch {
    return fail("namespaces", "cannot list /proc/self/ns", "the kernel needs CONFIG_NAMESPACES");
  }
  const missing = REQUIRED_NAMESPACES.filter((n) => !present.includes(n));
  if (missing.length)
    return fail(
      "namespaces",
      `missing: ${missing.join(", ")}`,
      `rebuild the kernel with ${missing.map((n) => `CONFIG_${n === "mnt" ? "NAMESPACES" : `${n.toUpperCase()}_NS`}`).join(", ")}`,
    );
  const optional = OPTIONAL_NAMESPACES.filter((n) => !present.includes(n));
  if (optional.length)
    return warn(
      "namespaces",
      `${REQUIRED_NAMESPACES.join(", ")} present; missing optional ${optional.join(", ")}`,
      "cgroup namespaces hide the host's cgroup paths from containers; use a 4.6+ kernel",
    );
  return ok("namespaces", [...REQUIRED_NAMESPACES, ...OPTIONAL_NAMESPACES].join(", "));
}

export async function checkSeccomp(env: DoctorEnv): Promise<CheckResult> {
  const status = await readText(join(env.proc, "self/status"));
  if (status && /^Seccomp:\s*\d/m.test(status)) return ok("seccomp", "seccomp filters are available");
  return fail(
    "seccomp",
    "the kernel has no seccomp (RuntimeDefault profiles cannot be applied)",
    "use a kernel built with CONFIG_SECCOMP and CONFIG_SECCOMP_FILTER",
  );
}

export type CgroupMode = "v1" | "v2" | "hybrid" | "none";

export interface CgroupLayout {
  mode: CgroupMode;
  /** Controllers usable by berth: v1 hierarchies (v1/hybrid) or cgroup.controllers of the v2 root. */
  controllers: string[];
  /** Where the v2 tree is mounted, if any (as seen on the host). */
  unified?: string;
}

/** Reads the cgroup layout from the mount table, /proc/cgroups and the v2 root's controllers. */
export async function cgroupLayout(env: DoctorEnv): Promise<CgroupLayout> {
  const mounts = (await readText(join(env.proc, "self/mounts"))) ?? "";
  let unified: string | undefined;
  const v1: string[] = [];
  for (const line of mounts.split("\n")) {
    const [, mountPoint, type, options] = line.split(" ");
    if (!mountPoint || !options) continue;
    if (type === "cgroup2") unified ??= mountPoint;
    if (type === "cgroup") {
      for (const o of options.split(","))
        if (
          ["cpu", "cpuacct", "cpuset", "memory", "pids", "devices", "freezer", "blkio", "hugetlb"].includes(o)
        )
          v1.push(o);
    }
  }
  if (v1.length) {
    return { mode: unified ? "hybrid" : "v1", controllers: [...new Set(v1)].sort(), unified };
  }
  if (unified) {
    // Mount points are host paths; read them below the (possibly fake) sys root.
    const root = unified.startsWith("/sys/") ? join(env.sys, unified.slice("/sys/".length)) : unified;
    const ctl = (await readText(join(root, "cgroup.controllers"))) ?? "";
    return { mode: "v2", controllers: ctl.trim().split(/\s+/).filter(Boolean).sort(), unified };
  }
  return { mode: "none", controllers: [] };
}

const REQUIRED_CONTROLLERS = ["cpu", "memory", "pids"];

export async function checkCgroups(env: DoctorEnv): Promise<CheckResult> {
  const layout = await cgroupLayout(env);
  if (layout.mode === "none")
    return fail(
      "cgroups",
      "no cgroup filesystem is mounted",
      "mount cgroup2 at /sys/fs/cgroup (mount -t cgroup2 none /sys/fs/cgroup) or boot with systemd",
    );
  const missing = REQUIRED_CONTROLLERS.filter((c) => !layout.controllers.includes(c));
  const desc = `cgroup ${layout.mode}${layout.unified ? ` (unified at ${layout.unified})` : ""}; controllers: ${layout.controllers.join(" ") || "none"}`;
  if (missing.length) {
    const fix =
      layout.mode === "v2"
        ? `enable ${missing.join(", ")} in the root's cgroup.subtree_control, or boot with cgroup_enable=${missing.join(",")}`
        : `mount the v1 hierarchies for ${missing.join(", ")} under /sys/fs/cgroup (e.g. cgroupfs-mount)`;
    return fail("cgroups", `${desc}; missing ${missing.join(", ")}`, fix);
  }
  return ok("cgroups", desc);
}

interface CniConfigFile {
  name: string;
  types: string[];
}

async function firstCniConfig(dir: string): Promise<CniConfigFile | undefined | "unreadable"> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => /\.(conflist|conf|json)$/.test(f)).sort();
  } catch {
    return undefined;
  }
  const first = names[0];
  if (!first) return undefined;
  try {
    type Plugin = { type?: string; ipam?: { type?: string } };
    const doc = JSON.parse(await readFile(join(dir, first), "utf8")) as Plugin & { plugins?: Plugin[] };
    // IPAM plugins (host-local, dhcp) are binaries in the same folders as the main plugins.
    const types = (doc.plugins ?? [doc]).flatMap((p) => [p.type ?? "", p.ipam?.type ?? ""]);
    return { name: first, types: [...new Set(types.filter(Boolean))] };
  } catch {
    return "unreadable";
  }
}

/** The plugins berth's embedded default network calls when no configuration is installed. */
export const DEFAULT_NETWORK_PLUGINS = ["loopback", "bridge", "host-local", "portmap", "bandwidth"];

export async function checkCni(env: DoctorEnv): Promise<CheckResult[]> {
  const conf = await firstCniConfig(env.cniConfDir);
  const results: CheckResult[] = [];
  let needed: string[];
  if (conf === "unreadable") {
    results.push(
      fail("cni config", `the first file in ${env.cniConfDir} is not valid JSON`, "fix or remove that file"),
    );
    needed = ["loopback"];
  } else if (conf === undefined) {
    results.push(
      warn(
        "cni config",
        `no network configuration in ${env.cniConfDir}; berth uses its embedded default bridge network`,
        "install your cluster's CNI (it writes a .conflist there), or hack/install-node.sh writes a bridge default",
      ),
    );
    needed = DEFAULT_NETWORK_PLUGINS;
  } else {
    results.push(ok("cni config", `${join(env.cniConfDir, conf.name)} (plugins: ${conf.types.join(", ")})`));
    needed = [...new Set([...conf.types, "loopback"])];
  }
  const missing: string[] = [];
  for (const p of needed) if (!(await findExecutable(p, env.cniBinDirs))) missing.push(p);
  if (missing.length)
    results.push(
      fail(
        "cni plugins",
        `missing in ${env.cniBinDirs.join(", ")}: ${missing.join(", ")}`,
        "apt-get install containernetworking-plugins, or unpack the CNI plugins release into /opt/cni/bin",
      ),
    );
  else results.push(ok("cni plugins", `${needed.join(", ")} found`));
  return results;
}

function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    const done = (alive: boolean) => {
      s.destroy();
      resolve(alive);
    };
    s.setTimeout(1000, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

export async function checkSocket(env: DoctorEnv): Promise<CheckResult> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(env.socket);
  } catch {
    return warn(
      "socket",
      `${env.socket} does not exist: berthd is not running`,
      "systemctl start berthd (installed by hack/install-node.sh), or berth daemon",
    );
  }
  if (!st.isSocket())
    return fail(
      "socket",
      `${env.socket} exists and is not a socket`,
      `remove ${env.socket}, then start berthd`,
    );
  const mode = st.mode & 0o777;
  if (mode & 0o007)
    return fail(
      "socket",
      `${env.socket} is accessible to every user (mode ${mode.toString(8)}): anyone could run containers as root`,
      `chmod 660 ${env.socket}; berthd sets 0660 itself, so check what changed it`,
    );
  if (!(await socketAnswers(env.socket)))
    return fail(
      "socket",
      `${env.socket} exists but nobody answers (a stale socket)`,
      "systemctl restart berthd; journalctl -u berthd shows why it stopped",
    );
  return ok("socket", `${env.socket} (mode ${mode.toString(8)}, uid ${st.uid}) answers`);
}

export async function checkRuntimeBinaries(env: DoctorEnv): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  if (await isExecutable(env.helperBinary)) results.push(ok("native helper", env.helperBinary));
  else
    results.push(
      fail(
        "native helper",
        `${env.helperBinary} is missing or not executable (it runs every container's monitor)`,
        "make build (needs gcc, libseccomp-dev, libjson-c-dev; hack/deps.sh installs them)",
      ),
    );
  if (env.runtimeBinary) {
    const found = await findExecutable(env.runtimeBinary, env.pathDirs);
    results.push(
      found
        ? ok("oci runtime", `${found} (runtime.binary)`)
        : fail(
            "oci runtime",
            `runtime.binary "${env.runtimeBinary}" not found`,
            "install it (apt-get install runc) or clear runtime.binary to use berth's helper",
          ),
    );
  } else {
    const runc = await findExecutable("runc", env.pathDirs);
    results.push(
      runc
        ? ok("runc", `${runc} (optional reference runtime)`)
        : warn("runc", "runc not found (optional: runtime.binary=runc)", "apt-get install runc"),
    );
  }
  return results;
}

export async function checkIptables(env: DoctorEnv): Promise<CheckResult> {
  const found = await findExecutable("iptables", env.pathDirs);
  if (found) return ok("iptables", found);
  return fail(
    "iptables",
    "iptables not found (the CNI bridge and portmap plugins program NAT rules with it)",
    "apt-get install iptables",
  );
}

export async function checkSysctls(env: DoctorEnv): Promise<CheckResult[]> {
  const read = async (p: string) => (await readText(join(env.proc, "sys", p)))?.trim();
  const results: CheckResult[] = [];
  const forward = await read("net/ipv4/ip_forward");
  results.push(
    forward === "1"
      ? ok("ip_forward", "net.ipv4.ip_forward = 1")
      : warn(
          "ip_forward",
          `net.ipv4.ip_forward = ${forward ?? "unknown"}: pods cannot reach other nodes`,
          "sysctl -w net.ipv4.ip_forward=1 (and persist it in /etc/sysctl.d/99-berth.conf)",
        ),
  );
  const brnf = await read("net/bridge/bridge-nf-call-iptables");
  results.push(
    brnf === "1"
      ? ok("br_netfilter", "net.bridge.bridge-nf-call-iptables = 1")
      : warn(
          "br_netfilter",
          brnf === undefined
            ? "br_netfilter is not loaded: Service traffic between pods on one bridge bypasses kube-proxy"
            : "net.bridge.bridge-nf-call-iptables = 0",
          "modprobe br_netfilter && sysctl -w net.bridge.bridge-nf-call-iptables=1",
        ),
  );
  return results;
}

// Capability bits (linux/capability.h).
const CAPS: Record<string, number> = { CAP_NET_ADMIN: 12, CAP_SYS_ADMIN: 21, CAP_SYS_RESOURCE: 24 };

/** berthd runs as root with the capabilities to make namespaces, mounts and network devices. */
export async function checkPrivileges(env: DoctorEnv): Promise<CheckResult> {
  const status = (await readText(join(env.proc, "self/status"))) ?? "";
  const uid = /^Uid:\s*(\d+)\s+(\d+)/m.exec(status)?.[2];
  const capHex = /^CapEff:\s*([0-9a-f]+)/m.exec(status)?.[1];
  if (uid === undefined || capHex === undefined)
    return warn("privileges", "cannot read uid and capabilities", "run doctor on the node itself");
  if (uid !== "0")
    return warn(
      "privileges",
      `doctor runs as uid ${uid}; berthd must run as root (some checks may be incomplete)`,
      "sudo berth doctor",
    );
  const caps = BigInt(`0x${capHex}`);
  const has = (c: string) => (caps >> BigInt(CAPS[c] as number)) & 1n;
  const missing = ["CAP_SYS_ADMIN", "CAP_NET_ADMIN"].filter((c) => !has(c));
  if (missing.length)
    return fail(
      "privileges",
      `root without ${missing.join(", ")}: berthd cannot create namespaces, mounts or pod networks`,
      "run berthd as root with all capabilities (a privileged container, or the berthd.service unit)",
    );
  if (!has("CAP_SYS_RESOURCE"))
    return warn(
      "privileges",
      "root without CAP_SYS_RESOURCE: negative oom_score_adj and raised hard rlimits are clamped (and logged)",
      "run berthd outside a restricted container for kubelet's OOM protection of critical pods",
    );
  return ok("privileges", "root with CAP_SYS_ADMIN, CAP_NET_ADMIN, CAP_SYS_RESOURCE");
}

/** The filesystem that holds `path`: the longest mount point that is a prefix of it. */
export async function filesystemOf(
  env: DoctorEnv,
  path: string,
): Promise<{ type: string; mountPoint: string }> {
  const mounts = (await readText(join(env.proc, "self/mounts"))) ?? "";
  let best = { type: "unknown", mountPoint: "" };
  for (const line of mounts.split("\n")) {
    const [, rawPoint, type] = line.split(" ");
    if (!rawPoint || !type) continue;
    // /proc/self/mounts escapes spaces and the like as octal (\040).
    const point = rawPoint.replace(/\\([0-7]{3})/g, (_m, o: string) =>
      String.fromCharCode(Number.parseInt(o, 8)),
    );
    const within = point === "/" || path === point || path.startsWith(`${point}/`);
    if (within && point.length >= best.mountPoint.length) best = { type, mountPoint: point };
  }
  return best;
}

export async function checkStateFilesystem(env: DoctorEnv): Promise<CheckResult> {
  const fs = await filesystemOf(env, env.stateRoot);
  const where = `${env.stateRoot} is on ${fs.type} (mounted at ${fs.mountPoint || "?"})`;
  // The kernel refuses an overlay upperdir on overlayfs, and every container's writable layer is one.
  if (fs.type === "overlay" || fs.type === "aufs")
    return fail(
      "state filesystem",
      `${where}: container writable layers cannot be overlay upper directories there`,
      `mount a real filesystem (ext4, xfs) or a volume at ${env.stateRoot}, or set root: in the config`,
    );
  return ok("state filesystem", where);
}

/**
 * Pods with their own user namespace (hostUsers: false): the helper's probe of user namespaces and
 * id-mapped bind, tmpfs and overlay-layer mounts, on the filesystem of the state root (its nearest
 * existing folder, so that the doctor creates nothing). Optional: a warning when missing, and
 * berthd then leaves user_namespaces out of Status.
 */
export async function checkUserNamespaces(env: DoctorEnv): Promise<CheckResult> {
  const name = "user namespaces";
  if (!(await isExecutable(env.helperBinary)))
    return warn(
      name,
      "not probed: the native helper is missing",
      "install berth's native helper (make build)",
    );
  let dir = env.stateRoot;
  while (dir !== dirname(dir) && !(await stat(dir).catch(() => undefined))?.isDirectory()) dir = dirname(dir);
  const r = await probeUserns(env.helperBinary, dir);
  if (r.ok)
    return ok(
      name,
      `pods may use hostUsers: false (id-mapped bind, tmpfs and overlay layers work on ${dir})`,
    );
  return warn(
    name,
    `pods cannot use hostUsers: false: ${r.detail}`,
    "needs Linux 6.8+ with user namespaces (user.max_user_namespaces > 0) and id-mapped mounts on the filesystem of root: (ext4, xfs, btrfs)",
  );
}

/** Runs every check in a fixed order. */
export async function runChecks(env: DoctorEnv): Promise<CheckResult[]> {
  return [
    await checkKernel(env),
    await checkOverlayfs(env),
    await checkNamespaces(env),
    await checkSeccomp(env),
    await checkCgroups(env),
    ...(await checkCni(env)),
    await checkIptables(env),
    ...(await checkSysctls(env)),
    ...(await checkRuntimeBinaries(env)),
    await checkPrivileges(env),
    await checkStateFilesystem(env),
    await checkUserNamespaces(env),
    await checkSocket(env),
  ];
}

const MARK: Record<CheckStatus, string> = { ok: "ok  ", warn: "WARN", fail: "FAIL" };

/** The report for people: one line per check, a fix under each that is not ok, and a summary. */
export function formatReport(results: CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length));
  const lines = results.flatMap((r) => {
    const line = `[${MARK[r.status]}] ${r.name.padEnd(width)}  ${r.detail}`;
    return r.fix && r.status !== "ok" ? [line, `       ${" ".repeat(width)}  fix: ${r.fix}`] : [line];
  });
  const failed = results.filter((r) => r.status === "fail").length;
  const warned = results.filter((r) => r.status === "warn").length;
  lines.push(
    failed
      ? `\n${failed} required check(s) failed, ${warned} warning(s): berthd will not work on this node until they are fixed.`
      : `\nall required checks passed${warned ? ` (${warned} warning(s))` : ""}.`,
  );
  return `${lines.join("\n")}\n`;
}

export function envFromConfig(cfg: Config, proc = "/proc", sys = "/sys"): DoctorEnv {
  return {
    proc,
    sys,
    pathDirs: (process.env.PATH ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
      .split(":")
      .filter(Boolean),
    socket: cfg.socket,
    helperBinary: HELPER_BINARY,
    runtimeBinary: cfg.runtime.binary,
    cniConfDir: cfg.cni.confDir,
    cniBinDirs: cfg.cni.binDirs,
    stateRoot: cfg.root,
  };
}

const USAGE = `usage: berth doctor [--config <file>] [--socket <path>] [--json] [--proc-root <dir>] [--sys-root <dir>]

Checks this node for what berthd needs (kernel features, cgroups, CNI, binaries, the socket) and
prints how to fix what is missing. Exit code 1 when a required check fails.
`;

/** `berth doctor`: returns the process exit code (0 ok or warnings only, 1 failures, 2 usage). */
export async function runDoctor(argv: string[]): Promise<number> {
  let values: {
    config?: string;
    socket?: string;
    json?: boolean;
    help?: boolean;
    "proc-root"?: string;
    "sys-root"?: string;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: "string" },
        socket: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        "proc-root": { type: "string" },
        "sys-root": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`berth doctor: ${errorMessage(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const cfg = await loadConfig({
    path: values.config ?? DEFAULT_CONFIG_PATH,
    explicit: values.config !== undefined,
    overrides: values.socket ? { socket: values.socket } : {},
  });
  const results = await runChecks(envFromConfig(cfg, values["proc-root"], values["sys-root"]));
  process.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : formatReport(results));
  return results.some((r) => r.status === "fail") ? 1 : 0;
}
