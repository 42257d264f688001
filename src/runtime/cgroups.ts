// One view of a host's cgroups, whatever their layout: v1 (one hierarchy per controller), v2 (one
// unified tree) or hybrid (v1 controllers plus a controller-less v2 tree at <root>/unified, as on
// this project's build machines). Writing a container's limits is the OCI runtime's job (on create
// and `update`); this module creates pod parents, reads stats and removes cgroups safely.
import { statfsSync } from "node:fs";
import { mkdir, readdir, readFile, realpath, rmdir, stat, writeFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { errnoCode, InternalError, InvalidArgumentError } from "../errors.js";
import type { Logger } from "../log.js";

export type CgroupMode = "v1" | "v2" | "hybrid";

export interface CgroupStats {
  /** Total CPU time of the cgroup's tasks, nanoseconds. */
  cpuUsageNs: number;
  memoryUsageBytes: number;
  /** usage − inactive_file, as kubelet computes it. */
  workingSetBytes: number;
  rssBytes: number;
  pidsCurrent: number;
  /** Processes the kernel OOM killer killed in this cgroup. */
  oomKills: number;
}

const CGROUP2_SUPER_MAGIC = 0x63677270;
const V2_PARENT_CONTROLLERS = ["cpuset", "cpu", "io", "memory", "hugetlb", "pids"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Detects the layout of the cgroup mounts under `root` (default /sys/fs/cgroup). */
export function detectCgroupMode(root = "/sys/fs/cgroup"): CgroupMode {
  if (statfsSync(root).type === CGROUP2_SUPER_MAGIC) return "v2";
  try {
    if (statfsSync(join(root, "unified")).type === CGROUP2_SUPER_MAGIC) return "hybrid";
  } catch (err) {
    if (errnoCode(err) !== "ENOENT") throw err;
  }
  return "v1";
}

/** "key value" lines (memory.stat, cpu.stat, memory.events, memory.oom_control) → a map. */
export function parseFlatKeyed(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined && /^\d+$/.test(v)) out.set(k, Number(v));
  }
  return out;
}

export class Cgroups {
  readonly root: string;
  readonly mode: CgroupMode;
  private readonly log: Logger | undefined;
  private v1Hierarchies: Promise<Map<string, string>> | undefined;
  private v1Distinct: Promise<string[]> | undefined;

  constructor(opts: { root?: string; mode?: CgroupMode; log?: Logger } = {}) {
    this.root = opts.root ?? "/sys/fs/cgroup";
    this.mode = opts.mode ?? detectCgroupMode(this.root);
    this.log = opts.log;
  }

  /** The cgroup path checked: absolute, no "..", not the root itself. */
  private rel(cgroupsPath: string): string {
    if (!cgroupsPath.startsWith("/") || cgroupsPath.split("/").includes("..")) {
      throw new InvalidArgumentError(`cgroup path "${cgroupsPath}" must be absolute without ".."`);
    }
    const p = posix.normalize(cgroupsPath).replace(/\/+$/, "");
    if (p === "") throw new InvalidArgumentError("cgroup path must not be the root cgroup");
    return p;
  }

  /** v1: controller name → hierarchy mount directory (co-mounted controllers share one). */
  private hierarchies(): Promise<Map<string, string>> {
    this.v1Hierarchies ??= (async () => {
      const map = new Map<string, string>();
      for (const e of await readdir(this.root, { withFileTypes: true })) {
        if (e.name === "unified" || !(e.isDirectory() || e.isSymbolicLink())) continue;
        const dir = join(this.root, e.name);
        for (const ctrl of e.name.split(",")) map.set(ctrl, dir);
      }
      return map;
    })();
    return this.v1Hierarchies;
  }

  /** One mount directory per distinct v1 hierarchy ("cpu" and "cpuacct" may link to one). */
  private distinctHierarchies(): Promise<string[]> {
    this.v1Distinct ??= (async () => {
      const dirs = [...(await this.hierarchies()).values()];
      const real = await Promise.all(dirs.map((d) => realpath(d)));
      return [...new Map(dirs.map((d, i) => [real[i] ?? d, d])).values()];
    })();
    return this.v1Distinct;
  }

  /** Every directory that makes up `cgroupsPath`, one per distinct hierarchy. */
  async dirs(cgroupsPath: string): Promise<string[]> {
    const rel = this.rel(cgroupsPath);
    if (this.mode === "v2") return [join(this.root, rel)];
    const out = (await this.distinctHierarchies()).map((dir) => join(dir, rel));
    if (this.mode === "hybrid") out.push(join(this.root, "unified", rel));
    return out;
  }

  /** The directories of `cgroupsPath` that are there, looked at all at once. */
  private async presentDirs(cgroupsPath: string): Promise<string[]> {
    const dirs = await this.dirs(cgroupsPath);
    const there = await Promise.all(dirs.map(isDir));
    return dirs.filter((_, i) => there[i]);
  }

  /** The directory of one controller (v1) or of the unified tree (v2). */
  async controllerDir(cgroupsPath: string, controller: string): Promise<string> {
    const rel = this.rel(cgroupsPath);
    if (this.mode === "v2") return join(this.root, rel);
    const h = (await this.hierarchies()).get(controller);
    if (!h) throw new InternalError(`cgroup controller "${controller}" is not mounted under ${this.root}`);
    return join(h, rel);
  }

  async exists(cgroupsPath: string): Promise<boolean> {
    return (await this.presentDirs(cgroupsPath)).length > 0;
  }

  /**
   * Creates a parent cgroup (a pod's) in every hierarchy. v1 cpuset children cannot take tasks
   * until cpus/mems are set, so each new level inherits its parent's; v2 parents delegate the
   * controllers to their children through cgroup.subtree_control.
   */
  async createParent(cgroupsPath: string): Promise<void> {
    const rel = this.rel(cgroupsPath);
    const parts = rel.split("/").filter((s) => s !== "");
    if (this.mode === "v2") {
      let cur = this.root;
      for (const part of parts) {
        await this.delegate(cur);
        cur = join(cur, part);
        await mkdir(cur, { recursive: true });
      }
      await this.delegate(cur);
      return;
    }
    for (const dir of await this.dirs(rel)) await mkdir(dir, { recursive: true });
    const cpuset = (await this.hierarchies()).get("cpuset");
    if (!cpuset) return;
    let cur = cpuset;
    for (const part of parts) {
      const child = join(cur, part);
      for (const f of ["cpuset.cpus", "cpuset.mems"]) {
        if ((await readFile(join(child, f), "utf8")).trim() === "") {
          await writeFile(join(child, f), await readFile(join(cur, f), "utf8"));
        }
      }
      cur = child;
    }
  }

  private async delegate(dir: string): Promise<void> {
    const available = (await readText(join(dir, "cgroup.controllers"))).split(/\s+/);
    const wanted = V2_PARENT_CONTROLLERS.filter((c) => available.includes(c));
    if (wanted.length === 0) return;
    await writeFile(join(dir, "cgroup.subtree_control"), wanted.map((c) => `+${c}`).join(" "));
  }

  /** Pids of every process in the cgroup and its descendants. */
  async pids(cgroupsPath: string): Promise<number[]> {
    const dir =
      this.mode === "v2"
        ? join(this.root, this.rel(cgroupsPath))
        : await this.anyV1Dir(cgroupsPath, ["pids", "memory", "freezer", "cpu"]);
    const out = new Set<number>();
    for (const d of await subtree(dir)) {
      for (const l of (await readText(join(d, "cgroup.procs"))).split("\n"))
        if (/^\d+$/.test(l)) out.add(Number(l));
    }
    return [...out];
  }

  private async anyV1Dir(cgroupsPath: string, preference: string[]): Promise<string> {
    const h = await this.hierarchies();
    for (const c of preference) {
      const base = h.get(c);
      if (base) return join(base, this.rel(cgroupsPath));
    }
    throw new InternalError(`none of the cgroup controllers ${preference.join(", ")} is mounted`);
  }

  async stats(cgroupsPath: string): Promise<CgroupStats> {
    if (this.mode === "v2") {
      const dir = join(this.root, this.rel(cgroupsPath));
      const cpu = parseFlatKeyed(await readText(join(dir, "cpu.stat")));
      const mem = parseFlatKeyed(await readText(join(dir, "memory.stat")));
      const events = parseFlatKeyed(await readText(join(dir, "memory.events")));
      const usage = await readNumber(join(dir, "memory.current"));
      return {
        cpuUsageNs: (cpu.get("usage_usec") ?? 0) * 1000,
        memoryUsageBytes: usage,
        workingSetBytes: Math.max(0, usage - (mem.get("inactive_file") ?? 0)),
        rssBytes: mem.get("anon") ?? 0,
        pidsCurrent: await readNumber(join(dir, "pids.current")),
        oomKills: events.get("oom_kill") ?? 0,
      };
    }
    const cpuacct = await this.controllerDir(cgroupsPath, "cpuacct");
    const memory = await this.controllerDir(cgroupsPath, "memory");
    const pids = await this.controllerDir(cgroupsPath, "pids");
    const mem = parseFlatKeyed(await readText(join(memory, "memory.stat")));
    const oom = parseFlatKeyed(await readText(join(memory, "memory.oom_control")));
    const usage = await readNumber(join(memory, "memory.usage_in_bytes"));
    const inactive = mem.get("total_inactive_file") ?? mem.get("inactive_file") ?? 0;
    return {
      cpuUsageNs: await readNumber(join(cpuacct, "cpuacct.usage")),
      memoryUsageBytes: usage,
      workingSetBytes: Math.max(0, usage - inactive),
      rssBytes: mem.get("total_rss") ?? mem.get("rss") ?? 0,
      pidsCurrent: await readNumber(join(pids, "pids.current")),
      oomKills: oom.get("oom_kill") ?? 0,
    };
  }

  /**
   * Removes the cgroup and its descendants in every hierarchy. Leftover processes are killed
   * first: frozen so none can fork while being killed, SIGKILLed, thawed, waited for; then the
   * directories are removed deepest first. A missing cgroup is not an error.
   */
  async remove(cgroupsPath: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // Usually none: a container's monitor removes its cgroup when the container exits.
    const present = await this.presentDirs(cgroupsPath);
    if (present.length === 0) return;
    let pids = await this.pids(cgroupsPath);
    if (pids.length > 0) {
      this.log?.warn({ cgroupsPath, pids }, "killing leftover processes before removing cgroup");
      await this.killAll(cgroupsPath, pids);
      for (;;) {
        pids = await this.pids(cgroupsPath);
        if (pids.length === 0) break;
        if (Date.now() > deadline) {
          throw new InternalError(`cgroup "${cgroupsPath}" still has processes ${pids.join(",")} after kill`);
        }
        for (const p of pids) killQuietly(p);
        await sleep(20);
      }
    }
    for (const dir of present) {
      const all = (await subtree(dir)).reverse();
      for (const d of all) {
        for (;;) {
          try {
            await rmdir(d);
            break;
          } catch (err) {
            const code = errnoCode(err);
            if (code === "ENOENT") break;
            // The kernel releases a cgroup shortly after its last task is reaped.
            if (code === "EBUSY" && Date.now() < deadline) {
              await sleep(20);
              continue;
            }
            throw new InternalError(`rmdir cgroup "${d}": ${code ?? String(err)}`);
          }
        }
      }
    }
  }

  private async killAll(cgroupsPath: string, pids: number[]): Promise<void> {
    if (this.mode === "v2") {
      const dir = join(this.root, this.rel(cgroupsPath));
      // cgroup.kill (Linux 5.14) kills the whole subtree atomically, forks included.
      if (await exists(join(dir, "cgroup.kill"))) {
        await writeFile(join(dir, "cgroup.kill"), "1");
        return;
      }
      await writeQuietly(join(dir, "cgroup.freeze"), "1");
      for (const p of pids) killQuietly(p);
      await writeQuietly(join(dir, "cgroup.freeze"), "0");
      return;
    }
    const freezer = (await this.hierarchies()).get("freezer");
    const state = freezer ? join(freezer, this.rel(cgroupsPath), "freezer.state") : undefined;
    if (state) await writeQuietly(state, "FROZEN");
    for (const p of pids) killQuietly(p);
    if (state) await writeQuietly(state, "THAWED");
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

async function writeQuietly(path: string, value: string): Promise<void> {
  try {
    await writeFile(path, value);
  } catch (err) {
    if (errnoCode(err) !== "ENOENT") throw err;
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return "";
    throw err;
  }
}

async function readNumber(path: string): Promise<number> {
  const t = (await readText(path)).trim();
  return /^\d+$/.test(t) ? Number(t) : 0;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** `dir` and all directories below it, parents before children. */
async function subtree(dir: string): Promise<string[]> {
  if (!(await isDir(dir))) return [];
  const out = [dir];
  for (let i = 0; i < out.length; i++) {
    const cur = out[i]!;
    for (const e of await readdir(cur, { withFileTypes: true }))
      if (e.isDirectory()) out.push(join(cur, e.name));
  }
  return out;
}
