// Fixtures for the tests of the native helper (dist/bin/berth-runtime): a busybox rootfs, a minimal
// hand-written OCI config, runners for berth-runtime and runc, and leak checks (mounts, cgroups,
// processes) so each test can prove it left nothing behind.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, rmdir, symlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe } from "vitest";
import { mountsUnder } from "../helpers/mounts.js";

export { mountsUnder };

export const isRoot = process.getuid?.() === 0;
export const BERTH = resolve("dist/bin/berth-runtime");
export const RUNC = "/usr/bin/runc";
export const CGROUP_ROOT = "/sys/fs/cgroup";
export const V1_CONTROLLERS = [
  "cpu",
  "cpuacct",
  "cpuset",
  "memory",
  "pids",
  "blkio",
  "devices",
  "freezer",
  "hugetlb",
];

let counter = 0;
/** A container id no other test (or earlier run) uses. */
export function uniqueId(prefix = "nt"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** Build the helper once per test file (make is incremental). */
export function buildNative(): void {
  execFileSync("make", ["native"], { stdio: "ignore" });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(
  bin: string,
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
): RunResult {
  const r = spawnSync(bin, args, {
    encoding: "utf8",
    input: opts.input,
    env: opts.env ?? process.env,
    timeout: 30_000,
    stdio: [opts.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  return { code: r.status ?? 128 + 9, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** A rootfs of /bin/busybox and its applet symlinks, the usual empty dirs, and /etc/passwd. */
export async function busyboxRootfs(dir: string): Promise<string> {
  await mkdir(join(dir, "bin"), { recursive: true });
  await copyFile("/bin/busybox", join(dir, "bin/busybox"));
  const applets = execFileSync("/bin/busybox", ["--list"], { encoding: "utf8" }).split("\n").filter(Boolean);
  for (const a of applets) if (a !== "busybox") await symlink("busybox", join(dir, "bin", a));
  for (const d of ["etc", "tmp", "proc", "dev", "sys", "root"])
    await mkdir(join(dir, d), { recursive: true });
  await writeFile(join(dir, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  return dir;
}

// containerd's default capability set.
export const DEFAULT_CAPS = [
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

export type Json = Record<string, unknown>;

export interface ConfigOptions {
  args: string[];
  hostname?: string;
  cgroupsPath?: string;
  resources?: Json;
  namespaces?: Json[];
  mounts?: Json[];
  rootPath?: string;
  process?: Json;
  linux?: Json;
}

/** A minimal OCI config.json in the shape containerd writes, for the busybox rootfs. */
export function ociConfig(o: ConfigOptions): Json {
  return {
    ociVersion: "1.0.2",
    process: {
      terminal: false,
      user: { uid: 0, gid: 0 },
      args: o.args,
      env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root"],
      cwd: "/",
      capabilities: {
        bounding: DEFAULT_CAPS,
        effective: DEFAULT_CAPS,
        permitted: DEFAULT_CAPS,
      },
      noNewPrivileges: true,
      ...o.process,
    },
    root: { path: o.rootPath ?? "rootfs" },
    hostname: o.hostname ?? "nt-box",
    mounts: o.mounts ?? [
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
        options: ["nosuid", "noexec", "nodev", "mode=1777"],
      },
      {
        destination: "/dev/mqueue",
        type: "mqueue",
        source: "mqueue",
        options: ["nosuid", "noexec", "nodev"],
      },
      { destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"] },
    ],
    linux: {
      cgroupsPath: o.cgroupsPath,
      resources: o.resources ?? {},
      namespaces: o.namespaces ?? [
        { type: "pid" },
        { type: "network" },
        { type: "ipc" },
        { type: "uts" },
        { type: "mount" },
      ],
      maskedPaths: ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/sys/firmware", "/proc/scsi"],
      readonlyPaths: ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
      ...o.linux,
    },
  };
}

/** A bundle dir: `rootfs` symlinked to a shared busybox tree would break pivot_root, so copy it. */
export async function writeBundle(dir: string, rootfsTemplate: string, config: Json): Promise<string> {
  await mkdir(dir, { recursive: true });
  if (!existsSync(join(dir, "rootfs"))) execFileSync("cp", ["-a", rootfsTemplate, join(dir, "rootfs")]);
  await writeFile(join(dir, "config.json"), JSON.stringify(config, null, 2));
  return dir;
}

/** Every v1 hierarchy dir (and the hybrid v2 tree) of an absolute cgroup path that still exists. */
export function cgroupDirs(cgroupPath: string): string[] {
  return [...V1_CONTROLLERS, "unified", "systemd"]
    .map((c) => join(CGROUP_ROOT, c, cgroupPath))
    .filter((d) => existsSync(d));
}

/** Remove a cgroup subtree in every hierarchy, children first (tests' parents). */
export async function removeCgroupTree(cgroupPath: string): Promise<void> {
  for (const base of [...V1_CONTROLLERS, "unified", "systemd"]) {
    const dir = join(CGROUP_ROOT, base, cgroupPath);
    await removeDirTree(dir);
  }
}

async function removeDirTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  for (const e of await readdir(dir, { withFileTypes: true }))
    if (e.isDirectory()) await removeDirTree(join(dir, e.name));
  await rmdir(dir).catch(() => undefined);
}

/** Pids whose command line contains `marker` (to prove a failed create left no process). */
export async function pidsWithMarker(marker: string): Promise<number[]> {
  const out: number[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const cmd = await readFile(`/proc/${name}/cmdline`, "utf8").catch(() => "");
    if (cmd.includes(marker)) out.push(Number(name));
  }
  return out;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll until fn returns a value (not undefined) or the deadline passes. */
export async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await sleep(25);
  }
}

export async function readExitFile(path: string): Promise<Json | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as Json;
  } catch {
    return undefined;
  }
}

/** Per-test-file sandbox: temp dir, a busybox template, a state root, a cgroup parent, and the
 * list of containers to force-delete afterwards. */
export class Sandbox {
  tmp = "";
  template = "";
  readonly cgroupParent = `/berth-nt-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly ids: { runtime: string; root: string; id: string }[] = [];

  async setup(mkdtempFn: (prefix: string) => Promise<string>): Promise<void> {
    buildNative();
    this.tmp = await mkdtempFn("/tmp/berth-native-");
    this.template = await busyboxRootfs(join(this.tmp, "template"));
  }

  get root(): string {
    return join(this.tmp, "state");
  }

  /** Run berth-runtime with --root set to the sandbox's state dir. */
  berth(args: string[], input?: string): RunResult {
    return run(BERTH, ["--root", this.root, ...args], { input });
  }

  runc(args: string[]): RunResult {
    return run(RUNC, ["--root", join(this.tmp, "runc"), ...args]);
  }

  track(id: string, runtime = BERTH): void {
    this.ids.push({ runtime, root: runtime === RUNC ? join(this.tmp, "runc") : this.root, id });
  }

  async bundle(id: string, o: ConfigOptions): Promise<string> {
    return writeBundle(join(this.tmp, "bundles", id), this.template, ociConfig(o));
  }

  /** create with the container's stdio going to files (a pipe would keep spawnSync waiting for as
   * long as the container lives); returns the stdout file. stderr holds the runtime's messages. */
  createWithOutput(
    id: string,
    bundle: string,
    runtime = BERTH,
    env: NodeJS.ProcessEnv = process.env,
  ): { res: RunResult; out: string } {
    const out = join(this.tmp, `${id}.out`);
    const errPath = join(this.tmp, `${id}.err`);
    const fd = openSync(out, "w");
    const efd = openSync(errPath, "w");
    try {
      const root = runtime === RUNC ? join(this.tmp, "runc") : this.root;
      const r = spawnSync(runtime, ["--root", root, "create", "--bundle", bundle, id], {
        stdio: ["ignore", fd, efd],
        env,
        timeout: 30_000,
      });
      this.track(id, runtime);
      return { res: { code: r.status ?? 137, stdout: "", stderr: readFileSync(errPath, "utf8") }, out };
    } finally {
      closeSync(fd);
      closeSync(efd);
    }
  }

  status(id: string, runtime = BERTH): string | undefined {
    const r = runtime === RUNC ? this.runc(["state", id]) : this.berth(["state", id]);
    if (r.code !== 0) return undefined;
    return (JSON.parse(r.stdout) as { status: string }).status;
  }

  async waitStopped(id: string, runtime = BERTH): Promise<void> {
    await waitFor(() => (this.status(id, runtime) === "stopped" ? true : undefined));
  }

  /** Force-delete every container the test made (afterEach). */
  deleteContainers(): void {
    for (const c of this.ids.splice(0)) run(c.runtime, ["--root", c.root, "delete", "--force", c.id]);
  }

  async cleanup(
    rmFn: (p: string, o: { recursive: boolean; force: boolean }) => Promise<void>,
  ): Promise<void> {
    this.deleteContainers();
    await removeCgroupTree(this.cgroupParent);
    if (this.tmp && (await mountsUnder(this.tmp)).length === 0)
      await rmFn(this.tmp, { recursive: true, force: true });
  }
}

export interface MonitorPaths {
  exitFile: string;
  logPath: string;
  control: string;
  pidFile: string;
}

/** Arguments of `berth-runtime monitor` for a container of the sandbox. */
export function monitorArgs(sb: Sandbox, id: string, bundle: string, runtime = BERTH, extra: string[] = []) {
  const dir = join(sb.tmp, "mon", id);
  const paths: MonitorPaths = {
    exitFile: join(dir, "exit.json"),
    logPath: join(dir, "ctr.log"),
    control: join(dir, "ctl.sock"),
    pidFile: join(dir, "ctr.pid"),
  };
  const runtimeRoot = runtime === RUNC ? join(sb.tmp, "runc") : sb.root;
  const args = [
    "monitor",
    "--id",
    id,
    "--bundle",
    bundle,
    "--runtime",
    runtime,
    "--runtime-root",
    runtimeRoot,
    "--exit-file",
    paths.exitFile,
    "--log-path",
    paths.logPath,
    "--control",
    paths.control,
    "--pid-file",
    paths.pidFile,
    ...extra,
  ];
  return { dir, paths, args };
}

/** Start a container under a monitor (the foreground returns once created). */
export async function startMonitor(
  sb: Sandbox,
  id: string,
  bundle: string,
  runtime = BERTH,
  extra: string[] = [],
) {
  const m = monitorArgs(sb, id, bundle, runtime, extra);
  await mkdir(m.dir, { recursive: true });
  const res = run(BERTH, m.args);
  sb.track(id, runtime);
  return { ...m, res };
}

/** CRI log records of a file: time, stream, tag, text. */
export async function readCriLog(path: string) {
  const text = await readFile(path, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const m = /^(\S+) (stdout|stderr) ([PF]) (.*)$/s.exec(l);
      if (!m) throw new Error(`not a CRI log line: ${l.slice(0, 80)}`);
      return { time: m[1] ?? "", stream: m[2] ?? "", tag: m[3] ?? "", text: m[4] ?? "" };
    });
}

/** The hooks every native suite shares: one Sandbox per file, containers deleted after each test; skipped without root. */
export function nativeSuite(what: string): { suite: typeof describe.skip; sb: Sandbox } {
  if (!isRoot) console.warn(`${what} skipped: they need root`);
  const sb = new Sandbox();
  beforeAll(async () => {
    if (isRoot) await sb.setup(mkdtemp);
  });
  afterEach(() => sb.deleteContainers());
  afterAll(async () => {
    if (isRoot) await sb.cleanup(rm);
  });
  return { suite: isRoot ? describe : describe.skip, sb };
}
